// SPDX-License-Identifier: MIT
// 010-blink: the opening example of MicroPython's asyncio documentation, in C++. Two tasks blink
// two LEDs, each on for 5 ms and then off for its period, while main sleeps for ten seconds.
#include <cstdio>

#include "asyncio/asyncio.h"
#include "board/memory_map.h"
#include "machine/pin.h"

asyncio::Coro<> blink(machine::Pin& led, int period_ms) {
  for (;;) {
    led.on();
    co_await asyncio::sleep_ms(5);
    led.off();
    co_await asyncio::sleep_ms(period_ms);
  }
}

asyncio::Coro<> main_task(machine::Pin& led1, machine::Pin& led2) {
  asyncio::create_task(blink(led1, 700), "blink LED1");
  asyncio::create_task(blink(led2, 400), "blink LED2");
  co_await asyncio::sleep_ms(10'000);
}

int main() {
  std::puts("blink: LED1 every 700+5 ms, LED2 every 400+5 ms, for 10 s");
  machine::Pin led1(board::kLed1Pin, machine::Pin::OUT);
  machine::Pin led2(board::kLed2Pin, machine::Pin::OUT);
  asyncio::run(main_task(led1, led2));
  std::puts("blink: done");
  return 0;
}
