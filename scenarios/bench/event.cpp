// SPDX-License-Identifier: MIT
// Benchmark: an Event ping-pong between two tasks. Marks: 1 when both run, then the number of
// round trips made (each round trip: two set() and two wake-ups). Built again as bench_e2e_event
// (BENCH_END_TO_END): a million round trips, for the wall time with the trace port on and off.
#include "asyncio/asyncio.h"
#include "marks.h"

namespace {

constexpr int kRounds = BENCH_END_TO_END ? 1'000'000 : 1000;
asyncio::Event ping, pong;

asyncio::Coro<> ponger() {
  for (int i = 0; i < kRounds; ++i) {
    co_await ping.wait();
    ping.clear();
    pong.set();
  }
}

asyncio::Coro<> main_task() {
  auto p = asyncio::create_task(ponger());
  co_await asyncio::sleep_ms(0);
  bench_mark(1);
  for (int i = 0; i < kRounds; ++i) {
    ping.set();
    co_await pong.wait();
    pong.clear();
  }
  bench_mark(kRounds);
  co_await p;
}

}  // namespace

int main() {
  asyncio::run(main_task());
  return 0;
}
