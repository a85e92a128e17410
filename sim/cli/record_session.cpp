#include "record_session.h"

#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <optional>
#include <vector>

#include "../duration.h"
#include "../elf_image.h"
#include "../machine.h"
#include "../scenario_recorder.h"
#include "run_output.h"

namespace sim::cli {

ScenarioResult record_session(const std::string& file, const std::string& out_path) {
  try {
    ElfImage image = ElfImage::load(file);
    Machine m(image);
    ScenarioRecorder recorder;
    m.on_console_line([&recorder](const ConsoleLine& l) {
      recorder.console(l.text);
      print(fmt::format("  [{}] uart  {}", format_ms(l.at), l.text));
    });
    print_header(fmt::format("firmware {} (recording: wait 100ms, press B1, release B1, click B1, set-pin PA3 high, type TEXT, quit)", file));
    // As the scenario player waits: to the same instant, so the replay runs cycle for cycle alike.
    auto run_for = [&m, &recorder](devices::Nanoseconds d) -> std::optional<ScenarioResult> {
      recorder.wait(d);
      if (m.run_until(m.clock().now() + m.clock().from_ns_ceil(d)) == StopReason::Faulted)
        return ScenarioResult{kFirmwareFault, "firmware fault: " + m.describe_fault()};
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
        complain("unknown command '" + line + "' (wait 100ms, press B1, release B1, click B1, set-pin PA3 high, type TEXT, quit)");
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
