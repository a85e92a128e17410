// SPDX-License-Identifier: MIT
// Benchmark: RAM per minimal sleeping task (its frame and its task record, from the frame pool).
// Marks: the bytes per task, then the pool's high-water mark.
#include "asyncio/asyncio.h"
#include "marks.h"

namespace {

constexpr int kTasks = 100;

asyncio::Coro<> sleeper() { co_await asyncio::sleep_ms(1000); }

asyncio::Coro<> main_task() {
  size_t before = asyncio::frame_stats().bytes_in_use;
  for (int i = 0; i < kTasks; ++i) asyncio::create_task(sleeper());
  size_t after = asyncio::frame_stats().bytes_in_use;
  bench_mark(static_cast<uint32_t>((after - before) / kTasks));
  bench_mark(static_cast<uint32_t>(asyncio::frame_stats().high_water_bytes));
  co_await asyncio::sleep_ms(2000);
}

}  // namespace

int main() {
  asyncio::run(main_task());
  return 0;
}
