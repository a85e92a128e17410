// SPDX-License-Identifier: MIT
// 020-button-flag: the C++ twin of MicroPython's ThreadSafeFlag example. The button's interrupt
// handler only sets a flag -- the one thing that is safe there -- and a task does the work.
#include <cstdio>

#include "asyncio/asyncio.h"
#include "board/memory_map.h"
#include "machine/pin.h"

asyncio::ThreadSafeFlag pressed;

// Interrupt context: runs inside GPIOA's handler on each falling edge of B1.
void on_button(machine::Pin&) { pressed.set(); }

asyncio::Coro<> watcher(machine::Pin& led) {
  for (;;) {
    co_await pressed.wait();  // task context: suspends until the handler sets the flag
    std::puts("button pressed");
    led.toggle();
  }
}

int main() {
  machine::Pin led(board::kLed1Pin, machine::Pin::OUT);
  machine::Pin button(board::kButtonB1Pin, machine::Pin::IN, machine::Pin::PULL_UP);
  button.irq(on_button, machine::Pin::IRQ_FALLING);
  std::puts("button-flag: press B1 to toggle LED1");
  asyncio::run(watcher(led));
}
