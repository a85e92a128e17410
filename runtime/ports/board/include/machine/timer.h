// SPDX-License-Identifier: MIT
// machine::Timer: a hardware timer calling back from its interrupt, after MicroPython's
// machine.Timer. C++20 designated initializers stand in for Python's keyword arguments:
//
//   void tick(machine::Timer&) { ... }                  // interrupt context
//   machine::Timer t(1);
//   t.init({.mode = machine::Timer::PERIODIC, .period = 10, .callback = tick});   // every 10 ms
//   t.init({.mode = machine::Timer::ONE_SHOT, .freq = 2, .callback = tick});      // once, in 500 ms
//   t.deinit();
//
// Timer(0) and Timer(1) are the board's TIMER0 and TIMER1. A timer serves either a callback or PWM
// outputs (machine::PWM): TIMER0's channels dim LED1 and LED2, so Timer(1) is the one to call back
// while LEDs are dimmed. The callback runs in interrupt context: it may write registers (a PWM
// duty, a pin) and set a ThreadSafeFlag, nothing that allocates or awaits.
#pragma once
#include <stdint.h>

namespace machine {

class Timer {
 public:
  enum Mode : uint8_t { ONE_SHOT, PERIODIC };
  using Callback = void (*)(Timer&);
  struct Config {
    Mode mode = PERIODIC;
    uint32_t freq = 0;     // Hz; or
    uint32_t period = 0;   // milliseconds (used when freq is 0)
    Callback callback = nullptr;
  };

  // Throws std::invalid_argument for an id other than 0 or 1.
  explicit Timer(int id);
  Timer(int id, const Config& config) : Timer(id) { init(config); }
  ~Timer() { deinit(); }
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  // (Re)starts the timer. Throws std::invalid_argument for neither freq nor period, a period the
  // hardware cannot count (over 4294 s) or a frequency above 500 kHz, and std::runtime_error if
  // the timer drives PWM outputs.
  void init(const Config& config);
  // Stops it; no callback runs afterwards.
  void deinit();

  int id() const { return id_; }

 private:
  int id_;
};

}  // namespace machine
