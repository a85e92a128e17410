// SPDX-License-Identifier: GPL-2.0-or-later
// Semantics statements 1-5 and 27 (scheduling order, sleep arithmetic, run()).
#include <string>

#include "asyncio/asyncio.h"
#include "portable_test.h"

namespace {

asyncio::Coro<> looper(std::string& log, char id, int rounds) {
  for (int i = 0; i < rounds; ++i) {
    log += id;
    co_await asyncio::sleep_ms(0);
  }
}

asyncio::Coro<> three_loopers(std::string& log) {
  asyncio::create_task(looper(log, 'A', 3));
  asyncio::create_task(looper(log, 'B', 3));
  auto c = asyncio::create_task(looper(log, 'C', 3));
  co_await c;
}

}  // namespace

TEST_CASE("sleep_ms(0) interleaves tasks round robin (1)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run(three_loopers(log));
  CHECK(log == "ABCABCABC");
}

namespace {
// Logs `id` and the milliseconds since the test case started once it has slept `ms`.
asyncio::Coro<> record_at(std::string& log, const asyncio_test::Start& start, char id, int ms) {
  co_await asyncio::sleep_ms(ms);
  log += id;
  log += std::to_string(start.elapsed());
  log += ' ';
}

asyncio::Coro<> sleepers(std::string& log, const asyncio_test::Start& start) {
  asyncio::create_task(record_at(log, start, 'a', 30));
  asyncio::create_task(record_at(log, start, 'b', 10));
  asyncio::create_task(record_at(log, start, 'c', 20));
  asyncio::create_task(record_at(log, start, 'd', 10));  // same deadline as b: runs after it (stable)
  co_await asyncio::sleep_ms(40);
}
}  // namespace

TEST_CASE("sleepers wake in deadline order at their deadline, ties stable (1)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run(sleepers(log, start));
  CHECK(log == "b10 d10 c20 a30 ");
  CHECK(start.elapsed() == 40);
}

namespace {
asyncio::Coro<> expired_timer_first(std::string& log) {
  // The timer task starts at the test's tick 0 and sleeps until tick 5. Main then computes until
  // tick 10 and makes a new task ready "now" (key 10). The timer expired earlier, so it runs first.
  asyncio::create_task([](std::string& l) -> asyncio::Coro<> {
    co_await asyncio::sleep_ms(5);
    l += "timer ";
  }(log));
  co_await asyncio::sleep_ms(0);
  asyncio_test::compute_for_ms(10);
  asyncio::create_task([](std::string& l) -> asyncio::Coro<> {
    l += "new ";
    co_return;
  }(log));
  co_await asyncio::sleep_ms(0);
  log += "main";
}
}  // namespace

TEST_CASE("an expired timer runs before a task made ready now, even if queued later (2)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run(expired_timer_first(log));
  CHECK(log == "timer new main");
}

namespace {
asyncio::Coro<int> inline_child(std::string& log) {
  log += "child ";
  co_return 7;
}
asyncio::Coro<> creator(std::string& log) {
  asyncio::create_task([](std::string& l) -> asyncio::Coro<> {
    l += "task ";
    co_return;
  }(log));
  log += "after-create ";
  int v = co_await inline_child(log);  // runs inline: no scheduling round
  log += "got" + std::to_string(v) + " ";
  co_await asyncio::sleep_ms(0);
  log += "end";
}
}  // namespace

TEST_CASE("create_task runs nothing until the creator suspends, and awaiting a Coro runs it inline (3)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run(creator(log));
  CHECK(log == "after-create child got7 task end");
}

TEST_CASE("sleep truncates to milliseconds, negatives count as zero, overflow is an error (4)") {
  asyncio_test::Start start;
  asyncio::run([](const asyncio_test::Start& start) -> asyncio::Coro<> {
    co_await asyncio::sleep(0.0159);
    CHECK(start.elapsed() == 15);
    co_await asyncio::sleep(-1.0);
    co_await asyncio::sleep_ms(-5);
    CHECK(start.elapsed() == 15);
    CHECK_THROWS_AS(co_await asyncio::sleep_ms(INT64_MAX), asyncio::OverflowError);
    CHECK_THROWS_AS(asyncio::sleep(1e300), asyncio::OverflowError);
    // One sleep lasts at most 2^32 - 1 ms: the limit itself is accepted, one more is not.
    CHECK_NOTHROW(asyncio::sleep_ms(4294967295));
    CHECK_THROWS_AS(asyncio::sleep_ms(4294967296), asyncio::OverflowError);
    CHECK_THROWS_AS(asyncio::sleep(4294967.296), asyncio::OverflowError);
    CHECK(start.elapsed() == 15);
  }(start));
}

TEST_CASE("run() returns the value, and pending tasks survive into the next run() (27)") {
  asyncio_test::Start start;
  std::string log;
  int v = asyncio::run([](std::string& l, const asyncio_test::Start& start) -> asyncio::Coro<int> {
    asyncio::create_task(record_at(l, start, 'x', 50));
    co_return 3;
  }(log, start));
  CHECK(v == 3);
  CHECK(log.empty());
  asyncio::run([]() -> asyncio::Coro<> { co_await asyncio::sleep_ms(100); }());
  CHECK(log == "x50 ");
}

TEST_CASE("run_forever runs until stop(), and a stop() outside it does nothing (28)") {
  asyncio_test::Start start;
  asyncio::Loop& loop = asyncio::get_event_loop();
  loop.stop();  // outside run_forever: no effect
  std::string log;
  loop.create_task([](std::string& l) -> asyncio::Coro<> {
    co_await asyncio::sleep_ms(20);
    l += "stopping ";
    asyncio::get_event_loop().stop();
  }(log));
  loop.create_task([](std::string& l) -> asyncio::Coro<> {
    co_await asyncio::sleep_ms(20);
    l += "also-due";  // due at the same tick as the stop: runs before run_forever returns
  }(log));
  loop.run_forever();
  CHECK(log == "stopping also-due");
  CHECK(start.elapsed() == 20);
}
