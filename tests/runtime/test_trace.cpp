// SPDX-License-Identifier: GPL-2.0-or-later
// The trace hook reports created, resumed, suspended (with the reason), finished and interrupt-woke.
#include <string>

#include "asyncio/asyncio.h"
#include "portable_test.h"

using asyncio::Coro;

namespace {
std::string g_trace;
void record(asyncio::TraceEvent e, const asyncio::detail::TaskNode* t, uint32_t info) noexcept {
  if (std::string(t->name) != "traced") return;
  g_trace += asyncio::to_string(e);
  if (e == asyncio::TraceEvent::Suspended) g_trace += std::string(":") + asyncio::to_string(static_cast<asyncio::WaitReason>(info));
  if (e == asyncio::TraceEvent::Finished) g_trace += std::string(":") + asyncio::to_string(static_cast<asyncio::TaskState>(info));
  g_trace += ' ';
}
}  // namespace

TEST_CASE("the trace hook sees a task's life, with reasons and final state") {
  asyncio_test::Start start;
  g_trace.clear();
  asyncio::set_trace_hook(record);
  asyncio::run([]() -> Coro<> {
    asyncio::ThreadSafeFlag flag;
    auto t = asyncio::create_task([](asyncio::ThreadSafeFlag& f) -> Coro<> {
      co_await asyncio::sleep_ms(5);
      co_await f.wait();
    }(flag), "traced");
    co_await asyncio::sleep_ms(10);
    flag.set();
    co_await t;
  }());
  asyncio::set_trace_hook(nullptr);
  CHECK(g_trace ==
        "created resumed suspended:sleep resumed suspended:ThreadSafeFlag interrupt-woke resumed finished:done ");
}

namespace {
std::string g_wakes;
void record_wakes(asyncio::TraceEvent e, const asyncio::detail::TaskNode* t, uint32_t) noexcept {
  if (e != asyncio::TraceEvent::Woke) return;
  const asyncio::detail::TaskNode* waker = asyncio::get_event_loop().current();
  g_wakes += std::string(t->name) + "<-" + (waker ? waker->name : "(none)") + " ";
}
}  // namespace

TEST_CASE("Woke names the waker: the task that set the Event, released the Lock, or finished") {
  asyncio_test::Start start;
  g_wakes.clear();
  asyncio::set_trace_hook(record_wakes);
  asyncio::run([]() -> Coro<> {
    asyncio::Event event;
    asyncio::Lock lock;
    auto waiter = asyncio::create_task([](asyncio::Event& e) -> Coro<> { co_await e.wait(); }(event), "waiter");
    auto setter = asyncio::create_task([](asyncio::Event& e, asyncio::Lock& l) -> Coro<> {
      auto guard = co_await l.scoped();  // released at the end: wakes "locker", waiting behind it
      e.set();
      co_await asyncio::sleep_ms(0);
    }(event, lock), "setter");
    auto locker = asyncio::create_task([](asyncio::Lock& l) -> Coro<> {
      auto guard = co_await l.scoped();
      co_await asyncio::sleep_ms(0);
    }(lock), "locker");
    co_await setter;  // wakes "main" when it finishes
    co_await waiter;
    co_await locker;
  }());
  asyncio::set_trace_hook(nullptr);
  CHECK(g_wakes == "waiter<-setter locker<-setter main<-setter main<-locker ");
}

TEST_CASE("frame_bytes: a task holds its record and root frame, and the frames it awaits inline while it does") {
  asyncio_test::Start start;
  asyncio::run([]() -> Coro<> {
    auto sleeper = asyncio::create_task([]() -> Coro<> { co_await asyncio::sleep_ms(10); }(), "sleeper");
    // Its record and its own frame, moved from the creator's count to its own.
    CHECK(sleeper.frame_bytes() > sizeof(asyncio::detail::TaskNode));
    asyncio::TaskRef me = asyncio::current_task();
    size_t outside = me.frame_bytes();
    size_t inside = co_await [](const asyncio::TaskRef& self) -> Coro<size_t> {
      co_await asyncio::sleep_ms(0);
      co_return self.frame_bytes();
    }(me);
    CHECK(inside > outside);                 // the inline coroutine's frame, while it runs
    CHECK(me.frame_bytes() == outside);      // given back when it returned
    co_await sleeper;
  }());
}
