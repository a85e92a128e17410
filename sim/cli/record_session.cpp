// SPDX-License-Identifier: GPL-2.0-or-later
#include "record_session.h"

#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "../duration.h"
#include "../elf_image.h"
#include "../machine.h"
#include "../scenario.h"
#include "../scenario_recorder.h"
#include "../tcp_peer.h"
#include "run_output.h"

namespace sim::cli {

namespace {
constexpr const char* kCommands =
    "wait 100ms, press B1, release B1, click B1, set-pin PA3 high, type TEXT, tcp-connect c1 80, tcp-send c1 TEXT, "
    "tcp-close c1, tcp-reset c1, quit";
}  // namespace

ScenarioResult record_session(const std::string& file, const std::string& out_path) {
  try {
    ElfImage image = ElfImage::load(file);
    Machine m(image);
    ScenarioRecorder recorder;
    // Lines printed while a step runs (a connect) belong after that step: they wait here until it is written.
    std::optional<std::vector<std::string>> deferred;
    m.on_console_line([&recorder, &deferred](const ConsoleLine& l) {
      if (deferred)
        deferred->push_back(l.text);
      else
        recorder.console(l.text);
      print(fmt::format("  [{}] uart  {}", format_ms(l.at), l.text));
    });
    print_header(fmt::format("firmware {} (recording: {})", file, kCommands));
    // TCP clients by name, and how much of what each received is already in the recording.
    std::map<std::string, std::unique_ptr<TcpPeer>> peers;
    std::map<std::string, size_t> recorded;
    bool waiting_for_net = false;
    auto note_received = [&] {
      for (auto& [name, peer] : peers) {
        size_t& done = recorded[name];
        if (peer->received().size() > done) {
          std::string bytes = peer->received().substr(done);
          recorder.received(name, bytes);
          print(fmt::format("  [{}] tcp   {} received {}", format_ms(m.clock().now_ns()), name, sim::quoted(bytes)));
          done = peer->received().size();
        }
      }
    };
    // As the scenario player waits: to the same instant, so the replay runs cycle for cycle alike.
    auto run_for = [&](devices::Nanoseconds d) -> std::optional<ScenarioResult> {
      recorder.wait(d);
      if (m.run_until(m.clock().now() + m.clock().from_ns_ceil(d)) == StopReason::Faulted)
        return ScenarioResult{kFirmwareFault, "firmware fault: " + m.describe_fault()};
      note_received();
      return std::nullopt;
    };
    char buffer[512];
    int line_number = 0;
    while (std::fgets(buffer, sizeof buffer, stdin)) {
      ++line_number;
      std::string line(buffer);
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
      std::vector<std::string> w;
      for (size_t i = 0; i < line.size();) {
        size_t j = line.find(' ', i);
        if (j == std::string::npos) j = line.size();
        if (j > i) w.push_back(line.substr(i, j - i));
        i = j + 1;
      }
      if (w.empty() || w[0][0] == '#') continue;
      auto complain = [&](const std::string& why) {
        std::fprintf(stderr, "record: line %d: %s\n", line_number, why.c_str());
      };
      if (w[0] == "quit") break;
      if (w[0] == "type") {  // the rest of the line as typed, then Enter
        std::string text = (line.size() > 5 ? line.substr(line.find("type") + 5) : std::string()) + "\n";
        devices::Nanoseconds start = m.clock().now_ns();
        Cycles end = m.type_into_console(text);
        recorder.type(text, m.clock().to_ns(end) - start);
        if (m.run_until(end) == StopReason::Faulted) return {kFirmwareFault, "firmware fault: " + m.describe_fault()};
        continue;
      }
      if (w[0].rfind("tcp-", 0) == 0) {
        auto peer = peers.find(w.size() > 1 ? w[1] : "");
        if (w[0] == "tcp-connect" && w.size() == 3) {
          long port = w[2].find_first_not_of("0123456789") == std::string::npos && w[2].size() <= 5 ? std::stol(w[2]) : 0;
          if (port < 1 || port > 65535 || peer != peers.end()) {
            complain(peer != peers.end() ? "a connection named '" + w[1] + "' exists" : "tcp-connect takes a name and a port");
            continue;
          }
          // As the tcp-connect step does: run until the connect is decided, stopping when the client hears.
          devices::Nanoseconds start = m.clock().now_ns();
          auto& c = peers[w[1]];
          c = std::make_unique<TcpPeer>(w[1], m.network(), m.clock(), devices::SocketAddress{board::kNetBoardAddress, static_cast<uint16_t>(port)},
                                        [&m, &waiting_for_net] { if (waiting_for_net) m.request_stop(); });
          Cycles deadline = m.clock().from_ns_ceil(start + 1'000'000'000);
          deferred.emplace();
          while (c->connecting() && m.clock().now() < deadline) {
            waiting_for_net = true;
            StopReason r = m.run_until(deadline);
            waiting_for_net = false;
            if (r == StopReason::Faulted) return {kFirmwareFault, "firmware fault: " + m.describe_fault()};
          }
          bool refused = !c->connected();
          recorder.network("tcp-connect", fmt::format("{{ conn: {}, port: {}{} }}", w[1], port, refused ? ", refused: true" : ""),
                           m.clock().now_ns() - start);
          std::vector<std::string> lines = std::move(*deferred);
          deferred.reset();
          for (const std::string& text : lines) recorder.console(text);
          print(fmt::format("  [{}] tcp   {} {}", format_ms(m.clock().now_ns()), w[1],
                            refused ? devices::to_string(c->error()) : "connected"));
          note_received();
        } else if (peer == peers.end()) {
          complain(fmt::format("no connection named '{}' (tcp-connect NAME PORT first)", w.size() > 1 ? w[1] : ""));
        } else if (w[0] == "tcp-send" && w.size() >= 3) {  // the rest of the line, then a newline
          size_t at = line.find(w[1], line.find("tcp-send") + 8) + w[1].size() + 1;
          std::string text = line.substr(std::min(at, line.size())) + "\n";
          recorder.network("tcp-send", fmt::format("{{ conn: {}, text: {} }}", w[1], yaml_quoted(text)));
          peer->second->send(text);
        } else if (w[0] == "tcp-close" && w.size() == 2) {
          recorder.network("tcp-close", w[1]);
          peer->second->close();
        } else if (w[0] == "tcp-reset" && w.size() == 2) {
          recorder.network("net-fault", fmt::format("{{ reset: {} }}", w[1]));
          peer->second->reset();
        } else {
          complain("unknown command '" + line + "' (" + kCommands + ")");
        }
        continue;
      }
      if (w[0] == "wait" && w.size() == 2) {
        auto d = parse_duration(w[1]);
        if (!d) {
          complain("'" + w[1] + "' is not a duration (e.g. 100ms)");
          continue;
        }
        if (auto fault = run_for(*d)) return *fault;
      } else if ((w[0] == "press" || w[0] == "release" || w[0] == "click") && w.size() == 2) {
        devices::Button* b = m.find_button(w[1]);
        if (!b) {
          complain(fmt::format("no button named '{}' (the board has: {})", w[1], fmt::join(m.button_names(), ", ")));
          continue;
        }
        if (w[0] != "release") {
          recorder.input("press", w[1]);
          b->press();
        }
        if (w[0] == "click") {  // as the click step does: held for 50 ms
          if (auto fault = run_for(50'000'000)) return *fault;
        }
        if (w[0] != "press") {
          recorder.input("release", w[1]);
          b->release();
        }
      } else if (w[0] == "set-pin" && w.size() == 3) {
        std::string digits = w[1].rfind("PA", 0) == 0 ? w[1].substr(2) : w[1];
        int pin = digits.empty() || digits.size() > 2 || digits.find_first_not_of("0123456789") != std::string::npos
                      ? -1
                      : std::stoi(digits);
        if (pin < 0 || pin > 15 || (w[2] != "high" && w[2] != "low" && w[2] != "float")) {
          complain("set-pin takes a pin PA0..PA15 and high, low or float");
          continue;
        }
        recorder.input("set-pin", fmt::format("{{ pin: PA{}, value: {} }}", pin, w[2]));
        if (w[2] == "float")
          m.gpio_a().release_input(pin);
        else
          m.gpio_a().drive_input(pin, w[2] == "high");
      } else {
        complain("unknown command '" + line + "' (" + kCommands + ")");
        continue;
      }
    }
    std::string name = std::filesystem::path(out_path).stem().string();
    std::error_code ec;
    std::string firmware = std::filesystem::absolute(file, ec).string();
    if (!write_file(out_path, recorder.yaml(name, firmware), "recorded scenario"))
      return {kUsageOrFileError, "cannot write " + out_path};
    return {kPassed, fmt::format("recorded {:.3f} s of virtual time into {}", static_cast<double>(m.clock().now_ns()) / 1e9,
                                 out_path)};
  } catch (const ElfError& e) {
    return {kUsageOrFileError, e.what()};
  } catch (const CpuError& e) {
    return {kUsageOrFileError, e.what()};
  }
}

}  // namespace sim::cli
