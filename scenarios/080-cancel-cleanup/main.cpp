// SPDX-License-Identifier: MIT
// 080-cancel-cleanup: cancelling a task. CancelledError appears where the task is suspended, its
// cleanup runs (here: the LED goes off), and the canceller can await it to know it has finished.
#include <cstdio>

#include "asyncio/asyncio.h"
#include "board/memory_map.h"
#include "machine/pin.h"

namespace {

asyncio::Coro<> blink(machine::Pin& led) {
  try {
    for (;;) {
      led.on();
      co_await asyncio::sleep_ms(50);
      led.off();
      co_await asyncio::sleep_ms(50);
    }
  } catch (const asyncio::CancelledError&) {
    led.off();  // leave the hardware in a known state
    std::puts("blink: cancelled, LED1 off");
    throw;
  }
}

asyncio::Coro<> main_task(machine::Pin& led) {
  auto blinker = asyncio::create_task(blink(led), "blink");
  co_await asyncio::sleep_ms(225);  // in the middle of an "on" phase (200-250 ms)
  std::printf("main: cancelling (cancel() = %s)\n", blinker.cancel() ? "true" : "false");
  try {
    co_await blinker;
  } catch (const asyncio::CancelledError&) {
    std::printf("main: blink finished, state %s\n", asyncio::to_string(blinker.state()));
  }
  std::printf("main: cancel() again = %s\n", blinker.cancel() ? "true" : "false");
}

}  // namespace

int main() {
  machine::Pin led(board::kLed1Pin, machine::Pin::OUT);
  asyncio::run(main_task(led));
  return 0;
}
