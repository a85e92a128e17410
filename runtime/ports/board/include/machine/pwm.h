// SPDX-License-Identifier: MIT
// machine::PWM: a pin driven by a timer's PWM channel, after MicroPython's machine.PWM.
//
//   machine::PWM led(machine::Pin("LED1"));   // TIMER0 channel 0, through PA5's alternate function
//   led.freq(1000);                           // Hz
//   led.duty_u16(16384);                      // a quarter of each period high: LED1 at 25 %
//   led.duty_ns(250'000);                     // the same, as a pulse width
//   led.deinit();                             // the pin is plain GPIO again
//
// The pins with a timer channel: PA5 (LED1) and PA6 (LED2) on TIMER0, PA7 and PA8 on TIMER1. The
// two channels of a timer share its counter, so they share one frequency: freq() on one changes
// the other's too (its duty is kept as a fraction of the period).
#pragma once
#include <stdint.h>

#include "machine/pin.h"

namespace machine {

class PWM {
 public:
  // Throws std::invalid_argument for a pin without a timer channel, and std::runtime_error if that
  // timer runs a machine::Timer callback. The pin is handed to the timer at the first freq() or
  // duty call; the timer then runs at 1 kHz unless freq() says otherwise, and the duty is 0 until set.
  explicit PWM(const Pin& pin);
  PWM(const Pin& pin, uint32_t freq, uint16_t duty_u16);
  ~PWM() { deinit(); }
  PWM(const PWM&) = delete;
  PWM& operator=(const PWM&) = delete;

  // Throws std::invalid_argument for 0 or above 500 kHz (the counter needs 2 ticks a period).
  void freq(uint32_t hz);
  uint32_t freq() const;            // as the hardware runs it (the prescaler rounds)
  void duty_u16(uint16_t duty);     // 0 = always low .. 65535 = always high
  uint16_t duty_u16() const;
  void duty_ns(uint32_t ns);        // the pulse width
  uint32_t duty_ns() const;
  void deinit();                    // output off, the pin back to GPIO; freq/duty re-init it

 private:
  void apply();
  int pin_;
  int timer_;
  int channel_;
  bool active_ = false;
};

}  // namespace machine
