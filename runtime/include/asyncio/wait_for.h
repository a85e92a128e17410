// SPDX-License-Identifier: MIT
// wait_for() and wait_for_ms(): await something with a time limit, as MicroPython's
// asyncio.wait_for().
//
//   try {
//     int v = co_await asyncio::wait_for_ms(read_sensor(), 100);
//   } catch (const asyncio::TimeoutError&) { ... }
//
// A coroutine is first made a task. If the deadline comes first, the task is cancelled, wait_for
// waits for it to finish its cleanup and raises TimeoutError -- even if the task swallowed the
// cancel. A deadline and a completion on the same tick: the timeout wins. Cancelling the caller
// cancels the task and re-raises at once. Task context.
#pragma once
#include <cmath>

#include "asyncio/coro.h"
#include "asyncio/errors.h"
#include "asyncio/loop.h"
#include "asyncio/task.h"

namespace asyncio {

namespace detail {

// Parks the caller on `task` with a deadline; await_resume() says whether the deadline came first.
class TimedJoin {
 public:
  TimedJoin(TaskNode* task, Ticks deadline) noexcept : task_(task), deadline_(deadline) {}
  bool await_ready() const noexcept { return task_->done(); }
  void await_suspend(std::coroutine_handle<> h) { await_task(task_, h, WaitReason::WaitFor, deadline_); }
  bool await_resume() const {
    raise_if_cancelled();
    TaskNode* me = get_event_loop().current();
    return !task_->done() && me && me->timed_out;
  }

 private:
  TaskNode* task_;
  Ticks deadline_;
};

Ticks deadline_after_ms(int64_t ms);  // now + ms, clamped to the tick range (negative: now)
int64_t seconds_to_ms(double seconds);

}  // namespace detail

// Awaits `task` for at most `timeout_ms` milliseconds; raises TimeoutError after cancelling it.
template <typename T>
Coro<T> wait_for_ms(Task<T> task, int64_t timeout_ms) {
  Ticks deadline = detail::deadline_after_ms(timeout_ms);
  bool timed_out;
  try {
    timed_out = co_await detail::TimedJoin(task.node(), deadline);
  } catch (const CancelledError&) {
    task.cancel();  // the caller was cancelled: cancel what it waited for and re-raise at once
    throw;
  }
  if (timed_out) {
    task.cancel();
    try {
      co_await task;  // let it finish its cleanup
    } catch (...) {
    }
    throw TimeoutError();
  }
  co_return task.result();
}

template <typename T>
Coro<T> wait_for_ms(Coro<T> coro, int64_t timeout_ms) {
  return wait_for_ms(create_task(std::move(coro), "wait_for"), timeout_ms);
}

// The same with the timeout in seconds (truncated to milliseconds).
template <typename A>
auto wait_for(A&& awaitable, double timeout_seconds) {
  return wait_for_ms(std::forward<A>(awaitable), detail::seconds_to_ms(timeout_seconds));
}

// MicroPython's wait_for(aw, None): no time limit. As there, the awaitable is simply awaited: a
// coroutine runs inline in the caller (no task is made), a task is joined. (An infinite or huge
// number of seconds raises OverflowError, as in MicroPython.)
struct NoTimeout {};
inline constexpr NoTimeout no_timeout{};

template <typename T>
Coro<T> wait_for(Coro<T> coro, NoTimeout) {
  return coro;
}
template <typename T>
Coro<T> wait_for(Task<T> task, NoTimeout) {
  co_return co_await task;
}

}  // namespace asyncio
