// SPDX-License-Identifier: GPL-2.0-or-later
// Semantics statements 6, 9 and 10 (awaiting tasks, unretrieved exceptions, current_task).
#include <stdexcept>
#include <string>

#include "asyncio/asyncio.h"
#include "portable_test.h"

namespace {
asyncio::Coro<int> after(int ms, int value) {
  co_await asyncio::sleep_ms(ms);
  co_return value;
}
asyncio::Coro<int> fails_after(int ms) {
  co_await asyncio::sleep_ms(ms);
  throw std::runtime_error("boom");
}
}  // namespace

TEST_CASE("awaiting a task returns its result, again and again, and done() follows (6)") {
  asyncio_test::Start start;
  asyncio::run([]() -> asyncio::Coro<> {
    auto t = asyncio::create_task(after(10, 42), "answer");
    CHECK_FALSE(t.done());
    CHECK(t.state() == asyncio::TaskState::Ready);
    CHECK(std::string(t.name()) == "answer");
    int first = co_await t;  // awaited outside CHECK: see portable_test.h
    CHECK(first == 42);
    CHECK(t.done());
    int again = co_await t;
    CHECK(again == 42);
  }());
}

TEST_CASE("awaiting a task rethrows its exception, also when awaited again (6)") {
  asyncio_test::Start start;
  asyncio::run([]() -> asyncio::Coro<> {
    auto t = asyncio::create_task(fails_after(5));
    CHECK_THROWS_WITH(co_await t, "boom");
    CHECK(t.done());
    CHECK_THROWS_WITH(co_await t, "boom");
  }());
}

TEST_CASE("an exception thrown in an awaited Coro propagates to the awaiter") {
  asyncio_test::Start start;
  CHECK_THROWS_WITH(asyncio::run(fails_after(1)), "boom");
}

namespace {
std::string g_handled;
void record_handler(asyncio::Loop&, const asyncio::ExceptionContext& c) {
  g_handled = c.message;
  try {
    std::rethrow_exception(c.exception);
  } catch (const std::exception& e) {
    g_handled += std::string(" / ") + e.what() + " / " + c.future.name();
  }
}
}  // namespace

TEST_CASE("an exception nobody awaits goes to the loop's exception handler (9)") {
  asyncio_test::Start start;
  asyncio::Loop& loop = asyncio::get_event_loop();
  CHECK(loop.get_exception_handler() == nullptr);
  loop.set_exception_handler(record_handler);
  g_handled.clear();
  asyncio::run([]() -> asyncio::Coro<> {
    asyncio::create_task(fails_after(1), "orphan");
    co_await asyncio::sleep_ms(5);
  }());
  loop.set_exception_handler(nullptr);
  CHECK(g_handled == "Task exception wasn't retrieved / boom / orphan");
}

TEST_CASE("current_task() is the running task, and an error outside a loop (10)") {
  asyncio_test::Start start;
  CHECK_THROWS_AS(asyncio::current_task(), asyncio::RuntimeError);
  asyncio::run([]() -> asyncio::Coro<> {
    auto me = asyncio::current_task();
    CHECK(std::string(me.name()) == "main");
    CHECK(me.state() == asyncio::TaskState::Running);
    co_return;
  }());
}

TEST_CASE("a task awaiting itself is an error, not a deadlock") {
  asyncio_test::Start start;
  asyncio::run([]() -> asyncio::Coro<> {
    asyncio::Task<> self(asyncio::current_task().node());
    CHECK_THROWS_AS(co_await self, asyncio::RuntimeError);
  }());
}
