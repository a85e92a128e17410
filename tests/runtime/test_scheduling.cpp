// Semantics statements 1-5 and 27 (scheduling order, sleep arithmetic, run()).
#include <catch2/catch.hpp>
#include <string>

#include "asyncio/asyncio.h"
#include "asyncio/port.h"
#include "virtual_time.h"

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
  VirtualTime vt;
  std::string log;
  asyncio::run(three_loopers(log));
  CHECK(log == "ABCABCABC");
}

namespace {
asyncio::Coro<> record_at(std::string& log, char id, int ms) {
  co_await asyncio::sleep_ms(ms);
  log += id;
  log += std::to_string(asyncio::port::ticks_ms());
  log += ' ';
}

asyncio::Coro<> sleepers(std::string& log) {
  asyncio::create_task(record_at(log, 'a', 30));
  asyncio::create_task(record_at(log, 'b', 10));
  asyncio::create_task(record_at(log, 'c', 20));
  asyncio::create_task(record_at(log, 'd', 10));  // same deadline as b: runs after it (stable)
  co_await asyncio::sleep_ms(40);
}
}  // namespace

TEST_CASE("sleepers wake in deadline order at their deadline, ties stable (1)") {
  VirtualTime vt;
  std::string log;
  asyncio::run(sleepers(log));
  CHECK(log == "b10 d10 c20 a30 ");
  CHECK(asyncio::port::ticks_ms() == 40);
}

namespace {
asyncio::Coro<> expired_timer_first(std::string& log) {
  // The timer task starts at tick 0 and sleeps until tick 5. Main then computes until tick 10 and
  // makes a new task ready "now" (key 10). The timer expired earlier, so it runs first.
  asyncio::create_task([](std::string& l) -> asyncio::Coro<> {
    co_await asyncio::sleep_ms(5);
    l += "timer ";
  }(log));
  co_await asyncio::sleep_ms(0);
  asyncio::port::posix::set_virtual_ticks(10);
  asyncio::create_task([](std::string& l) -> asyncio::Coro<> {
    l += "new ";
    co_return;
  }(log));
  co_await asyncio::sleep_ms(0);
  log += "main";
}
}  // namespace

TEST_CASE("an expired timer runs before a task made ready now, even if queued later (2)") {
  VirtualTime vt;
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

TEST_CASE("create_task runs nothing until the creator suspends; awaiting a Coro runs it inline (3)") {
  VirtualTime vt;
  std::string log;
  asyncio::run(creator(log));
  CHECK(log == "after-create child got7 task end");
}

TEST_CASE("sleep truncates to milliseconds, negatives count as zero, overflow is an error (4)") {
  VirtualTime vt;
  asyncio::run([]() -> asyncio::Coro<> {
    co_await asyncio::sleep(0.0159);
    CHECK(asyncio::port::ticks_ms() == 15);
    co_await asyncio::sleep(-1.0);
    co_await asyncio::sleep_ms(-5);
    CHECK(asyncio::port::ticks_ms() == 15);
    CHECK_THROWS_AS(co_await asyncio::sleep_ms(INT64_MAX), asyncio::OverflowError);
    CHECK_THROWS_AS(asyncio::sleep(1e300), asyncio::OverflowError);
  }());
}

TEST_CASE("run() returns the value; pending tasks survive into the next run() (27)") {
  VirtualTime vt;
  std::string log;
  int v = asyncio::run([](std::string& l) -> asyncio::Coro<int> {
    asyncio::create_task(record_at(l, 'x', 50));
    co_return 3;
  }(log));
  CHECK(v == 3);
  CHECK(log.empty());
  asyncio::run([]() -> asyncio::Coro<> { co_await asyncio::sleep_ms(100); }());
  CHECK(log == "x50 ");
}

TEST_CASE("run_forever runs until stop(); a stop() outside it does nothing (28)") {
  VirtualTime vt;
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
  CHECK(asyncio::port::ticks_ms() == 20);
}
