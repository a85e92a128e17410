// SPDX-License-Identifier: GPL-2.0-or-later
#include "scenario_runner.h"

#include <algorithm>
#include <map>
#include <memory>
#include <cmath>
#include <optional>
#include <regex>
#include <string_view>

#include <unistd.h>

#include <filesystem>
#include <fmt/format.h>

#include "duration.h"
#include "elf_image.h"
#include "machine.h"
#include "tcp_peer.h"

namespace sim {

namespace fs = std::filesystem;

std::string asyncboard_firmware_dir() {
  if (const char* env = std::getenv("ASYNCBOARD_FIRMWARE_DIR")) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "build/firmware";
  fs::path build_tree = exe.parent_path().parent_path() / "firmware";  // <build>/bin/asyncboard
  fs::path installed = exe.parent_path().parent_path() / "share" / "asyncboard" / "firmware";
  return (fs::is_directory(build_tree) || !fs::is_directory(installed) ? build_tree : installed).string();
}

std::string locate_firmware(const std::string& firmware, const std::string& scenario_path) {
  std::vector<fs::path> tried;
  auto found = [&tried](const fs::path& dir, const std::string& name) -> std::optional<fs::path> {
    for (fs::path candidate : {dir / name, dir / (name + ".elf")}) {
      if (std::find(tried.begin(), tried.end(), candidate) != tried.end()) continue;
      tried.push_back(candidate);
      if (fs::is_regular_file(candidate)) return candidate;
    }
    return std::nullopt;
  };
  // The scenario's own project first: beside the file, then its build directory (where a project
  // made by `asyncboard new` puts its image), then asyncboard's own images.
  if (!scenario_path.empty()) {  // (empty: a built-in demo, asyncboard's own images only)
    fs::path project = fs::path(scenario_path).parent_path();
    for (const fs::path& dir : {project, project / "build", project / "build" / "firmware"})
      if (auto at = found(dir, firmware)) return at->string();
    // A project's ctest run (asyncboard_add_scenario) names its build directory, whatever it is called.
    if (const char* build = std::getenv("ASYNCBOARD_PROJECT_BUILD"))
      if (auto at = found(build, firmware)) return at->string();
  }
  if (auto at = found(asyncboard_firmware_dir(), firmware)) return at->string();
  std::string list;
  for (const fs::path& p : tried) list += (list.empty() ? "" : ", ") + p.string();
  throw ScenarioError(fmt::format("{}: firmware '{}' not found (tried {}); build the image first (cmake --build build), "
                                  "or give its path relative to the scenario file",
                                  scenario_path, firmware, list));
}

namespace {

// libstdc++'s std::regex matches recursively: over ~100 KB of text a pattern like (a|b)*c overflows
// the stack. A `match:` therefore looks at the first 4 KiB of a console line, or of a connection's
// unread bytes -- a documented limit, instead of a crash on a chatty firmware.
constexpr size_t kRegexWindow = 4096;

class Player {
 public:
  Player(const Scenario& sc, Machine& m, const std::function<void(const std::string&)>& out)
      : sc_(sc), m_(m), out_(out), limit_(m.clock().from_ns_ceil(sc.time_limit)) {}

  ScenarioResult play() {
    m_.on_console_line([this](const ConsoleLine& line) {
      out_(fmt::format("  [{}] uart  {}", format_ms(line.at), line.text));
      if (waiting_for_console_) m_.request_stop();
    });
    m_.gpio_a().on_level_change([this](int, bool) {
      if (waiting_for_pins_) m_.request_stop();
    });
    m_.trace_port().on_event([this](const devices::TaskEvent&, const devices::TaskRecord&) {
      if (waiting_for_tasks_) m_.request_stop();
    });
    m_.gpio_a().on_duty_change([this](int, double) {  // an LED's brightness
      if (waiting_for_pins_) m_.request_stop();
    });
    m_.on_diagnostic([this](const std::string& d) { out_(fmt::format("  [{}] note  {}", format_ms(m_.clock().now_ns()), d)); });
    m_.network().set_config(sc_.network);
    for (size_t i = 0; i < sc_.steps.size(); ++i) {
      const Step& s = sc_.steps[i];
      std::string failure;
      ExitCode code = do_step(s, failure);
      std::string where = fmt::format("step {}/{} (line {}) {}", i + 1, sc_.steps.size(), s.line, s.describe());
      if (code != kPassed) return {code, fmt::format("{}: {}", where, failure)};
      out_(fmt::format("  [{}] step  {}/{} {}  ok", format_ms(m_.clock().now_ns()), i + 1, sc_.steps.size(), s.describe()));
    }
    return {kPassed, fmt::format("{} steps, {:.3f} s virtual, {} instructions", sc_.steps.size(),
                                 static_cast<double>(m_.clock().now_ns()) / 1e9, m_.instructions())};
  }

