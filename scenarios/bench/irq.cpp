// SPDX-License-Identifier: MIT
// Benchmark: the simulator presses B1 while the firmware idles; the GPIO interrupt sets a
// ThreadSafeFlag and the watcher task writes mark 1 as soon as it runs again. The simulator counts
// guest instructions from raising the interrupt to the mark.
#include "asyncio/asyncio.h"
#include "board/memory_map.h"
#include "machine/pin.h"
#include "marks.h"

asyncio::ThreadSafeFlag flag;

void on_button(machine::Pin&) { flag.set(); }

asyncio::Coro<> watcher() {
  for (;;) {
    co_await flag.wait();
    bench_mark(1);
  }
}

int main() {
  machine::Pin button(board::kButtonB1Pin, machine::Pin::IN, machine::Pin::PULL_UP);
  button.irq(on_button, machine::Pin::IRQ_FALLING);
  asyncio::run(watcher());
}
