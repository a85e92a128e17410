// SPDX-License-Identifier: GPL-2.0-or-later
// Semantics statements 29 and 30: new_event_loop and the exception handlers.
#include <stdexcept>
#include <string>

#include "asyncio/asyncio.h"
#include "portable_test.h"

using asyncio::Coro;

namespace {
void ignore(asyncio::Loop&, const asyncio::ExceptionContext&) {}
void rethrow(asyncio::Loop&, const asyncio::ExceptionContext& c) { std::rethrow_exception(c.exception); }
}  // namespace

TEST_CASE("new_event_loop() drops queued tasks and keeps the exception handler (29)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::get_event_loop().set_exception_handler(ignore);
  auto pending = asyncio::create_task([](std::string& l) -> Coro<> {
    l += "ran ";
    co_return;
  }(log));
  asyncio::Loop& fresh = asyncio::new_event_loop();
  CHECK(&fresh == &asyncio::get_event_loop());
  CHECK(fresh.get_exception_handler() == &ignore);
  CHECK(pending.done());
  CHECK(pending.state() == asyncio::TaskState::Cancelled);
  asyncio::run([]() -> Coro<> { co_await asyncio::sleep_ms(1); }());
  CHECK(log.empty());
  fresh.close();  // harmless
  fresh.set_exception_handler(nullptr);
}

TEST_CASE("call_exception_handler uses the handler, else the default (30)") {
  asyncio_test::Start start;
  asyncio::Loop& loop = asyncio::get_event_loop();
  static int calls = 0;
  calls = 0;
  loop.set_exception_handler([](asyncio::Loop&, const asyncio::ExceptionContext& c) {
    ++calls;
    CHECK(std::string(c.message) == "custom");
  });
  loop.call_exception_handler({"custom", std::make_exception_ptr(std::runtime_error("x")), {}});
  CHECK(calls == 1);
  loop.set_exception_handler(nullptr);
  CHECK(loop.get_exception_handler() == nullptr);
  CHECK_NOTHROW(loop.call_exception_handler({"to the default handler", std::make_exception_ptr(std::runtime_error("y")), {}}));
}

TEST_CASE("an exception thrown by the handler propagates out of run() (30)") {
  asyncio_test::Start start;
  asyncio::get_event_loop().set_exception_handler(rethrow);
  std::string what;
  try {
    asyncio::run([]() -> Coro<> {
      asyncio::create_task([]() -> Coro<> {
        co_await asyncio::sleep_ms(1);
        throw std::runtime_error("unretrieved");
      }());
      co_await asyncio::sleep_ms(5);
    }());
  } catch (const std::runtime_error& e) {
    what = e.what();
  }
  asyncio::new_event_loop();  // drop the interrupted run's leftovers
  asyncio::get_event_loop().set_exception_handler(nullptr);
  CHECK(what == "unretrieved");
}

TEST_CASE("a second stop() changes nothing, and run_forever() can run again with the leftovers (28)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::Loop& loop = asyncio::get_event_loop();
  auto ticker = loop.create_task([](std::string& l) -> Coro<> {
    for (int i = 0; i < 4; ++i) {
      co_await asyncio::sleep_ms(10);
      l += "tick ";
    }
  }(log));
  auto stopper = [](std::string& l, int ms) -> Coro<> {
    co_await asyncio::sleep_ms(ms);
    l += "stop ";
    asyncio::get_event_loop().stop();
    asyncio::get_event_loop().stop();  // a second stop before run_forever returns: no effect
  };
  loop.create_task(stopper(log, 15));
  loop.run_forever();
  CHECK(log == "tick stop ");
  CHECK(start.elapsed() == 15);
  CHECK_FALSE(ticker.done());  // left over: it resumes in the next run_forever()
  loop.create_task(stopper(log, 30));
  loop.run_forever();
  CHECK(log == "tick stop tick tick tick stop ");
  CHECK(ticker.done());
}
