// SPDX-License-Identifier: GPL-2.0-or-later
// Semantics statements 11-14: wait_for / wait_for_ms.
#include <stdexcept>
#include <string>

#include "asyncio/asyncio.h"
#include "portable_test.h"

using asyncio::Coro;

namespace {
Coro<int> value_after(int ms, int value) {
  co_await asyncio::sleep_ms(ms);
  co_return value;
}
Coro<int> fails_after(int ms) {
  co_await asyncio::sleep_ms(ms);
  throw std::runtime_error("inner failed");
}
}  // namespace

TEST_CASE("wait_for passes the result or the exception through (11)") {
  asyncio_test::Start start;
  asyncio::run([](asyncio_test::Start& st) -> Coro<> {
    int first = co_await asyncio::wait_for_ms(value_after(10, 4), 100);
    CHECK(first == 4);
    CHECK(st.elapsed() == 10);
    auto t = asyncio::create_task(value_after(5, 9));
    int second = co_await asyncio::wait_for(t, 1.0);  // a task, with seconds
    CHECK(second == 9);
    std::string what;
    try {
      co_await asyncio::wait_for_ms(fails_after(5), 100);
    } catch (const std::runtime_error& e) {
      what = e.what();
    }
    CHECK(what == "inner failed");
  }(start));
}

TEST_CASE("on timeout the inner task is cancelled, cleaned up, then TimeoutError (12)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l, asyncio_test::Start& st) -> Coro<> {
    auto inner = asyncio::create_task([](std::string& l) -> Coro<int> {
      bool cancelled = false;
      try {
        co_await asyncio::sleep_ms(1000);
      } catch (const asyncio::CancelledError&) {
        cancelled = true;
      }
      if (!cancelled) co_return 2;
      l += "cleanup-start ";
      co_await asyncio::sleep_ms(3);  // cleanup takes time; wait_for waits for it
      l += "cleanup-end ";
      co_return 1;                     // swallowed the cancel and returned a value
    }(l));
    try {
      co_await asyncio::wait_for_ms(inner, 20);
      l += "no-timeout ";
    } catch (const asyncio::TimeoutError&) {
      l += "timeout ";
    }
    CHECK(st.elapsed() == 23);
    CHECK(inner.done());
  }(log, start));
  CHECK(log == "cleanup-start cleanup-end timeout ");
}

TEST_CASE("deadline and completion on the same tick: the timeout wins (13)") {
  asyncio_test::Start start;
  bool timed_out = false;
  asyncio::run([](bool& t) -> Coro<> {
    try {
      co_await asyncio::wait_for_ms(value_after(10, 1), 10);
    } catch (const asyncio::TimeoutError&) {
      t = true;
    }
  }(timed_out));
  CHECK(timed_out);
}

TEST_CASE("a zero timeout still returns the result of an awaitable that does not block (13)") {
  asyncio_test::Start start;
  int v = asyncio::run([]() -> Coro<int> {
    co_return co_await asyncio::wait_for_ms([]() -> Coro<int> { co_return 42; }(), 0);
  }());
  CHECK(v == 42);
}

TEST_CASE("cancelling the caller of wait_for cancels the inner task and re-raises at once (14)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l, asyncio_test::Start& st) -> Coro<> {
    auto inner = asyncio::create_task([](std::string& l) -> Coro<int> {
      try {
        co_await asyncio::sleep_ms(1000);
      } catch (const asyncio::CancelledError&) {
        l += "inner-cancelled ";
        throw;
      }
      co_return 0;
    }(l));
    auto caller = asyncio::create_task([](asyncio::Task<int> in, std::string& l) -> Coro<> {
      try {
        co_await asyncio::wait_for_ms(in, 500);
      } catch (const asyncio::CancelledError&) {
        l += "caller-cancelled ";
      }
      // ours: no stray CancelledError reaches a later, unrelated await
      co_await asyncio::sleep_ms(10);
      l += "caller-carried-on ";
    }(inner, l));
    co_await asyncio::sleep_ms(5);
    caller.cancel();
    co_await caller;
    CHECK(inner.done());
    CHECK(st.elapsed() == 15);
  }(log, start));
  CHECK(log == "caller-cancelled inner-cancelled caller-carried-on ");
}

// MicroPython's wait_for(aw, None) is `return await aw`: no time limit, and a coroutine runs inline in
// the caller's task (current_task() is the caller), where a timed wait_for makes it a task.
TEST_CASE("wait_for with no_timeout awaits the coroutine inline, without a time limit (11)") {
  asyncio_test::Start start;
  int value = 0;
  bool inline_in_caller = false;
  asyncio::run([](int& v, bool& same) -> Coro<> {
    asyncio::TaskRef caller = asyncio::current_task();
    v = co_await asyncio::wait_for(
        [](asyncio::TaskRef c, bool& s) -> Coro<int> {
          s = asyncio::current_task() == c;
          co_await asyncio::sleep_ms(10000);  // longer than any timeout a test would give
          co_return 42;
        }(caller, same),
        asyncio::no_timeout);
  }(value, inline_in_caller));
  CHECK(value == 42);
  CHECK(inline_in_caller);
  CHECK(start.elapsed() >= 10000);
}

TEST_CASE("wait_for with no_timeout joins a task and passes its exception through (11)") {
  asyncio_test::Start start;
  std::string caught;
  asyncio::run([](std::string& c) -> Coro<> {
    auto t = asyncio::create_task(fails_after(5));
    try {
      co_await asyncio::wait_for(t, asyncio::no_timeout);
    } catch (const std::runtime_error& e) {
      c = e.what();
    }
  }(caught));
  CHECK(caught == "inner failed");
}
