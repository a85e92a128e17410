// SPDX-License-Identifier: GPL-2.0-or-later
// `asyncboard gui`: the dashboard's entry point, called by the command line. Kept free of SDL and
// ImGui types so the asyncboard program's other verbs never need a display.
#pragma once
#include <string>

namespace gui {

struct DashboardOptions {
  std::string file;          // scenario (.yaml) or firmware (.elf); empty: the button demo
  double speed = 1.0;        // 0: as fast as possible
  int width = 1280, height = 800;
  std::string test_script;   // a test script to play (see test_script.h); the exit status is its verdict
  double bench_seconds = 0;  // > 0: measure frame time and emulation speed for this long, print, exit
};

// Exit status: 0, 1 (a test script's expectation failed), 2 (no display, a bad file or script).
int run_dashboard(const DashboardOptions& options);

}  // namespace gui
