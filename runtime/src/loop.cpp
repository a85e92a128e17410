#include "asyncio/loop.h"

#include <atomic>
#include <cstdio>

#include "asyncio/errors.h"
#include "asyncio/port.h"
#include "asyncio/thread_safe_flag.h"
#include "asyncio/trace.h"

namespace asyncio {

namespace {
// The inbox between interrupt context and the loop (see thread_safe_flag.h).
std::atomic<bool> g_wake_pending{false};

bool is_cancelled_error(const std::exception_ptr& ex) {
  try {
    std::rethrow_exception(ex);
  } catch (const CancelledError&) {
    return true;
  } catch (...) {
    return false;
  }
}
}  // namespace

namespace detail {
bool wake_pending() noexcept { return g_wake_pending.load(std::memory_order_seq_cst); }

void raise_if_cancelled() {
  TaskNode* t = get_event_loop().current();
  if (t && t->cancel_pending) {
    t->cancel_pending = false;
    throw CancelledError();
  }
}
}  // namespace detail

Loop& get_event_loop() noexcept {
  static Loop loop;
  return loop;
}

Loop& new_event_loop() noexcept {
  Loop& loop = get_event_loop();
  loop.reset();
  return loop;
}

Ticks Loop::now() const noexcept { return port::ticks_ms(); }

void Loop::park(detail::TaskNode* t, std::coroutine_handle<> h, TaskState state, WaitReason reason, Ticks deadline,
                void* waiting_on, detail::DetachFn detach) noexcept {
  t->resume_at = h;
  t->state = state;
  t->reason = reason;
  t->waiting_on = waiting_on;
  t->detach = detach;
  t->timed_out = false;
  t->handed = false;
  // Flags set while this task ran (by it, or by an interrupt) wake their waiters ahead of it, as
  // if set() had queued them on the spot (MicroPython's set() does exactly that). This may also
  // wake `t` itself when it just armed a flag that is already set.
  collect_flags();
  if (t->cancel_pending) {  // cancelled while running (it awaited the canceller): deliver now
    make_due_now(t);
    return;
  }
  if (deadline != kNoDeadline && !t->in_queue) queue_.push(t, deadline, state == TaskState::Ready);
}

void Loop::wake(detail::TaskNode* t) noexcept {
  t->detach = nullptr;
  t->waiting_on = nullptr;
  t->reason = WaitReason::None;
  if (t->in_queue) queue_.remove(t);
  t->state = TaskState::Ready;
  queue_.push(t, now(), /*ready_now=*/true);
}

// Takes a task out of whatever it waits on and makes it due now, keeping its place if it is
// already due (as MicroPython does).
void Loop::make_due_now(detail::TaskNode* t) noexcept {
  if (t->detach) t->detach(t);
  t->detach = nullptr;
  t->waiting_on = nullptr;
  t->reason = WaitReason::None;
  t->state = TaskState::Ready;
  Ticks n = now();
  if (t->in_queue) {
    if (t->key <= n) return;
    queue_.remove(t);
  }
  queue_.push(t, n, /*ready_now=*/true);
}

bool Loop::cancel(detail::TaskNode* t) {
  if (t->done()) return false;
  if (t == current_) throw RuntimeError("can't cancel self");
  // A task awaiting another task: the cancel goes to the innermost awaited one (it may swallow it).
  while (t->reason == WaitReason::Task && t->waiting_on) t = static_cast<detail::TaskNode*>(t->waiting_on);
  if (t->cancel_pending) return true;  // repeated cancels before delivery change nothing
  t->cancel_pending = true;
  if (t != current_) make_due_now(t);  // the current task gets it at its next suspension
  return true;
}

void Loop::arm(ThreadSafeFlag& f) noexcept {
  f.prev_armed_ = nullptr;
  f.next_armed_ = armed_;
  if (armed_) armed_->prev_armed_ = &f;
  armed_ = &f;
}

void Loop::disarm(ThreadSafeFlag& f) noexcept {
  if (f.prev_armed_)
    f.prev_armed_->next_armed_ = f.next_armed_;
  else if (armed_ == &f)
    armed_ = f.next_armed_;
  else
    return;  // not armed
  if (f.next_armed_) f.next_armed_->prev_armed_ = f.prev_armed_;
  f.next_armed_ = f.prev_armed_ = nullptr;
}

// Moves the waiters of flags set since the last look to the run queue. The inbox word is cleared
// before the scan, so a set() racing with the scan is seen now or on the next round, never lost.
void Loop::collect_flags() noexcept {
  if (!g_wake_pending.load(std::memory_order_relaxed)) return;
  if (!g_wake_pending.exchange(false, std::memory_order_seq_cst)) return;
  for (ThreadSafeFlag* f = armed_; f;) {
    ThreadSafeFlag* next = f->next_armed_;
    if (f->is_set()) {
      detail::TaskNode* waiter = f->waiter_;
      f->waiter_ = nullptr;
      disarm(*f);
      wake(waiter);
      detail::trace(TraceEvent::InterruptWoke, waiter);
    }
    f = next;
  }
}

bool Loop::run_once() {
  if (port::io_waiting()) port::poll_io();  // tasks waiting on sockets must not starve behind busy ones
  collect_flags();
  detail::TaskNode* t = queue_.peek();
  Ticks start = now();
  // The task that ran last iteration ran until now (one clock read per switch, not two).
  if (last_ran_) {
    last_ran_->time_run += static_cast<uint32_t>(start - last_start_);
    last_ran_ = nullptr;
  }
  if (!t || t->key > start) {
    port::idle(t ? t->key : kNoDeadline);
    return false;
  }
  queue_.pop();
  if (t->detach) {  // its deadline came first: leave what it waited on
    t->detach(t);
    t->detach = nullptr;
    t->waiting_on = nullptr;
    t->timed_out = true;
  }
  if (!t->started) {
    t->started = true;
    if (t->cancel_pending) {  // cancelled before it ever ran: its body never runs
      t->root_promise->exception = std::make_exception_ptr(CancelledError());
      finish(t);
      return true;
    }
  }
  current_ = t;
  t->state = TaskState::Running;
  t->reason = WaitReason::None;
  ++t->wakes;
  detail::trace(TraceEvent::Resumed, t);
  t->resume_at.resume();
  current_ = nullptr;
  last_ran_ = t;
  last_start_ = start;
  if (t->root.done())
    finish(t);
  else
    detail::trace(TraceEvent::Suspended, t, static_cast<uint32_t>(t->reason));
  return true;
}

void Loop::finish(detail::TaskNode* t) {
  if (last_ran_ == t) last_ran_ = nullptr;  // its record may go away below
  std::exception_ptr ex = t->root_promise->exception;
  bool cancelled = ex && is_cancelled_error(ex);
  t->state = !ex ? TaskState::Done : cancelled ? TaskState::Cancelled : TaskState::Failed;
  t->cancel_pending = false;
  detail::trace(TraceEvent::Finished, t, static_cast<uint32_t>(t->state));
  bool awaited = !t->awaiters.empty() || t->on_done || t == run_target_;  // run() awaits its task
  if (t->on_done) {
    detail::DoneFn fn = t->on_done;
    t->on_done = nullptr;
    fn(t, t->on_done_context);
  }
  while (detail::TaskNode* a = t->awaiters.pop_front()) wake(a);
  TaskRef keep(t);  // the handler may look at the task; drop the loop's own reference now
  detail::release(t);
  if (!awaited && t->state == TaskState::Failed)  // a cancelled task nobody awaits ends silently
    call_exception_handler({"Task exception wasn't retrieved", ex, keep});
}

void Loop::run_until(detail::TaskNode* target) {
  TaskRef keep(target);
  detail::TaskNode* outer = run_target_;
  run_target_ = target;
  try {
    while (!target->done()) run_once();
  } catch (...) {
    run_target_ = outer;
    throw;  // an exception handler that throws ends run()
  }
  run_target_ = outer;
}

void Loop::run_forever() {
  stop_requested_ = false;
  in_run_forever_ = true;
  while (!stop_requested_) run_once();
  // stop() lets the tasks that were already due run first.
  while (queue_.peek() && queue_.peek()->key <= now()) run_once();
  in_run_forever_ = false;
}

void Loop::stop() noexcept {
  if (in_run_forever_) stop_requested_ = true;
}

void Loop::reset() noexcept {
  while (detail::TaskNode* t = queue_.pop()) {
    if (t->detach) t->detach(t);
    t->detach = nullptr;
    t->waiting_on = nullptr;
    t->root_promise->exception = std::make_exception_ptr(CancelledError());
    t->state = TaskState::Cancelled;
    detail::release(t);  // the loop's reference
  }
  current_ = nullptr;
  last_ran_ = nullptr;
  run_target_ = nullptr;
  stop_requested_ = false;
  in_run_forever_ = false;
}

void Loop::default_exception_handler(const ExceptionContext& context) {
  const char* what = "unknown exception";
  try {
    if (context.exception) std::rethrow_exception(context.exception);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
  }
  std::printf("%s\nfuture: <Task '%s'>\nexception: %s\n", context.message,
              context.future ? context.future.name() : "", what);
}

void Loop::call_exception_handler(const ExceptionContext& context) {
  if (handler_)
    handler_(*this, context);
  else
    default_exception_handler(context);
}

// ---- ThreadSafeFlag (its loop side lives here with the inbox) ----

ThreadSafeFlag::~ThreadSafeFlag() { get_event_loop().disarm(*this); }

void ThreadSafeFlag::set() noexcept {
  state_.store(true, std::memory_order_seq_cst);
  g_wake_pending.store(true, std::memory_order_seq_cst);
  port::wake();
}

void ThreadSafeFlag::detach_waiter(detail::TaskNode* t) noexcept {
  auto* flag = static_cast<ThreadSafeFlag*>(t->waiting_on);
  flag->waiter_ = nullptr;
  get_event_loop().disarm(*flag);
}

void ThreadSafeFlag::Awaiter::await_suspend(std::coroutine_handle<> h) {
  Loop& loop = get_event_loop();
  detail::TaskNode* me = loop.current();
  if (!me) throw RuntimeError("ThreadSafeFlag.wait() outside a running task");
  if (flag_.waiter_)
    throw RuntimeError(
        "ThreadSafeFlag.wait(): another task already waits on this flag; a ThreadSafeFlag has one waiter "
        "-- fan out through an Event owned by one task");
  // Arm before parking: park() collects pending sets, and must see this flag among the armed ones,
  // or a set() landing between await_ready() and here would be consumed unseen.
  flag_.waiter_ = me;
  loop.arm(flag_);
  loop.park(me, h, TaskState::Waiting, WaitReason::Flag, kNoDeadline, &flag_, &ThreadSafeFlag::detach_waiter);
}

void ThreadSafeFlag::Awaiter::await_resume() const {
  detail::raise_if_cancelled();
  flag_.clear();
}

}  // namespace asyncio
