// SPDX-License-Identifier: GPL-2.0-or-later
// A device's interrupt output: a level the device drives, wired by the simulator to an NVIC line.
// Devices drive it high while they have an unacknowledged event and low once firmware clears it.
#pragma once
#include <functional>

namespace devices {

class IrqLine {
 public:
  void connect(std::function<void(bool)> sink) { sink_ = std::move(sink); }
  void drive(bool level) {
    if (level == level_) return;
    level_ = level;
    if (sink_) sink_(level);
  }
  bool level() const { return level_; }

 private:
  std::function<void(bool)> sink_;
  bool level_ = false;
};

}  // namespace devices
