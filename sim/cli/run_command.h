// SPDX-License-Identifier: GPL-2.0-or-later
// `asyncboard run FILE...`: scenario files (.yaml) or firmware images (.elf), headless.
#pragma once
#include <string>
#include <vector>

namespace sim::cli {

struct RunOptions {
  std::vector<std::string> files;
  std::string time_limit = "60s";  // for firmware images run without a scenario
  bool quiet = false;              // only the PASS/FAIL lines and the summary
  double speed = 0;                // > 0: pace firmware runs at this multiple of real time
  int gdb_port = -1;               // >= 0: serve the GDB remote protocol on 127.0.0.1 (0: any port)
  std::string junit;               // non-empty: write a JUnit XML report there
  int jobs = 1;                    // > 1: run the files in that many processes at once
  std::string record;              // non-empty: an interactive session with one image, saved as this scenario
  std::string trace;               // non-empty: write a Chrome trace-event JSON there (per file: PATH-NAME.json)
  std::string vcd;                 // non-empty: write a VCD of the pins and LEDs there (per file: PATH-NAME.vcd)
  std::vector<std::string> forward;        // HOST_PORT:BOARD_PORT: real clients reach the firmware (real time)
  std::vector<std::string> allow_connect;  // 127.0.0.1:PORT the firmware may dial
  bool memory = false;                     // firmware images: report the frame pool, heap and RSS at start and end
  bool strict_alignment = false;           // trap unaligned LDRD/STRD, LDM/STM and exclusives as hardware does
  bool time_limit_given = false;           // bridged runs without one serve until Ctrl-C
};

int run_command(const RunOptions& options);

}  // namespace sim::cli