 private:
  // Runs the machine up to `until` (capped by the time limit); a fault or the limit is a failure.
  ExitCode advance(Cycles until, std::string& failure) {
    Cycles target = std::min(until, limit_);
    for (;;) {
      StopReason r = m_.run_until(target);
      if (r == StopReason::Faulted) {
        for (const std::string& line : m_.fault_details()) out_("  " + line);
        failure = "firmware fault: " + m_.describe_fault();
        return kFirmwareFault;
      }
      if (r == StopReason::Exited) {  // time goes on: the board is still there
        out_(fmt::format("  [{}] exit  firmware exited with status {}", format_ms(m_.clock().now_ns()), *m_.exit_status()));
        continue;
      }
      if (r == StopReason::TimeReached && target < until) {
        failure = fmt::format("the scenario's time limit ({}) was reached", format_duration(sc_.time_limit));
        if (!m_.sleeping() && !m_.exit_status())  // a runaway loop: say where it spins
          failure += fmt::format(" with the firmware busy at PC {}", m_.image().describe(m_.pc()));
        return kExpectationFailed;
      }
      return kPassed;  // TimeReached, or StopRequested by an observer the caller set up
    }
  }

  ExitCode do_step(const Step& s, std::string& failure) {
    switch (s.kind) {
      case Step::Kind::Wait:
        return advance(m_.clock().now() + m_.clock().from_ns_ceil(s.duration), failure);
      case Step::Kind::Press:
      case Step::Kind::Release:
      case Step::Kind::Click: {
        devices::Button* b = m_.find_button(s.target);
        if (!b) {
          failure = fmt::format("no button named '{}' (the board has: {})", s.target, fmt::join(m_.button_names(), ", "));
          return kExpectationFailed;
        }
        if (s.kind == Step::Kind::Release) {
          b->release(s.bounce);
          return kPassed;
        }
        b->press(s.bounce);
        if (s.kind == Step::Kind::Press) return kPassed;
        if (ExitCode c = advance(m_.clock().now() + m_.clock().from_ns_ceil(s.duration), failure)) return c;
        b->release(s.bounce);
        return kPassed;
      }
      case Step::Kind::WaitConsole: {
        devices::Nanoseconds start = m_.clock().now_ns();
        devices::Nanoseconds deadline = s.has_within ? start + s.duration : sc_.time_limit;
        std::optional<std::regex> pattern;
        if (s.is_regex) pattern.emplace(s.text);  // checked when the file was parsed
        auto matches = [&](const std::string& line) {
          if (!pattern) return line.find(s.text) != std::string::npos;
          std::string_view head(line.data(), std::min(line.size(), kRegexWindow));
          return std::regex_search(head.begin(), head.end(), *pattern);
        };
        for (;;) {
          const auto& lines = m_.console();
          for (; console_cursor_ < lines.size(); ++console_cursor_) {
            if (matches(lines[console_cursor_].text) && lines[console_cursor_].at <= deadline) {
              ++console_cursor_;
              return kPassed;
            }
          }
          if (m_.clock().now_ns() >= deadline) {
            failure = s.is_regex ? fmt::format("no console line matching /{}/ by {}", s.text, format_ms(deadline))
                                 : fmt::format("no console line containing \"{}\" by {}", s.text, format_ms(deadline));
            return kExpectationFailed;
          }
          waiting_for_console_ = true;
          ExitCode c = advance(m_.clock().from_ns_ceil(deadline), failure);
          waiting_for_console_ = false;
          if (c) return c;
        }
      }
      case Step::Kind::ExpectLed: {
        devices::Led* led = m_.find_led(s.target);
        if (!led) {
          failure = fmt::format("no LED named '{}' (the board has: {})", s.target, fmt::join(m_.led_names(), ", "));
          return kExpectationFailed;
        }
        devices::Nanoseconds deadline = m_.clock().now_ns() + (s.has_within ? s.duration : 0);
        auto holds = [&] {
          if (!s.has_brightness) return led->lit() == s.value;
          return std::abs(led->brightness() - s.brightness) <= s.brightness_tolerance + 1e-9;
        };
        auto state = [&] {
          if (s.has_brightness) return fmt::format("at brightness {:g}", led->brightness());
          return std::string(led->lit() ? "on" : "off");
        };
        while (!holds()) {
          if (m_.clock().now_ns() >= deadline) {
            failure = s.has_within ? fmt::format("{} still {} at {}", s.target, state(), format_ms(deadline))
                                   : fmt::format("{} is {}", s.target, state());
            return kExpectationFailed;
          }
          waiting_for_pins_ = true;
          ExitCode c = advance(m_.clock().from_ns_ceil(deadline), failure);
          waiting_for_pins_ = false;
          if (c) return c;
        }
        return kPassed;
      }
      case Step::Kind::ExpectBlink: return expect_blink(s, failure);
      case Step::Kind::Type:  // the step lasts until the last byte is in the UART's receive FIFO
        return advance(m_.type_into_console(s.text), failure);
      case Step::Kind::SetPin:
        if (s.level < 0)
          m_.gpio_a().release_input(s.pin);
        else
          m_.gpio_a().drive_input(s.pin, s.level == 1);
        return kPassed;
      case Step::Kind::ExpectPin: {
        devices::Nanoseconds deadline = m_.clock().now_ns() + (s.has_within ? s.duration : 0);
        while (m_.gpio_a().pin_level(s.pin) != (s.level == 1)) {
          if (m_.clock().now_ns() >= deadline) {
            const char* now = m_.gpio_a().pin_level(s.pin) ? "high" : "low";
            failure = s.has_within ? fmt::format("PA{} still {} at {}", s.pin, now, format_ms(deadline))
                                   : fmt::format("PA{} is {}", s.pin, now);
            return kExpectationFailed;
          }
          waiting_for_pins_ = true;
          ExitCode c = advance(m_.clock().from_ns_ceil(deadline), failure);
          waiting_for_pins_ = false;
          if (c != kPassed) return c;
        }
        return kPassed;
      }
      case Step::Kind::ExpectIrqCount: {
        uint64_t taken = m_.nvic().taken_count(s.exception);
        if (taken == s.count) return kPassed;
        failure = fmt::format("{} was taken {} time{}", s.target, taken, taken == 1 ? "" : "s");
        return kExpectationFailed;
      }
      case Step::Kind::RunUntilIdle: {
        // Idle: the CPU asleep (WFI or WFE) with no interrupt about to wake it. Time moves in small
        // slices, so the step ends within 10 us of the firmware going idle.
        devices::Nanoseconds deadline = m_.clock().now_ns() + s.duration;
        while (!m_.sleeping()) {
          if (m_.clock().now_ns() >= deadline) {
            failure = fmt::format("still busy at {} (PC {})", format_ms(deadline), m_.image().describe(m_.pc()));
            return kExpectationFailed;
          }
          devices::Nanoseconds next = std::min(deadline, m_.clock().now_ns() + 10'000);
          if (ExitCode c = advance(m_.clock().from_ns_ceil(next), failure)) return c;
          if (m_.exit_status()) return kPassed;  // exited: nothing more will run
        }
        return kPassed;
      }
      case Step::Kind::TcpConnect:
      case Step::Kind::TcpSend:
      case Step::Kind::TcpExpect:
      case Step::Kind::TcpClose:
      case Step::Kind::NetFault:
        return net_step(s, failure);
      case Step::Kind::ExpectTask: return expect_task(s, failure);
      case Step::Kind::ExpectExit:
        if (!m_.exit_status()) {
          failure = "the firmware has not exited";
          return kExpectationFailed;
        }
        if (static_cast<int>(*m_.exit_status()) != s.exit_status) {
          failure = fmt::format("the firmware exited with status {}", *m_.exit_status());
          return kExpectationFailed;
        }
        return kPassed;
    }
    failure = "unknown step";
    return kExpectationFailed;
  }

  // The task named `s.target` (the latest created with that name) is in the state, now or by the
  // end of `within`. States come from the trace port, which the board port's trace hook feeds.
  ExitCode expect_task(const Step& s, std::string& failure) {
    const devices::TracePort& port = m_.trace_port();
    devices::Nanoseconds deadline = m_.clock().now_ns() + (s.has_within ? s.duration : 0);
    auto matches = [&s](const devices::TaskRecord& t) {
      return t.state == s.task_state && (!s.has_waits_on || t.waits_on == s.waits_on);
    };
    for (;;) {
      const devices::TaskRecord* t = port.find(s.target);
      if (t && matches(*t)) return kPassed;
      if (m_.clock().now_ns() >= deadline) {
        std::string by = s.has_within ? " by " + format_ms(deadline) : "";
        if (!t)
          failure = fmt::format("no task named '{}'{} ({})", s.target, by, task_list());
        else
          failure = fmt::format("{} is {}{}", s.target, task_state_text(*t), by);
        return kExpectationFailed;
      }
      waiting_for_tasks_ = true;
      ExitCode c = advance(m_.clock().from_ns_ceil(deadline), failure);
      waiting_for_tasks_ = false;
      if (c) return c;
    }
  }

  static std::string task_state_text(const devices::TaskRecord& t) {
    if (t.waits_on == devices::WaitReason::None) return devices::to_string(t.state);
    return fmt::format("{} on {}", devices::to_string(t.state), devices::to_string(t.waits_on));
  }

  // The tasks the firmware has reported, with their states, for a message about a name not among them.
  std::string task_list() const {
    const devices::TracePort& port = m_.trace_port();
    if (!port.enabled()) return "the trace port is disabled, so no task is known";
    constexpr size_t kListed = 20;
    std::vector<const devices::TaskRecord*> all = port.tasks();
    std::vector<std::string> tasks;
    for (size_t i = 0; i < all.size() && i < kListed; ++i)
      tasks.push_back(fmt::format("{} ({})", all[i]->label(), task_state_text(*all[i])));
    if (all.size() > kListed) tasks.push_back(fmt::format("and {} more", all.size() - kListed));
    if (tasks.empty()) return "the firmware has reported no tasks: its trace hook reports them once asyncio runs on the board port";
    return fmt::format("the firmware's tasks: {}", fmt::join(tasks, ", "));
  }

  // Every edge of the LED up to `until` must match the schedule: rising at first + k*period,
  // falling `on` later, each within the tolerance, none missing and none extra.
  ExitCode expect_blink(const Step& s, std::string& failure) {
    devices::Led* led = m_.find_led(s.target);
    if (!led) {
      failure = fmt::format("no LED named '{}' (the board has: {})", s.target, fmt::join(m_.led_names(), ", "));
      return kExpectationFailed;
    }
    if (m_.clock().now_ns() < s.until) {
      failure = fmt::format("checks edges up to {} but the scenario is only at {}: wait first", format_duration(s.until),
                            format_duration(m_.clock().now_ns()));
      return kExpectationFailed;
    }
    std::vector<devices::Led::Edge> edges;
    for (const auto& e : led->history())
      if (e.at <= s.until) edges.push_back(e);
    size_t k = 0;
    for (devices::Nanoseconds rise = s.first; rise <= s.until; rise += s.period) {
      for (int half = 0; half < 2; ++half) {
        devices::Nanoseconds expected = rise + (half ? s.on : 0);
        if (expected > s.until) break;
        bool lit = half == 0;
        if (k >= edges.size()) {
          failure = fmt::format("{} never turned {} near {}", s.target, lit ? "on" : "off", format_ms(expected));
          return kExpectationFailed;
        }
        const auto& e = edges[k++];
        devices::Nanoseconds diff = e.at > expected ? e.at - expected : expected - e.at;
        if (e.lit != lit || diff > s.tolerance) {
          failure = fmt::format("{} turned {} at {}; expected {} at {} (tolerance {})", s.target, e.lit ? "on" : "off",
                                format_ms(e.at), lit ? "on" : "off", format_ms(expected), format_duration(s.tolerance));
          return kExpectationFailed;
        }
      }
    }
    if (k < edges.size()) {
      failure = fmt::format("{} has an extra edge ({}) at {}", s.target, edges[k].lit ? "on" : "off", format_ms(edges[k].at));
      return kExpectationFailed;
    }
    return kPassed;
  }

  // Runs the machine until `done()` or `deadline` (virtual ns), waking whenever a peer changes.
  template <typename Done>
  ExitCode run_until_net(Done done, devices::Nanoseconds deadline, std::string& failure) {
    while (!done()) {
      if (m_.clock().now_ns() >= deadline) return kExpectationFailed;  // the caller says what was missing
      waiting_for_net_ = true;
      ExitCode c = advance(m_.clock().from_ns_ceil(deadline), failure);
      waiting_for_net_ = false;
      if (c) return c;
    }
    return kPassed;
  }

  TcpPeer* peer(const std::string& name, std::string& failure) {
    auto it = peers_.find(name);
    if (it != peers_.end()) return it->second.get();
    std::vector<std::string> names;
    for (const auto& [n, p] : peers_) names.push_back(n);
    failure = names.empty() ? fmt::format("no connection named '{}' (open one with tcp-connect first)", name)
                            : fmt::format("no connection named '{}' (open: {})", name, fmt::join(names, ", "));
    return nullptr;
  }

  ExitCode net_step(const Step& s, std::string& failure) {
    devices::Nanoseconds now = m_.clock().now_ns();
    if (s.kind == Step::Kind::TcpConnect) {
      if (peers_.count(s.target)) {
        failure = fmt::format("a connection named '{}' already exists", s.target);
        return kExpectationFailed;
      }
      auto p = std::make_unique<TcpPeer>(s.target, m_.network(), m_.clock(),
                                         devices::SocketAddress{board::kNetBoardAddress, s.port}, [this] {
                                           if (waiting_for_net_) m_.request_stop();
                                         });
      TcpPeer& c = *p;
      peers_[s.target] = std::move(p);
      devices::Nanoseconds deadline = std::min(now + s.duration, sc_.time_limit);
      ExitCode code = run_until_net([&] { return !c.connecting(); }, deadline, failure);
      if (code == kFirmwareFault || (code && !failure.empty())) return code;
      if (s.value) {
        if (c.error() == devices::NetError::Refused) return kPassed;
        failure = c.connected() ? "the board accepted the connection" : "no answer to the connect by " + format_ms(deadline);
        return kExpectationFailed;
      }
      if (c.connected()) return kPassed;
      failure = c.connecting() ? fmt::format("still connecting at {}", format_ms(deadline))
                               : fmt::format("{} (is the firmware listening on port {}?)", devices::to_string(c.error()), s.port);
      return kExpectationFailed;
    }
    if (s.kind == Step::Kind::NetFault && s.fault == "refuse") {
      m_.network().refuse_next(s.port, static_cast<int>(s.count));
      return kPassed;
    }
    if (s.kind == Step::Kind::NetFault && s.fault == "reset-port") {
      int n = m_.network().reset_port(s.port);
      out_(fmt::format("  [{}] net   reset {} connection{} on port {}", format_ms(now), n, n == 1 ? "" : "s", s.port));
      return kPassed;
    }
    TcpPeer* c = peer(s.target, failure);
    if (!c) return kExpectationFailed;
    switch (s.kind) {
      case Step::Kind::TcpSend:
        c->send(s.text);
        return kPassed;
      case Step::Kind::TcpClose:
        if (s.value)
          c->shutdown();
        else
          c->close();
        return kPassed;
      case Step::Kind::NetFault:
        if (s.fault == "reset")
          c->reset();
        else
          m_.network().stall(c->socket(), now + s.duration);
        return kPassed;
      case Step::Kind::TcpExpect: return tcp_expect(s, *c, failure);
      default: break;
    }
    failure = "unknown network step";
    return kExpectationFailed;
  }

  // Looks for the text in what arrived since the last tcp-expect on this connection, and consumes
  // through the match; eof: true waits for the board to close its side.
  ExitCode tcp_expect(const Step& s, TcpPeer& c, std::string& failure) {
    devices::Nanoseconds deadline = s.has_within ? m_.clock().now_ns() + s.duration : sc_.time_limit;
    size_t& cursor = cursors_[s.target];
    std::optional<std::regex> pattern;
    if (s.is_regex) pattern.emplace(s.text);
    bool matched = false;
    auto look = [&] {
      std::string_view rest = std::string_view(c.received()).substr(cursor);
      if (s.value) {
        matched = c.eof();
        if (matched) cursor = c.received().size();
      } else if (pattern) {
        std::match_results<std::string_view::const_iterator> m;
        std::string_view head = rest.substr(0, kRegexWindow);
        matched = std::regex_search(head.begin(), head.end(), m, *pattern);
        if (matched) cursor += static_cast<size_t>(m.position(0) + m.length(0));
      } else if (size_t at = rest.find(s.text); at != std::string_view::npos) {
        matched = true;
        cursor += at + s.text.size();
      }
      return matched || c.eof() || c.error() != devices::NetError::None;
    };
    ExitCode code = run_until_net(look, deadline, failure);
    if (matched) return kPassed;
    if (!failure.empty()) return code;  // a fault or the time limit
    std::string_view rest = std::string_view(c.received()).substr(cursor);
    std::string got = rest.empty() ? "nothing" : quoted(rest);
    if (c.error() != devices::NetError::None)
      failure = fmt::format("{}: {} (unmatched: {})", s.target, devices::to_string(c.error()), got);
    else if (s.value)
      failure = fmt::format("{} still open at {} (unmatched: {})", s.target, format_ms(deadline), got);
    else
      failure = fmt::format("{} received {} by {}{}", s.target, got, format_ms(std::min(deadline, m_.clock().now_ns())),
                            c.eof() ? ", then end of stream" : "");
    return kExpectationFailed;
  }

  const Scenario& sc_;
  Machine& m_;
  const std::function<void(const std::string&)>& out_;
  Cycles limit_;
  size_t console_cursor_ = 0;
  bool waiting_for_console_ = false;
  bool waiting_for_pins_ = false;
  bool waiting_for_net_ = false;
  std::map<std::string, std::unique_ptr<TcpPeer>> peers_;  // tcp-connect's connections by name
  std::map<std::string, size_t> cursors_;                   // how far tcp-expect has read each
  bool waiting_for_tasks_ = false;
};

}  // namespace

ScenarioResult run_scenario(const Scenario& sc, const std::function<void(const std::string&)>& out,
                            const MachineHooks& hooks) {
  std::string firmware;
  try {
    firmware = locate_firmware(sc.firmware, sc.path);
  } catch (const ScenarioError& e) {
    return {kUsageOrFileError, e.what()};
  }
  try {
    ElfImage image = ElfImage::load(firmware);
    Machine machine(image);
    out(fmt::format("  firmware {}", firmware));
    if (hooks.started) hooks.started(machine);
    ScenarioResult result = Player(sc, machine, out).play();
    if (hooks.finished) hooks.finished(machine);
    return result;
  } catch (const ElfError& e) {
    return {kUsageOrFileError, e.what()};
  } catch (const CpuError& e) {
    return {kUsageOrFileError, e.what()};
  }
}

}  // namespace sim
