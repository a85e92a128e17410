// SPDX-License-Identifier: GPL-2.0-or-later
// machine::Timer and machine::PWM on the board's timers, printed for tests/sim/test_machine.cpp:
// a periodic callback at 1 kHz, a one-shot, deinit, the rules on sharing a timer, and PWM duties
// on PA7 (no LED) and LED1.
#include <stdio.h>

#include <stdexcept>

#include "asyncio/asyncio.h"
#include "machine/pin.h"
#include "machine/pwm.h"
#include "machine/timer.h"

namespace {

volatile int ticks = 0;
volatile int shots = 0;
void on_tick(machine::Timer&) { ticks = ticks + 1; }
void on_shot(machine::Timer&) { shots = shots + 1; }

asyncio::Coro<> main_task() {
  machine::Timer periodic(0);
  periodic.init({.mode = machine::Timer::PERIODIC, .freq = 1000, .callback = on_tick});
  machine::Timer once(1, {.mode = machine::Timer::ONE_SHOT, .period = 20, .callback = on_shot});
  co_await asyncio::sleep_ms(30);
  try {
    machine::PWM shared(machine::Pin("LED2"));  // TIMER0 calls back: no PWM on its channels
    puts("LED2: PWM allowed (wrong)");
  } catch (const std::runtime_error& e) {
    printf("LED2: %s\n", e.what());
  }
  co_await asyncio::sleep_ms(25);
  periodic.deinit();
  int counted = ticks;
  printf("periodic: %d ticks, one-shot: %d\n", counted, shots);
  co_await asyncio::sleep_ms(10);
  printf("after deinit: %d more\n", ticks - counted);

  try {
    machine::PWM button(machine::Pin("B1"));
  } catch (const std::invalid_argument& e) {
    printf("B1: %s\n", e.what());
  }
  once.deinit();  // TIMER1 is free for PWM again
  auto* pa7 = new machine::PWM(machine::Pin("PA7"), 2000, 0);  // never destroyed: it keeps running
  pa7->duty_ns(100'000);
  printf("PA7: %lu Hz, duty_u16 %u, duty_ns %lu\n", static_cast<unsigned long>(pa7->freq()), pa7->duty_u16(),
         static_cast<unsigned long>(pa7->duty_ns()));
  auto* led1 = new machine::PWM(machine::Pin("LED1"));
  led1->duty_u16(49151);  // 75 %, at the default 1 kHz
  led1->freq(10);         // slower than the 16-bit counter reaches unscaled: the prescaler steps in
  printf("LED1: %lu Hz, duty_u16 %u\n", static_cast<unsigned long>(led1->freq()), led1->duty_u16());
}

}  // namespace

int main() {
  asyncio::run(main_task());
  return 0;
}
