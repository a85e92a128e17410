// SPDX-License-Identifier: GPL-2.0-or-later
// Semantics statements 25 and 26: Lock.
#include <string>

#include "asyncio/asyncio.h"
#include "portable_test.h"

using asyncio::Coro;

namespace {
Coro<> worker(asyncio::Lock& lock, std::string& log, char id, int hold_ms) {
  auto held = co_await lock.scoped();
  log += id;
  co_await asyncio::sleep_ms(hold_ms);
  log += static_cast<char>(id - 'A' + 'a');
}
}  // namespace

TEST_CASE("acquiring a free lock does not suspend, waiters get it in FIFO order (25)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    asyncio::Lock lock;
    auto other = asyncio::create_task([](std::string& l) -> Coro<> {
      l += "other ";
      co_return;
    }(l));
    co_await lock.acquire();  // free: no suspension, so `other` has not run
    l += "main-holds ";
    CHECK(lock.locked());
    auto b = asyncio::create_task(worker(lock, l, 'B', 2));
    auto c = asyncio::create_task(worker(lock, l, 'C', 2));
    auto d = asyncio::create_task(worker(lock, l, 'D', 2));
    co_await asyncio::sleep_ms(1);
    lock.release();
    co_await b;
    co_await c;
    co_await d;
    CHECK_FALSE(lock.locked());
  }(log));
  CHECK(log == "main-holds other BbCcDd");
}

TEST_CASE("a task arriving during a hand-over queues behind, it does not barge (25)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    asyncio::Lock lock;
    co_await lock.acquire();
    auto waiter = asyncio::create_task(worker(lock, l, 'W', 1));
    co_await asyncio::sleep_ms(1);  // W now waits
    lock.release();                 // handed to W, which has not run yet: unlocked, but reserved
    CHECK_FALSE(lock.locked());     // (MicroPython's Lock.locked(): see test_lock_handover.cpp)
    auto late = asyncio::create_task(worker(lock, l, 'L', 1));  // arrives during the hand-over
    co_await waiter;
    co_await late;
  }(log));
  CHECK(log == "WwLl");
}

TEST_CASE("release() of an unlocked lock is an error (26)") {
  asyncio_test::Start start;
  asyncio::Lock lock;
  CHECK_THROWS_WITH(lock.release(), "Lock not acquired");
}

TEST_CASE("a waiter cancelled after being handed the lock passes it on (26)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    asyncio::Lock lock;
    co_await lock.acquire();
    auto first = asyncio::create_task(worker(lock, l, 'F', 1));
    auto second = asyncio::create_task(worker(lock, l, 'S', 1));
    co_await asyncio::sleep_ms(1);
    lock.release();   // handed to F...
    first.cancel();   // ...which is cancelled before it runs: S must get the lock
    try {
      co_await first;
    } catch (const asyncio::CancelledError&) {
      l += "F-cancelled ";
    }
    co_await second;
    CHECK_FALSE(lock.locked());  // and it ends unlocked with nobody waiting
  }(log));
  CHECK(log == "SF-cancelled s");  // S got the lock from F and ran before main saw F end
}

TEST_CASE("the scoped guard releases on any exit, exceptions included (26)") {
  asyncio_test::Start start;
  asyncio::Lock lock;
  asyncio::run([](asyncio::Lock& k) -> Coro<> {
    try {
      auto held = co_await k.scoped();
      CHECK(k.locked());
      throw std::runtime_error("inside");
    } catch (const std::runtime_error&) {
    }
    CHECK_FALSE(k.locked());
    {
      auto held = co_await k.scoped();
      held.release();
      CHECK_FALSE(k.locked());
    }
    CHECK_FALSE(k.locked());
  }(lock));
}
