// SPDX-License-Identifier: GPL-2.0-or-later
// `asyncboard run --record OUT.yaml FIRMWARE.elf`: an interactive session -- commands on standard
// input drive the board in virtual time -- saved as a scenario that replays it (ScenarioRecorder).
#pragma once
#include <string>

#include "../scenario_runner.h"

namespace sim::cli {

// Commands, one per line: wait 100ms | press B1 | release B1 | click B1 | set-pin PA3 high|low|float
// | quit (or end of input). A mistyped command is reported on stderr and skipped.
ScenarioResult record_session(const std::string& firmware, const std::string& out_path);

}  // namespace sim::cli
