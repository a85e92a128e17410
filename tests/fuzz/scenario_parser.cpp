// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: the scenario parser (sim::parse_scenario_text). Whatever the bytes, the answer is a
// Scenario or a sim::ScenarioError whose message starts "<path>:<line>:<column>: " -- never a
// crash, a hang, or another exception type escaping (yaml-cpp's own must be converted).
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "scenario.h"

namespace {

// "fuzz.yaml:<line>:<column>: ", both counted from 1. By hand: <regex> would double this file's build.
bool has_position(const std::string& message) {
  const std::string file = "fuzz.yaml:";
  if (message.compare(0, file.size(), file) != 0) return false;
  size_t at = file.size();
  for (char end : {':', ':'}) {
    size_t digits = 0;
    while (at + digits < message.size() && std::isdigit(static_cast<unsigned char>(message[at + digits]))) ++digits;
    if (digits == 0 || message[at] == '0' || at + digits >= message.size() || message[at + digits] != end) return false;
    at += digits + 1;
  }
  return message.compare(at, 1, " ") == 0;
}

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "scenario_parser: %s: %s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    sim::Scenario scenario = sim::parse_scenario_text(text, "fuzz.yaml");
    // What the runner prints of each step must work for every step that parsed.
    for (const sim::Step& step : scenario.steps) (void)step.describe();
  } catch (const sim::ScenarioError& e) {
    if (!has_position(e.what())) fail("a ScenarioError without file:line:column", e.what());
  }
  // Any other exception leaves this function and libFuzzer reports it (std::terminate).
  return 0;
}
