// SPDX-License-Identifier: GPL-2.0-or-later
// Dwt: the Data Watchpoint and Trace unit's cycle counter (CYCCNT), which firmware uses to time
// code. It counts the virtual clock's cycles -- instructions at one cycle each, and the cycles
// the core spends asleep in WFI -- while CTRL.CYCCNTENA and DEMCR.TRCENA are set.
#pragma once
#include <cstdint>

#include "devices/register_map.h"
#include "virtual_clock.h"

namespace sim {

class Dwt {
 public:
  Dwt(const VirtualClock& clock, const bool& trace_enabled);
  devices::RegisterMap& registers() { return map_; }
  uint32_t cyccnt() const;

 private:
  bool counting() const { return (ctrl_ & 1) && trace_enabled_; }
  const VirtualClock& clock_;
  const bool& trace_enabled_;  // DEMCR.TRCENA, owned by the SCB model
  uint32_t ctrl_ = 0;
  uint32_t base_ = 0;          // CYCCNT when counting last started or was written
  Cycles since_ = 0;           // the clock then
  devices::RegisterMap map_;
};

}  // namespace sim
