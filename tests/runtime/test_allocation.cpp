// SPDX-License-Identifier: GPL-2.0-or-later
// Semantics statement 34: once tasks exist, sleeping, yielding, flag waits and wakes allocate nothing.
#include "asyncio/asyncio.h"
#include "portable_test.h"

using asyncio::Coro;

namespace {
Coro<> sleeper(int rounds) {
  for (int i = 0; i < rounds; ++i) {
    co_await asyncio::sleep_ms(i % 3);
    co_await asyncio::sleep_ms(0);
  }
}
Coro<> flag_waiter(asyncio::ThreadSafeFlag& f, int rounds) {
  for (int i = 0; i < rounds; ++i) co_await f.wait();
}
}  // namespace

TEST_CASE("steady-state sleep, yield, flag wait and wake allocate no frames (34)") {
  asyncio_test::Start start;
  asyncio::run([]() -> Coro<> {
    asyncio::ThreadSafeFlag flag;
    auto a = asyncio::create_task(sleeper(1000));
    auto b = asyncio::create_task(flag_waiter(flag, 500));
    co_await asyncio::sleep_ms(0);  // both tasks have started: their frames exist
    size_t before = asyncio::frame_stats().allocations;
    for (int i = 0; i < 500; ++i) {
      flag.set();
      co_await asyncio::sleep_ms(1);
    }
    co_await a;
    co_await b;
    CHECK(asyncio::frame_stats().allocations == before);
  }());
}

TEST_CASE("frame statistics count task records and frames, and return to the start") {
  asyncio_test::Start start;
  size_t in_use = asyncio::frame_stats().bytes_in_use;
  asyncio::run([]() -> Coro<> {
    size_t before = asyncio::frame_stats().allocations;
    auto t = asyncio::create_task(sleeper(1));
    CHECK(asyncio::frame_stats().allocations == before + 2);  // the frame and the task record
    co_await t;
  }());
  CHECK(asyncio::frame_stats().bytes_in_use == in_use);
  CHECK(asyncio::frame_stats().high_water_bytes >= in_use);
}
