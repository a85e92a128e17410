// @NAME@ on the board: each press of B1 toggles LED1. The interrupt handler only sets a
// ThreadSafeFlag -- the one thing that is safe in interrupt context -- and a task does the work.
#include <cstdio>

#include "app.h"
#include "board/memory_map.h"
#include "machine/pin.h"

namespace {
asyncio::ThreadSafeFlag pressed;
void on_button(machine::Pin&) { pressed.set(); }  // interrupt context: GPIOA's handler, B1 falling
}  // namespace

int main() {
  machine::Pin led(board::kLed1Pin, machine::Pin::OUT);
  machine::Pin button(board::kButtonB1Pin, machine::Pin::IN, machine::Pin::PULL_UP);
  button.irq(on_button, machine::Pin::IRQ_FALLING);
  std::puts("@NAME@: press B1 to toggle LED1");
  asyncio::run(toggle_on_press(pressed, [&led](bool on) { led.value(on); }));
}
