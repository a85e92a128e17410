// Benchmark: two tasks alternate through sleep_ms(0) kRounds times each, between mark 1 and a mark
// whose id is the number of switches made (2 * kRounds):
// guest instructions per task switch.
#include "asyncio/asyncio.h"
#include "marks.h"

constexpr int kRounds = 1000;

asyncio::Coro<> yielder(bool last) {
  for (int i = 0; i < kRounds; ++i) co_await asyncio::sleep_ms(0);
  if (last) bench_mark(2 * kRounds);  // the closing mark carries the number of switches
}

asyncio::Coro<> main_task() {
  auto a = asyncio::create_task(yielder(false), "yielder A");
  auto b = asyncio::create_task(yielder(true), "yielder B");
  bench_mark(1);
  co_await a;
  co_await b;
}

int main() {
  asyncio::run(main_task());
  return 0;
}
