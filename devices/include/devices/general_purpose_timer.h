// SPDX-License-Identifier: GPL-2.0-or-later
// A general-purpose timer (TIMER0, TIMER1 on the board): a prescaled 16-bit up-counter with a
// period, one-shot or periodic, two compare channels that raise interrupts and drive PWM outputs.
// Register layout: board::timer in board/registers.h.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "board/registers.h"
#include "devices/event_scheduler.h"
#include "devices/irq_line.h"
#include "devices/register_map.h"

namespace devices {

// The counter is never stepped tick by tick: while it runs, it is a function of virtual time since
// an origin (the instant it was started or last re-based, and the count it had then), so COUNT, the
// events and the PWM level at any instant are computed when asked. Only the next instant that
// changes something outside -- an enabled interrupt whose status bit is clear, or the end of a
// one-shot -- is scheduled; a PWM output with no interrupts costs no events at all.
//
//   tick       = (PRESCALER + 1) / kTimerClockHz
//   COUNT      0, 1, ..., PERIOD-1, 0, 1, ...   (one step per tick; PERIOD 0 holds it)
//   UPDATE     set when COUNT wraps to 0 (every PERIOD ticks); one-shot: the counter then stops
//              with COUNT 0 and CTRL_ENABLE clear
//   CCn        set when COUNT steps onto CMPn, for 0 < CMPn < PERIOD (otherwise the output is
//              steadily low or high and there is no edge to report)
//   output n   OUTPUT bit n ? COUNT < CMPn : low   -- PWM with duty CMPn / PERIOD
//   IRQ line   high while STATUS & IRQ_ENABLE
//
// Register writes take effect at once (there is no preload): a PRESCALER write keeps the current
// tick's start, a PERIOD write that leaves COUNT at or past the new period wraps the counter to 0
// (an UPDATE), a COUNT write moves the counter (values at or past PERIOD read as 0). While the
// counter is stopped an output holds COUNT < CMPn, as output-compare logic does.
//
// Outputs are reported as a duty: 0 or 1 while steady, CMPn / PERIOD while the counter runs. That
// is what a fast PWM looks like to an LED (brightness); output_level() gives the exact level at an
// instant.
class GeneralPurposeTimer {
 public:
  static constexpr int kChannelCount = board::timer::kChannelCount;

  GeneralPurposeTimer(std::string name, EventScheduler& clock);
  ~GeneralPurposeTimer();  // cancels a pending event, which refers to this object
  GeneralPurposeTimer(const GeneralPurposeTimer&) = delete;
  GeneralPurposeTimer& operator=(const GeneralPurposeTimer&) = delete;

  const std::string& name() const { return name_; }
  RegisterMap& registers() { return registers_; }
  const RegisterMap& registers() const { return registers_; }
  IrqLine& irq() { return irq_; }
  const IrqLine& irq() const { return irq_; }

  // Called whenever a channel output's duty changes (channel, duty 0..1), in registration order.
  void on_output_change(std::function<void(int channel, double duty)> observer);
  double output_duty(int channel) const;   // what the observers were last told
  bool output_level(int channel) const;    // the output at this instant
  uint32_t count() const { return count_now(); }  // COUNT at this instant
  bool running() const;                    // enabled with a non-zero period (and not run out)
  Nanoseconds tick_ns() const { return tick_ns_; }

 private:
  static constexpr uint32_t kMask16 = 0xFFFF;

  uint64_t ticks_at(Nanoseconds t) const;  // whole ticks since the origin (running only)
  uint64_t end_tick() const;               // one-shot: the tick at which the counter stops
  uint64_t next_tick(uint64_t after, uint32_t value) const;  // first tick > after where COUNT enters value
  uint32_t count_at_tick(uint64_t n) const;
  bool matches(int channel) const { return cmp_[channel] != 0 && cmp_[channel] < period_; }
  uint32_t event_bits_between(uint64_t from, uint64_t to) const;  // events at ticks in (from, to]

  uint32_t count_now() const;

  void sync();                   // accounts events up to now; stops a one-shot that ran out
  void rebase();                 // sync, then moves the origin to the current tick
  void apply_run_state();        // starts or stops the counter as CTRL_ENABLE and PERIOD say
  void set_compare(int channel, uint32_t v);
  void settle();                 // after any change: IRQ line, outputs, the next event
  void reschedule();
  uint32_t write16(const char* reg, uint32_t v);

  std::string name_;
  EventScheduler& clock_;
  uint32_t ctrl_ = 0;
  uint32_t prescaler_ = 0;
  uint32_t period_ = 0;
  uint32_t cmp_[kChannelCount] = {};
  uint32_t status_ = 0;
  uint32_t irq_enable_ = 0;
  uint32_t output_ = 0;
  Nanoseconds tick_ns_;

  // While running: COUNT was origin_count_ at the start of a tick at origin_ns_; events at ticks up
  // to synced_ are in status_. While stopped: COUNT is held_count_.
  bool running_ = false;
  Nanoseconds origin_ns_ = 0;
  uint32_t origin_count_ = 0;
  uint64_t synced_ = 0;
  uint32_t held_count_ = 0;

  EventId event_ = kNoEvent;
  double duty_[kChannelCount] = {};
  std::vector<std::function<void(int, double)>> output_observers_;
  IrqLine irq_;
  RegisterMap registers_;
};

}  // namespace devices
