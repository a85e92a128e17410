// SPDX-License-Identifier: GPL-2.0-or-later
// Semantics statements 7 and 8: Task.cancel().
#include <string>

#include "asyncio/asyncio.h"
#include "portable_test.h"

using asyncio::CancelledError;
using asyncio::Coro;

namespace {
Coro<> sleeper(std::string& log, int ms) {
  try {
    co_await asyncio::sleep_ms(ms);
    log += "woke ";
  } catch (const CancelledError&) {
    log += "cancelled ";
    throw;
  }
}
}  // namespace

TEST_CASE("cancel() delivers CancelledError at the suspension point, at once (7)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l, asyncio_test::Start& st) -> Coro<> {
    auto t = asyncio::create_task(sleeper(l, 1000));
    co_await asyncio::sleep_ms(10);
    CHECK(t.state() == asyncio::TaskState::Sleeping);
    CHECK(t.cancel());
    CHECK(t.cancel());  // repeated before delivery: no further effect, still true
    try {
      co_await t;
      l += "no-error ";
    } catch (const CancelledError&) {
      l += "awaiter-saw-cancel ";
    }
    CHECK(t.done());
    CHECK(t.state() == asyncio::TaskState::Cancelled);
    CHECK_FALSE(t.cancel());  // finished: false
    CHECK(st.elapsed() == 10);  // made ready now, not at its deadline
  }(log, start));
  CHECK(log == "cancelled awaiter-saw-cancel ");
}

TEST_CASE("cancelling the current task from itself is an error (7)") {
  asyncio_test::Start start;
  bool raised = false;
  asyncio::run([](bool& r) -> Coro<> {
    try {
      asyncio::current_task().cancel();
    } catch (const asyncio::RuntimeError& e) {
      r = std::string(e.what()) == "can't cancel self";
    }
    co_return;
  }(raised));
  CHECK(raised);
}

TEST_CASE("a task cancelled before it starts never runs its body (7)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    auto t = asyncio::create_task([](std::string& l) -> Coro<> {
      l += "body-ran ";
      co_return;
    }(l));
    CHECK(t.cancel());
    co_await asyncio::sleep_ms(1);
    CHECK(t.done());
    CHECK(t.state() == asyncio::TaskState::Cancelled);
  }(log));
  CHECK(log.empty());
}

TEST_CASE("a task may catch CancelledError and carry on (7)") {
  asyncio_test::Start start;
  std::string log;
  int v = asyncio::run([](std::string& l) -> Coro<int> {
    auto t = asyncio::create_task([](std::string& l) -> Coro<int> {
      try {
        co_await asyncio::sleep_ms(100);
      } catch (const CancelledError&) {
        l += "caught ";
      }
      co_await asyncio::sleep_ms(5);  // still a live task: it can suspend again
      co_return 7;
    }(l));
    co_await asyncio::sleep_ms(1);
    t.cancel();
    co_return co_await t;
  }(log));
  CHECK(log == "caught ");
  CHECK(v == 7);
}

TEST_CASE("cancel removes a task from an Event, a Lock and a flag it waits on (7)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    asyncio::Event event;
    asyncio::Lock lock;
    asyncio::ThreadSafeFlag flag;
    co_await lock.acquire();
    auto on_event = asyncio::create_task([](asyncio::Event& e, std::string& l) -> Coro<> {
      try { co_await e.wait(); } catch (const CancelledError&) { l += "E"; }
    }(event, l));
    auto on_lock = asyncio::create_task([](asyncio::Lock& k, std::string& l) -> Coro<> {
      try { co_await k.acquire(); l += "got-lock?"; } catch (const CancelledError&) { l += "L"; }
    }(lock, l));
    auto on_flag = asyncio::create_task([](asyncio::ThreadSafeFlag& f, std::string& l) -> Coro<> {
      try { co_await f.wait(); } catch (const CancelledError&) { l += "F"; }
    }(flag, l));
    co_await asyncio::sleep_ms(1);
    CHECK(on_event.waiting_on() == asyncio::WaitReason::Event);
    CHECK(on_lock.waiting_on() == asyncio::WaitReason::Lock);
    CHECK(on_flag.waiting_on() == asyncio::WaitReason::Flag);
    on_event.cancel();
    on_lock.cancel();
    on_flag.cancel();
    co_await asyncio::sleep_ms(1);
    // They are gone from the primitives: these wake nobody and the lock stays free for us.
    event.set();
    lock.release();
    CHECK_FALSE(lock.locked());
    flag.set();
    co_await asyncio::sleep_ms(1);
    CHECK(flag.is_set());  // nobody consumed it
    // And the flag takes a new waiter (the cancelled one left).
    co_await flag.wait();
  }(log));
  CHECK(log == "ELF");
}

TEST_CASE("cancelling a task that awaits another reaches the innermost, if it swallows, the outer goes on (8)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    auto inner = asyncio::create_task([](std::string& l) -> Coro<int> {
      try {
        co_await asyncio::sleep_ms(100);
      } catch (const CancelledError&) {
        l += "inner-caught ";
        co_return 5;
      }
      co_return 1;
    }(l));
    auto outer = asyncio::create_task([](asyncio::Task<int> in, std::string& l) -> Coro<int> {
      int v = co_await in;
      l += "outer-got" + std::to_string(v) + " ";
      co_return v * 2;
    }(inner, l));
    co_await asyncio::sleep_ms(1);
    CHECK(outer.waiting_on() == asyncio::WaitReason::Task);
    outer.cancel();
    int outer_result = co_await outer;
    CHECK(outer_result == 10);
  }(log));
  CHECK(log == "inner-caught outer-got5 ");
}

TEST_CASE("ours: cancelling a task that awaits the current task is delivered, not lost (8)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l, asyncio_test::Start& st) -> Coro<> {
    // A helper task awaits main (the current task); main then cancels the helper. The cancel is
    // forwarded to the task the helper awaits -- main itself -- and reaches main's next suspension.
    auto awaiting_main = asyncio::create_task([](asyncio::TaskRef m) -> Coro<> {
      co_await asyncio::Task<>(m.node());
    }(asyncio::current_task()));
    co_await asyncio::sleep_ms(1);
    CHECK(awaiting_main.waiting_on() == asyncio::WaitReason::Task);
    CHECK(awaiting_main.cancel());
    try {
      co_await asyncio::sleep_ms(50);
      l += "not-delivered ";
    } catch (const CancelledError&) {
      l += "main-cancelled ";
    }
    CHECK(st.elapsed() == 1);  // delivered at once, not after the 50 ms
  }(log, start));
  CHECK(log == "main-cancelled ");
}
