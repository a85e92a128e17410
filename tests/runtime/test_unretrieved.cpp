// SPDX-License-Identifier: GPL-2.0-or-later
// "Task exception wasn't retrieved" (statement 9): a task that fails with nobody awaiting it goes
// round the run queue once more; on that turn, if nothing has awaited it, the exception handler is
// called. Ported line by line from micropython/unretrieved.py and unretrieved_gather.py; the
// expected lines are what MicroPython's unix port prints (the .exp files).
#include <stdexcept>
#include <string>

#include "asyncio/asyncio.h"
#include "portable_test.h"

using asyncio::Coro;

namespace {
std::string* g_log = nullptr;

void handler(asyncio::Loop&, const asyncio::ExceptionContext& context) {
  std::string what;
  try {
    std::rethrow_exception(context.exception);
  } catch (const std::exception& e) {
    what = e.what();
  }
  *g_log += std::string("handler: ") + context.message + " " + what + "\n";
}

Coro<> fail(const char* what) {
  throw std::runtime_error(what);  // on its first turn, as `async def fail(what): raise ValueError(what)`
  co_return;                       // (what makes the body a coroutine)
}

struct Handler {
  explicit Handler(std::string& log) {
    g_log = &log;
    asyncio::get_event_loop().set_exception_handler(handler);
  }
  ~Handler() {
    asyncio::get_event_loop().set_exception_handler(nullptr);
    g_log = nullptr;
  }
};
}  // namespace

TEST_CASE("the handler comes one round later, and not for a task awaited meanwhile (9, unretrieved.py)") {
  asyncio_test::Start start;
  std::string log;
  Handler h(log);
  asyncio::run([](std::string& l) -> Coro<> {
    auto t = asyncio::create_task(fail("awaited"));
    co_await asyncio::sleep_ms(0);  // t fails here, nobody awaiting it yet
    l += std::string("t done ") + (t.done() ? "True" : "False") + "\n";
    try {
      co_await t;
    } catch (const std::runtime_error& e) {
      l += std::string("caught ") + e.what() + "\n";
    }
    co_await asyncio::sleep_ms(0);
    co_await asyncio::sleep_ms(0);
    auto u = asyncio::create_task(fail("orphan"));
    co_await asyncio::sleep_ms(0);  // u fails
    l += std::string("u done ") + (u.done() ? "True" : "False") + "\n";
    co_await asyncio::sleep_ms(0);  // u's next turn: the handler
    l += "end\n";
  }(log));
  CHECK(log ==
        "t done True\n"
        "caught awaited\n"
        "u done True\n"
        "handler: Task exception wasn't retrieved orphan\n"
        "end\n");
}

TEST_CASE("gathering a failed task before its report does not retrieve it (9, unretrieved_gather.py)") {
  asyncio_test::Start start;
  std::string log;
  Handler h(log);
  asyncio::run([](std::string& l) -> Coro<> {
    auto t = asyncio::create_task(fail("gathered"));
    co_await asyncio::sleep_ms(0);  // t fails
    try {
      co_await asyncio::gather(t);
    } catch (const std::runtime_error& e) {
      l += std::string("gather raised ") + e.what() + "\n";
    }
    co_await asyncio::sleep_ms(0);
    l += "end\n";
  }(log));
  CHECK(log ==
        "gather raised gathered\n"
        "handler: Task exception wasn't retrieved gathered\n"
        "end\n");
}

TEST_CASE("new_event_loop() drops a report not made yet (9, 29)") {
  asyncio_test::Start start;
  std::string log;
  Handler h(log);
  asyncio::run([]() -> Coro<> {
    asyncio::create_task(fail("dropped"));
    co_await asyncio::sleep_ms(0);  // it fails: its report is queued behind main
  }());
  asyncio::new_event_loop();
  asyncio::run([]() -> Coro<> { co_await asyncio::sleep_ms(0); }());
  CHECK(log.empty());
}
