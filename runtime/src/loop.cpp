#include "asyncio/loop.h"

#include <atomic>
#include <cstdio>

#include "asyncio/errors.h"
#include "asyncio/port.h"
#include "asyncio/thread_safe_flag.h"

namespace asyncio {

namespace {
// The inbox between interrupt context and the loop (see thread_safe_flag.h).
std::atomic<bool> g_wake_pending{false};
}  // namespace

namespace detail {
bool wake_pending() noexcept { return g_wake_pending.load(std::memory_order_seq_cst); }
}  // namespace detail

Loop& get_event_loop() noexcept {
  static Loop loop;
  return loop;
}

Ticks Loop::now() const noexcept { return port::ticks_ms(); }

void Loop::park(detail::TaskNode* t, std::coroutine_handle<> h, Ticks when, TaskState state) noexcept {
  t->resume_at = h;
  t->state = state;
  // Flags set while this task ran (by it, or by an interrupt) wake their waiters ahead of it, as
  // if set() had queued them on the spot (MicroPython's set() does exactly that). This may also
  // wake `t` itself when it just armed a flag that is already set.
  collect_flags();
  if (when != kNoDeadline) queue_.push(t, when);
}

void Loop::wake(detail::TaskNode* t) noexcept {
  if (t->in_queue) queue_.remove(t);
  t->state = TaskState::Ready;
  queue_.push(t, now());
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
    }
    f = next;
  }
}

bool Loop::run_once() {
  collect_flags();
  detail::TaskNode* t = queue_.peek();
  if (!t || t->key > now()) {
    port::idle(t ? t->key : kNoDeadline);
    return false;
  }
  queue_.pop();
  current_ = t;
  t->state = TaskState::Running;
  ++t->wakes;
  t->resume_at.resume();
  current_ = nullptr;
  if (t->root.done()) finish(t);
  return true;
}

void Loop::finish(detail::TaskNode* t) {
  t->state = TaskState::Done;
  bool awaited = t->awaiters_head != nullptr || t == run_target_;  // run() awaits its task
  while (detail::TaskNode* a = t->awaiters_head) {
    t->awaiters_head = a->wait_next;
    a->wait_next = a->wait_prev = nullptr;
    wake(a);
  }
  t->awaiters_tail = nullptr;
  TaskRef keep(t);  // the handler may look at the task; drop the loop's own reference now
  detail::release(t);
  std::exception_ptr ex = t->root_promise->exception;
  if (awaited || !ex) return;
  try {
    std::rethrow_exception(ex);
  } catch (const CancelledError&) {
    return;  // a cancelled task nobody awaits finishes silently
  } catch (...) {
  }
  call_exception_handler({"Task exception wasn't retrieved", ex, keep});
}

void Loop::run_until(detail::TaskNode* target) {
  TaskRef keep(target);
  detail::TaskNode* outer = run_target_;
  run_target_ = target;
  while (!target->done()) run_once();
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
  loop.park(me, h, kNoDeadline, TaskState::Waiting);
}

}  // namespace asyncio
