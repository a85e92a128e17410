// SPDX-License-Identifier: GPL-2.0-or-later
#include "scenario_recorder.h"

#include <fmt/format.h>

#include "duration.h"

namespace sim {

std::string yaml_quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20) {
      out += fmt::format("\\x{:02X}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

void ScenarioRecorder::wait(devices::Nanoseconds d) {
  steps_ += fmt::format("  - wait: {}\n", format_duration(d));
  total_ += d;
}

void ScenarioRecorder::input(const std::string& kind, const std::string& argument) {
  steps_ += fmt::format("  - {}: {}\n", kind, argument);
}

void ScenarioRecorder::type(const std::string& text, devices::Nanoseconds lasted) {
  steps_ += fmt::format("  - type: {}\n", yaml_quoted(text));
  total_ += lasted;
}

void ScenarioRecorder::console(const std::string& text) {
  steps_ += fmt::format("  - wait-console: {{ text: {}, within: 0ns }}\n", yaml_quoted(text));
}

void ScenarioRecorder::network(const std::string& kind, const std::string& argument, devices::Nanoseconds lasted) {
  steps_ += fmt::format("  - {}: {}\n", kind, argument);
  total_ += lasted;
}

void ScenarioRecorder::received(const std::string& conn, const std::string& bytes) {
  steps_ += fmt::format("  - tcp-expect: {{ conn: {}, text: {}, within: 0ns }}\n", conn, yaml_quoted(bytes));
}

std::string ScenarioRecorder::yaml(const std::string& name, const std::string& firmware) const {
  return fmt::format(
      "# Recorded by asyncboard: replays the session headless (asyncboard run THIS_FILE).\n"
      "name: {}\nfirmware: {}\ntime_limit: {}\nsteps:\n{}",
      name, firmware, format_duration(total_ + 1'000'000'000), steps_.empty() ? "  - wait: 1ms\n" : steps_);
}

}  // namespace sim
