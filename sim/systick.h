// SPDX-License-Identifier: GPL-2.0-or-later
// SysTick: the architectural 24-bit down-counter, counting core clock cycles on virtual time.
// The board's runtime is tickless and does not use it; firmware that wants a periodic tick can.
#pragma once
#include <cstdint>
#include <functional>

#include "devices/register_map.h"
#include "virtual_clock.h"

namespace sim {

class SysTick {
 public:
  SysTick(VirtualClock& clock, std::function<void()> pend_exception);
  devices::RegisterMap& registers() { return map_; }
  uint32_t current() const;

 private:
  void start_from(uint32_t value);
  void schedule_next();
  void on_zero();

  VirtualClock& clock_;
  std::function<void()> pend_;
  uint32_t csr_ = 1u << 2;  // ENABLE bit0, TICKINT bit1, CLKSOURCE bit2 (always 1: no reference clock), COUNTFLAG bit16
  uint32_t reload_ = 0;
  Cycles zero_at_ = 0;    // the cycle the counter next reaches 0, while enabled
  uint32_t stopped_value_ = 0;
  devices::EventId event_ = devices::kNoEvent;
  devices::RegisterMap map_;
};

}  // namespace sim
