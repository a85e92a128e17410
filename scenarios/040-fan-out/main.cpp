// SPDX-License-Identifier: MIT
// 040-fan-out: one interrupt, several tasks. A ThreadSafeFlag has one waiter, so one owner task
// waits on it and fans the news out to any number of tasks through an Event (task context).
#include <cstdio>

#include "asyncio/asyncio.h"
#include "board/memory_map.h"
#include "machine/pin.h"

namespace {

asyncio::ThreadSafeFlag pressed_flag;  // set by the interrupt handler: one waiter, the owner
asyncio::Event pressed;                // set by the owner: any number of waiters

void on_button(machine::Pin&) { pressed_flag.set(); }  // interrupt context

asyncio::Coro<> owner() {
  for (;;) {
    co_await pressed_flag.wait();
    pressed.set();    // wakes every waiter, in the order they began waiting...
    pressed.clear();  // ...and the next wait() suspends again until the next press
  }
}

asyncio::Coro<> listener(const char* name, machine::Pin* led) {
  for (int press = 1;; ++press) {
    co_await pressed.wait();
    std::printf("%s: press %d\n", name, press);
    if (led) led->toggle();
  }
}

}  // namespace

int main() {
  machine::Pin led1(board::kLed1Pin, machine::Pin::OUT);
  machine::Pin led2(board::kLed2Pin, machine::Pin::OUT);
  machine::Pin button(board::kButtonB1Pin, machine::Pin::IN, machine::Pin::PULL_UP);
  button.irq(on_button, machine::Pin::IRQ_FALLING);
  asyncio::create_task(listener("display", nullptr), "display");
  asyncio::create_task(listener("led1", &led1), "led1");
  asyncio::create_task(listener("led2", &led2), "led2");
  std::puts("fan-out: press B1; three tasks hear every press");
  asyncio::run(owner());
}
