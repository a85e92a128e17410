// SPDX-License-Identifier: MIT
// Benchmark: the blink demo running forever, for the ratio of virtual to real time while the
// firmware mostly sleeps (tickless idle: the simulator jumps over WFI to the next timer).
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

int main() {
  machine::Pin led1(board::kLed1Pin, machine::Pin::OUT);
  machine::Pin led2(board::kLed2Pin, machine::Pin::OUT);
  asyncio::create_task(blink(led1, 700));
  asyncio::run(blink(led2, 400));
}
