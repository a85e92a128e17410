// SPDX-License-Identifier: MIT
// 120-debounce: a real button's contacts chatter for a few milliseconds, so one press is several
// falling edges. The interrupt handler still only sets a flag (and counts the edges, to show
// them); the task waits for the contacts to settle, clears the flag -- discarding the sets the
// chatter left behind -- and only then reads the pin.
#include <cstdio>

#include "asyncio/asyncio.h"
#include "board/memory_map.h"
#include "machine/pin.h"

namespace {

constexpr int kSettleMs = 20;  // longer than any bounce this button shows (a few ms)
asyncio::ThreadSafeFlag edge;
volatile unsigned g_edges = 0;  // written by the handler, read by the task: one word, no tearing

// Interrupt context: every falling edge, chatter included.
void on_edge(machine::Pin&) {
  g_edges = g_edges + 1;
  edge.set();
}

asyncio::Coro<> debouncer(machine::Pin& button, machine::Pin& led) {
  int presses = 0;
  for (;;) {
    co_await edge.wait();                      // the first edge of a burst
    co_await asyncio::sleep_ms(kSettleMs);     // let the contacts settle
    edge.clear();                              // the burst's other edges set it again: stale now
    if (button.value() != 0) continue;         // settled released: the edge was release chatter
    ++presses;
    led.toggle();
    std::printf("press %d (falling edges so far: %u)\n", presses, g_edges);
  }
}

}  // namespace

int main() {
  machine::Pin led(board::kLed1Pin, machine::Pin::OUT);
  machine::Pin button(board::kButtonB1Pin, machine::Pin::IN, machine::Pin::PULL_UP);
  button.irq(on_edge, machine::Pin::IRQ_FALLING);
  std::puts("debounce: each press of B1 toggles LED1 once, however its contacts chatter");
  asyncio::run(debouncer(button, led));
}
