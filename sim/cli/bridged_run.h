// SPDX-License-Identifier: GPL-2.0-or-later
// `asyncboard run FIRMWARE.elf --forward 8080:80 [--allow-connect 127.0.0.1:9000]`: the firmware
// runs in real time with the host bridge serving real sockets between slices, until the time
// limit or Ctrl-C.
#pragma once
#include <string>
#include <vector>

#include "../scenario_runner.h"
#include "devices/event_scheduler.h"

namespace sim::cli {

struct BridgedRun {
  std::string file;
  std::vector<std::string> forwards;        // HOST_PORT:BOARD_PORT
  std::vector<std::string> allowed;         // 127.0.0.1:PORT
  devices::Nanoseconds time_limit = 0;      // 0: until interrupted
  double speed = 1.0;
  bool quiet = false;
};

ScenarioResult run_bridged_firmware(const BridgedRun& run);

}  // namespace sim::cli
