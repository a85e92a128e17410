// SPDX-License-Identifier: GPL-2.0-or-later
// The board's tickless time base: a free-running 64-bit microsecond counter since reset and one
// compare channel that raises an interrupt at an absolute deadline, instead of a periodic tick.
#pragma once
#include <cstdint>
#include <string>

#include "devices/event_scheduler.h"
#include "devices/irq_line.h"
#include "devices/register_map.h"

namespace devices {

// COUNT is derived from virtual time (now_ns / 1000), never stored, so it cannot drift from the
// clock. Firmware reads COUNT_LO then COUNT_HI; the COUNT_LO read latches the high half, so the
// pair is one instant even if the low half wraps in between (COUNT_HI alone returns that latch).
//
// The compare channel is one-shot:
//
//                     write CMP_HI, compare > COUNT
//     +----------+  --------------------------------->  +-------+  write CMP_HI:
//     | disarmed |                                      | armed |  cancel, arm anew
//     +----------+  <---------------------------------  +-------+ <------+
//       |    ^          COUNT reaches compare: MATCH        |            |
//       |    |                                              +------------+
//       +----+ write CMP_HI, compare <= COUNT: MATCH at once
//
// (armed + write CMP_HI with compare <= COUNT: cancel, MATCH at once, disarmed.)
// Matching at once on a deadline already passed is what keeps a deadline computed late from
// being lost. Writing CMP_LO alone only stages the low half. MATCH stays set until firmware
// writes 1 to it in STATUS, independently of arming; the IRQ line is CTRL_IRQ && MATCH.
class Timebase {
 public:
  Timebase(std::string name, EventScheduler& clock);
  ~Timebase();  // cancels a pending compare event, which refers to this object
  Timebase(const Timebase&) = delete;
  Timebase& operator=(const Timebase&) = delete;

  const std::string& name() const { return name_; }
  RegisterMap& registers() { return registers_; }
  const RegisterMap& registers() const { return registers_; }
  IrqLine& irq() { return irq_; }
  const IrqLine& irq() const { return irq_; }

  uint64_t count_us() const { return clock_.now_ns() / 1000; }
  // True from a CMP_HI write of a future compare until the compare is reached or re-armed.
  bool armed() const { return armed_; }
  // The last armed compare value (microseconds), whether or not it has matched.
  uint64_t compare_us() const { return compare_; }

 private:
  void arm(uint64_t compare);
  void match();
  // If the deadline has passed but the scheduler has not delivered the event yet (it delivers
  // between instruction blocks), match now so STATUS never contradicts COUNT.
  void catch_up();
  void set_status(uint32_t status);
  void update_irq();

  std::string name_;
  EventScheduler& clock_;
  uint32_t count_hi_latch_ = 0;
  uint32_t cmp_lo_ = 0;
  uint32_t cmp_hi_ = 0;
  uint64_t compare_ = 0;
  bool armed_ = false;
  EventId event_ = kNoEvent;
  uint32_t ctrl_ = 0;
  uint32_t status_ = 0;
  IrqLine irq_;
  RegisterMap registers_;
};

}  // namespace devices
