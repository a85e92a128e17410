// SPDX-License-Identifier: MIT
// 090-blocking-call: the one rule of cooperative scheduling -- a task that computes for a long time
// without awaiting holds up every other task. A ticker wants to run every 100 ms; a worker does
// 350 ms of computation, first in one go (the ticker is late), then in 10 ms slices with a
// sleep_ms(0) between them (the ticker keeps time).
#include <cstdint>
#include <cstdio>

#include "asyncio/asyncio.h"

namespace {

volatile int64_t worst_late_ms = 0;

asyncio::Coro<> ticker() {
  asyncio::Ticks next = asyncio::get_event_loop().now() + 100;
  for (;;) {
    co_await asyncio::sleep_ms(next - asyncio::get_event_loop().now());
    int64_t late = asyncio::get_event_loop().now() - next;
    if (late > worst_late_ms) worst_late_ms = late;
    next += 100;
  }
}

// Keeps the CPU for `ms` milliseconds without awaiting, as a long calculation or a busy-wait would.
void compute_for(int64_t ms) {
  asyncio::Ticks until = asyncio::get_event_loop().now() + ms;
  while (asyncio::get_event_loop().now() < until) {
  }
}

asyncio::Coro<> lesson() {
  asyncio::create_task(ticker(), "ticker");
  co_await asyncio::sleep_ms(250);

  std::puts("phase 1: 350 ms of work in one go");
  worst_late_ms = 0;
  compute_for(350);  // no await: nothing else runs meanwhile
  co_await asyncio::sleep_ms(200);
  std::printf("phase 1: the ticker was up to %ld ms late\n", static_cast<long>(worst_late_ms));

  std::puts("phase 2: the same work in 10 ms slices, with sleep_ms(0) between them");
  worst_late_ms = 0;
  for (int slice = 0; slice < 35; ++slice) {
    compute_for(10);
    co_await asyncio::sleep_ms(0);  // let every task that is due run
  }
  co_await asyncio::sleep_ms(200);
  std::printf("phase 2: the ticker was at most %ld ms late\n", static_cast<long>(worst_late_ms));
}

}  // namespace

int main() {
  asyncio::run(lesson());
  return 0;
}
