// SPDX-License-Identifier: GPL-2.0-or-later
// Semantics statement 19: Event.
#include <string>

#include "asyncio/asyncio.h"
#include "portable_test.h"

using asyncio::Coro;

namespace {
Coro<> waiter(asyncio::Event& e, std::string& log, char id) {
  co_await e.wait();
  log += id;
}
}  // namespace

TEST_CASE("Event.set() wakes every waiter in the order they began waiting (19)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    asyncio::Event e;
    asyncio::create_task(waiter(e, l, 'c'));
    asyncio::create_task(waiter(e, l, 'a'));
    asyncio::create_task(waiter(e, l, 'b'));
    co_await asyncio::sleep_ms(5);
    CHECK(l.empty());
    CHECK_FALSE(e.is_set());
    e.set();
    CHECK(e.is_set());
    CHECK(l.empty());  // set() only queues them
    co_await asyncio::sleep_ms(0);
  }(log));
  CHECK(log == "cab");
}

TEST_CASE("wait() on a set Event returns at once, clear() resets (19)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    asyncio::Event e;
    e.set();
    auto other = asyncio::create_task([](std::string& l) -> Coro<> {
      l += "other ";
      co_return;
    }(l));
    co_await e.wait();  // no suspension: the other task has not run yet
    l += "waited ";
    e.clear();
    CHECK_FALSE(e.is_set());
    auto w = asyncio::create_task(waiter(e, l, 'w'));
    co_await asyncio::sleep_ms(3);
    CHECK(w.state() == asyncio::TaskState::Waiting);
    e.set();
    co_await w;
  }(log));
  CHECK(log == "waited other w");
}

TEST_CASE("a waiter cancelled after set() but before it runs gets CancelledError (19)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    asyncio::Event e;
    auto w = asyncio::create_task([](asyncio::Event& e, std::string& l) -> Coro<> {
      try {
        co_await e.wait();
        l += "woke ";
      } catch (const asyncio::CancelledError&) {
        l += "cancelled ";
      }
    }(e, l));
    co_await asyncio::sleep_ms(1);
    e.set();
    w.cancel();
    co_await w;
  }(log));
  CHECK(log == "cancelled ");
}

// MicroPython's Event.wait() returns True, whether it waited or the event was already set.
TEST_CASE("wait() gives true, after waiting and on a set Event (19)") {
  asyncio_test::Start start;
  bool waited = false, at_once = false;
  asyncio::run([](bool& w, bool& now) -> Coro<> {
    asyncio::Event e;
    auto setter = asyncio::create_task([](asyncio::Event& ev) -> Coro<> {
      co_await asyncio::sleep_ms(1);
      ev.set();
    }(e));
    w = co_await e.wait();
    now = co_await e.wait();
    co_await setter;
  }(waited, at_once));
  CHECK(waited);
  CHECK(at_once);
}
