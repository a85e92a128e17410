// SPDX-License-Identifier: GPL-2.0-or-later
// Lock hand-over (statements 25, 26): release() to a waiter leaves the lock unlocked -- locked() is
// false -- but reserved for that waiter until it runs; a second release() meanwhile is "Lock not
// acquired", and a task arriving meanwhile queues behind. Ported line by line from
// micropython/lock_handover.py; the expected lines are what MicroPython's unix port prints.
#include <stdexcept>
#include <string>

#include "asyncio/asyncio.h"
#include "portable_test.h"

using asyncio::Coro;

namespace {
const char* py(bool b) { return b ? "True" : "False"; }

Coro<> worker(asyncio::Lock& lock, const char* name, std::string& log) {
  co_await lock.acquire();
  log += std::string(name) + " got it, locked " + py(lock.locked()) + "\n";
  co_await asyncio::sleep_ms(1);
  lock.release();
  log += std::string(name) + " released, locked " + py(lock.locked()) + "\n";
}
}  // namespace

TEST_CASE("locked() is False between release() handing the lock over and the waiter running (25, lock_handover.py)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    asyncio::Lock lock;
    co_await lock.acquire();
    auto w = asyncio::create_task(worker(lock, "W", l));
    co_await asyncio::sleep_ms(1);  // W waits on the lock
    lock.release();                 // handed to W, which has not run yet
    l += std::string("after release, locked ") + py(lock.locked()) + "\n";
    try {
      lock.release();
    } catch (const std::runtime_error& e) {
      l += std::string("second release: ") + e.what() + "\n";
    }
    auto late = asyncio::create_task(worker(lock, "L", l));  // arrives during the hand-over
    co_await asyncio::sleep_ms(0);
    l += std::string("after sleep(0), locked ") + py(lock.locked()) + "\n";
    co_await w;
    co_await late;
    l += std::string("end, locked ") + py(lock.locked()) + "\n";
  }(log));
  CHECK(log ==
        "after release, locked False\n"
        "second release: Lock not acquired\n"
        "W got it, locked True\n"
        "after sleep(0), locked True\n"
        "W released, locked False\n"
        "L got it, locked True\n"
        "L released, locked False\n"
        "end, locked False\n");
}
