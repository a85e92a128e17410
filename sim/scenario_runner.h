// SPDX-License-Identifier: GPL-2.0-or-later
// Plays a Scenario against a Machine in virtual time: gives input, checks expectations, and
// reports one line per step and per console line as they happen.
#pragma once
#include <functional>
#include <string>

#include "scenario.h"

namespace sim {

class Machine;

// Exit codes of `asyncboard run`, shared by every way of running.
enum ExitCode : int { kPassed = 0, kExpectationFailed = 1, kUsageOrFileError = 2, kFirmwareFault = 3 };

struct ScenarioResult {
  ExitCode code = kPassed;
  std::string message;  // one line: why it failed, naming the step, or a summary when it passed
};

// Resolves a scenario's `firmware:` entry, PATH or NAME, trying it and it + ".elf" in turn: beside the
// scenario file, in its project's build/ and build/firmware/ (and ASYNCBOARD_PROJECT_BUILD), then in
// asyncboard_firmware_dir(). Returns the first that exists, or throws ScenarioError listing every
// path it tried. An empty scenario_path (a built-in demo) looks in asyncboard's images only.
std::string locate_firmware(const std::string& firmware, const std::string& scenario_path);

// asyncboard's own images: ASYNCBOARD_FIRMWARE_DIR, else <build>/firmware beside a build tree's
// program, else <prefix>/share/asyncboard/firmware beside an installed one.
std::string asyncboard_firmware_dir();

// What a caller may do with the scenario's machine: attach recorders before it runs, and read them
// once it has finished (before it goes away).
struct MachineHooks {
  std::function<void(Machine&)> started;
  std::function<void(Machine&)> finished;
};

// Runs the scenario; `out` receives the progress lines (console output and step results).
ScenarioResult run_scenario(const Scenario& scenario, const std::function<void(const std::string&)>& out,
                            const MachineHooks& hooks = {});

}  // namespace sim
