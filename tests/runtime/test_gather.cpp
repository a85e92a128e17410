// SPDX-License-Identifier: GPL-2.0-or-later
// Semantics statements 15-18: gather.
#include <stdexcept>
#include <string>
#include <tuple>

#include "asyncio/asyncio.h"
#include "portable_test.h"

using asyncio::Coro;

namespace {
Coro<int> value_after(int ms, int value) {
  co_await asyncio::sleep_ms(ms);
  co_return value;
}
Coro<> fails_after(int ms, const char* what) {
  co_await asyncio::sleep_ms(ms);
  throw std::runtime_error(what);
}
}  // namespace

TEST_CASE("gather returns results in argument order, whatever order they finish in (15)") {
  asyncio_test::Start start;
  asyncio::run([](asyncio_test::Start& st) -> Coro<> {
    auto t = asyncio::create_task(value_after(5, 2));
    auto [a, b, c, d] = co_await asyncio::gather(value_after(30, 1), t, value_after(10, 3), []() -> Coro<> {
      co_await asyncio::sleep_ms(1);
    }());
    CHECK(a == 1);
    CHECK(b == 2);
    CHECK(c == 3);
    CHECK(d == std::monostate{});
    CHECK(st.elapsed() == 30);
  }(start));
}

TEST_CASE("gather() of nothing returns an empty result without suspending (15)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    asyncio::create_task([](std::string& l) -> Coro<> {
      l += "other ";
      co_return;
    }(l));
    std::tuple<> nothing = co_await asyncio::gather();
    (void)nothing;
    l += "gathered ";
    co_await asyncio::sleep_ms(0);
  }(log));
  CHECK(log == "gathered other ");
}

TEST_CASE("the first exception in time is raised, the others run on, detached (16)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::Loop& loop = asyncio::get_event_loop();
  static std::string handled;
  handled.clear();
  loop.set_exception_handler([](asyncio::Loop&, const asyncio::ExceptionContext& c) {
    try {
      std::rethrow_exception(c.exception);
    } catch (const std::exception& e) {
      handled += e.what();
    }
  });
  asyncio::run([](std::string& l, asyncio_test::Start& st) -> Coro<> {
    auto slow = asyncio::create_task(value_after(20, 7));
    try {
      co_await asyncio::gather(fails_after(10, "late"), fails_after(5, "early"), slow, fails_after(15, "later"));
    } catch (const std::runtime_error& e) {
      l += e.what();
    }
    CHECK(st.elapsed() == 5);
    CHECK_FALSE(slow.done());  // still running, detached
    int slow_result = co_await slow;
    CHECK(slow_result == 7);
  }(log, start));
  loop.set_exception_handler(nullptr);
  CHECK(log == "early");
  CHECK(handled == "latelater");  // the later failures nobody awaits go to the handler
}

TEST_CASE("return_exceptions puts each exception in place of its result (16)") {
  asyncio_test::Start start;
  asyncio::run([]() -> Coro<> {
    auto cancelled = asyncio::create_task(value_after(100, 0));
    auto [a, b, c] = co_await asyncio::gather(asyncio::return_exceptions, value_after(3, 1), fails_after(2, "boom"),
                                              cancelled);
    (void)0;
    CHECK(a.ok());
    CHECK(a.value() == 1);
    CHECK_FALSE(b.ok());
    CHECK_THROWS_WITH(b.value(), "boom");
    (void)c;
  }());
  asyncio::run([]() -> Coro<> {
    auto victim = asyncio::create_task(value_after(100, 0));
    auto killer = asyncio::create_task([](asyncio::Task<int> v) -> Coro<> {
      co_await asyncio::sleep_ms(1);
      v.cancel();
    }(victim));
    auto [r] = co_await asyncio::gather(asyncio::return_exceptions, victim);
    CHECK_FALSE(r.ok());
    CHECK_THROWS_AS(r.value(), asyncio::CancelledError);
    co_await killer;
  }());
}

TEST_CASE("cancelling the gather cancels every unfinished child and raises CancelledError (17)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    auto a = asyncio::create_task(value_after(100, 1));
    auto b = asyncio::create_task(value_after(2, 2));
    auto g = asyncio::create_task([](asyncio::Task<int> a, asyncio::Task<int> b, std::string& l) -> Coro<> {
      try {
        co_await asyncio::gather(asyncio::return_exceptions, a, b);
      } catch (const asyncio::CancelledError&) {
        l += "gather-cancelled ";
        throw;
      }
    }(a, b, l));
    co_await asyncio::sleep_ms(5);  // b finished, a still sleeping
    g.cancel();
    try {
      co_await g;
    } catch (const asyncio::CancelledError&) {
      l += "g-done ";
    }
    co_await asyncio::sleep_ms(0);
    CHECK(a.state() == asyncio::TaskState::Cancelled);
    CHECK(b.state() == asyncio::TaskState::Done);
  }(log));
  CHECK(log == "gather-cancelled g-done ");
}

TEST_CASE("gathering an awaited task, awaiting a gathered one, or the same task twice are errors (18)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    auto t = asyncio::create_task(value_after(10, 1));
    try {
      co_await asyncio::gather(t, t);
    } catch (const asyncio::RuntimeError&) {
      l += "twice ";
    }
    // No stale state: t can still be awaited normally.
    auto awaiter = asyncio::create_task([](asyncio::Task<int> t) -> Coro<int> { co_return co_await t; }(t));
    co_await asyncio::sleep_ms(1);
    try {
      co_await asyncio::gather(t);
    } catch (const asyncio::RuntimeError&) {
      l += "awaited ";
    }
    int awaited = co_await awaiter;
    CHECK(awaited == 1);

    auto u = asyncio::create_task(value_after(10, 2));
    auto g = asyncio::create_task([](asyncio::Task<int> u) -> Coro<int> {
      auto [v] = co_await asyncio::gather(u);
      co_return v;
    }(u));
    co_await asyncio::sleep_ms(1);
    try {
      co_await u;
    } catch (const asyncio::RuntimeError&) {
      l += "gathered ";
    }
    int gathered = co_await g;
    CHECK(gathered == 2);
  }(log));
  CHECK(log == "twice awaited gathered ");
}
