// SPDX-License-Identifier: GPL-2.0-or-later
// Semantics statement 34, second half: running out of task memory is a clear error naming the limit.
#include <string>
#include <vector>

#include "asyncio/asyncio.h"
#include "portable_test.h"

using asyncio::Coro;

namespace {
Coro<> parked(asyncio::Event& e) { co_await e.wait(); }
}  // namespace

TEST_CASE("exhausting the frame pool raises RuntimeError naming the limit, and recovers (34)") {
  asyncio_test::Start start;
  size_t in_use_before = asyncio::frame_stats().bytes_in_use;
  bool host_cap = asyncio::frame_stats().capacity_bytes == 0;
  if (host_cap) asyncio::set_frame_capacity(asyncio::frame_stats().bytes_in_use + 8192);
  std::string message;
  size_t created = 0;
  asyncio::run([](std::string& m, size_t& n) -> Coro<> {
    asyncio::Event release;
    std::vector<asyncio::Task<>> tasks;
    tasks.reserve(4096);
    try {
      for (int i = 0; i < 4096; ++i) tasks.push_back(asyncio::create_task(parked(release)));
    } catch (const asyncio::RuntimeError& e) {
      m = e.what();
    }
    n = tasks.size();
    co_await asyncio::sleep_ms(0);
    release.set();
    for (auto& t : tasks) co_await t;
  }(message, created));
  if (host_cap) asyncio::set_frame_capacity(0);
  CHECK(message.find("frame pool exhausted") != std::string::npos);
  CHECK(created > 10);
  CHECK(asyncio::frame_stats().high_water_bytes <= (host_cap ? asyncio::frame_stats().high_water_bytes
                                                             : asyncio::frame_stats().capacity_bytes));
  // After the tasks finished, their memory is back (the failed create_task leaked nothing): a new
  // task fits again.
  CHECK(asyncio::frame_stats().bytes_in_use == in_use_before);
  int v = asyncio::run([]() -> Coro<int> { co_return 3; }());
  CHECK(v == 3);
}
