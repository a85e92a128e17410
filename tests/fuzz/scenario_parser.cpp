// Fuzz target: the scenario parser (sim::parse_scenario_text). Whatever the bytes, the answer is a
// Scenario or a sim::ScenarioError whose message starts "<path>:<line>:<column>: " -- never a
// crash, a hang, or another exception type escaping (yaml-cpp's own must be converted).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <string>

#include "scenario.h"

namespace {

const std::regex kErrorPrefix("^fuzz\\.yaml:[1-9][0-9]*:[1-9][0-9]*: ");  // lines and columns count from 1

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
    if (!std::regex_search(e.what(), kErrorPrefix)) fail("a ScenarioError without file:line:column", e.what());
  }
  // Any other exception leaves this function and libFuzzer reports it (std::terminate).
  return 0;
}
