// SPDX-License-Identifier: GPL-2.0-or-later
// Pacer: runs a Machine against the wall clock -- real time times a factor (1.0: real time, 0.1:
// slow motion for teaching) -- instead of as fast as possible. The virtual clock stays the only
// time the firmware sees; pacing only waits on the host between slices.
#pragma once
#include <chrono>
#include <functional>

#include "machine.h"

namespace sim {

class Pacer {
 public:
  using Wait = std::function<void(std::chrono::steady_clock::time_point until)>;
  Pacer(Machine& m, double factor) : m_(m), factor_(factor) {}

  // Virtual time run per step (default 10 ms): smaller answers outside input (the host bridge) sooner.
  void set_slice(Cycles slice) { slice_ = slice; }
  // How to spend the wall-clock wait between steps (default: sleep); e.g. serving real sockets.
  void set_wait(Wait wait) { wait_ = std::move(wait); }

  // Runs until virtual time `until` (or another stop), never ahead of the wall clock's pace.
  StopReason run_until(Cycles until);

 private:
  Machine& m_;
  double factor_;
  bool started_ = false;
  std::chrono::steady_clock::time_point wall_start_;
  Cycles virtual_start_ = 0;
  Cycles slice_ = 0;  // 0: 10 ms
  Wait wait_;
};

}  // namespace sim
