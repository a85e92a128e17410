// SPDX-License-Identifier: GPL-2.0-or-later
#include "pacer.h"

#include <algorithm>
#include <thread>

namespace sim {

StopReason Pacer::run_until(Cycles until) {
  if (!started_) {
    started_ = true;
    wall_start_ = std::chrono::steady_clock::now();
    virtual_start_ = m_.clock().now();
  }
  const Cycles slice = slice_ ? slice_ : m_.clock().core_hz() / 100;  // 10 ms of virtual time per step
  for (;;) {
    Cycles target = std::min(until, m_.clock().now() + slice);
    StopReason r = m_.run_until(target);
    if (r == StopReason::Idle) r = m_.run_until(target);  // asleep with nothing scheduled: time passes anyway
    // Wait until the wall clock has caught up with the virtual time just run.
    double virtual_seconds = static_cast<double>(m_.clock().now() - virtual_start_) / m_.clock().core_hz();
    auto due = wall_start_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                 std::chrono::duration<double>(virtual_seconds / factor_));
    if (wait_)
      wait_(due);
    else
      std::this_thread::sleep_until(due);
    if (r != StopReason::TimeReached || m_.clock().now() >= until) return r;
  }
}

}  // namespace sim
