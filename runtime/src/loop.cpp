// SPDX-License-Identifier: MIT
#include "asyncio/loop.h"

#include <atomic>
#include <cstdio>

#include "asyncio/errors.h"
#include "asyncio/port.h"
#include "asyncio/thread_safe_flag.h"
#include "asyncio/trace.h"

namespace asyncio {

namespace {
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
constinit Loop g_loop;

bool wake_pending() noexcept { return g_loop.wake_pending_.load(std::memory_order_seq_cst); }

void raise_if_cancelled() { g_loop.raise_if_cancelled(); }
}  // namespace detail

Loop& new_event_loop() noexcept {
  Loop& loop = get_event_loop();
  loop.reset();
  return loop;
}

void Loop::throw_cancelled() {
  current_->cancel_pending = false;
  throw CancelledError();
}

Ticks Loop::now() const noexcept { return now_ = port::ticks_ms(); }

void Loop::set_run_time_stats(bool on) noexcept {
  stats_ = on;
  retrace();
}

void Loop::retrace() noexcept {
#if UINTPTR_MAX == 0xFFFFFFFFu
  bool ring = detail::g_trace_hook == &detail::ring_hook;
#else
  bool ring = false;
#endif
  // (a marker in the run queue: every switch through next_due(), which knows markers)
  instrumented_ = stats_ || (detail::g_trace_hook && !ring) || markers_ != 0;
  ringed_ = ring && !stats_;  // (with stats on, the instrumented path writes the ring through the hook)
  notice();  // the next service() sends run() down the path that fits
}

void Loop::park(detail::TaskNode* t, std::coroutine_handle<> h, TaskState state, WaitReason reason, Ticks deadline,
                void* waiting_on, detail::DetachFn detach) noexcept {
  t->resume_at = h;
  t->state = state;
  t->reason = reason;
  t->waiting_on = waiting_on;
  t->detach = detach;
  t->timed_out = false;
  if (t->cancel_pending) {  // cancelled while running (it awaited the canceller): deliver now
    make_due_now(t);
    return;
  }
  if (deadline == kNoDeadline) return;
  if (deadline > now()) {
    queue_.push_timer(t, deadline);
  } else {  // the deadline has passed already (a zero timeout): timed out, behind the tasks due
    if (t->detach) time_out(t);
    t->state = TaskState::Ready;
    t->reason = WaitReason::None;
    queue_.push_ready(t, now_);
  }
}

void Loop::wake(detail::TaskNode* t) noexcept {
  make_ready(t);
  detail::trace(TraceEvent::Woke, t);  // the waker: current_ (see trace.h)
}

void Loop::make_ready(detail::TaskNode* t) noexcept {
  t->detach = nullptr;
  t->waiting_on = nullptr;
  t->reason = WaitReason::None;
  if (t->in_heap) queue_.remove_timer(t);
  t->state = TaskState::Ready;
  queue_ready(t);
}

// Takes a task out of whatever it waits on and makes it due now, keeping its place if it is
// already due (as MicroPython does).
void Loop::make_due_now(detail::TaskNode* t) noexcept {
  if (t->detach) t->detach(t);
  t->detach = nullptr;
  t->waiting_on = nullptr;
  t->reason = WaitReason::None;
  if (t->state == TaskState::Ready) return;  // queued and due already (or running)
  if (t->in_heap) {
    if (t->key <= now()) {  // its timer has expired: it keeps its place
      t->state = TaskState::Ready;
      return;
    }
    queue_.remove_timer(t);
  }
  t->state = TaskState::Ready;
  queue_ready(t);
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

// Moves the waiters of flags set since the last look to the run queue, behind the tasks already
// due -- the task that was running when the flag was set included, as MicroPython's poll of its
// I/O queue between tasks does. The inbox word is cleared before the scan, so a set() racing with
// the scan is seen now or on the next round, never lost.
inline void Loop::collect_flags() noexcept {
  if (!wake_pending_.exchange(false, std::memory_order_seq_cst)) return;
  for (ThreadSafeFlag* f = armed_; f;) {
    ThreadSafeFlag* next = f->next_armed_;
    if (f->is_set()) {
      detail::TaskNode* waiter = f->waiter_;
      f->waiter_ = nullptr;
      disarm(*f);
      make_ready(waiter);
      detail::trace(TraceEvent::InterruptWoke, waiter);
    }
    f = next;
  }
}

// Everything between two task switches that the switch path leaves out. Runs when attention_ or
// the inbox says so, or while I/O waits; true when the run is over.
inline bool Loop::service() {
  current_ = nullptr;  // what runs here (exception handlers, hooks) runs outside any task
  attention_.store(false, std::memory_order_seq_cst);
  if (detail::TaskNode* t = returned_) {
    returned_ = nullptr;
    finish(t);
  }
  collect_flags();
  port::poll_io();  // tasks waiting on sockets must not starve behind busy ones
  if (instrumented_) attention_.store(true, std::memory_order_relaxed);  // come back before every switch
  return run_target_ ? run_target_->done() : stop_requested_;
}

bool Loop::service_out_of_line() { return service(); }

// The next due task when the switch path has none to hand (a timer is queued, or the FIFO is
// empty); when nothing is due, idles until the earliest deadline or a wake and returns nullptr.
detail::TaskNode* Loop::next_due() noexcept {
  if (detail::TaskNode* t = pop_due()) {
    if (t->done()) [[unlikely]] {  // a marker's turn: service() takes it, as a task's end
      returned_ = t;
      attention_.store(true, std::memory_order_relaxed);
      return nullptr;
    }
    return t;
  }
  detail::TaskNode* next = queue_.peek();
  current_ = nullptr;
  port::idle(next ? next->key : kNoDeadline);
  return nullptr;
}

detail::TaskNode* Loop::pop_due() noexcept {
  detail::TaskNode* t = queue_.peek();
  if (!t) return nullptr;
  if (!t->in_heap) return queue_.pop_ready_front();
  // A timer comes first only when due: either a ready task is behind it, or its tick has come.
  if (!queue_.fifo_front() && t->key > now()) return nullptr;
  queue_.remove_timer(t);
  if (t->detach) time_out(t);  // its deadline came before what it waited on
  t->state = TaskState::Ready;
  t->reason = WaitReason::None;
  return t;
}

// Its deadline came first: it leaves what it waited on and learns it timed out.
void Loop::time_out(detail::TaskNode* t) noexcept {
  t->detach(t);
  t->detach = nullptr;
  t->waiting_on = nullptr;
  t->timed_out = true;
}

// Cancelled before it ever ran: its body never runs.
void Loop::cancel_unstarted(detail::TaskNode* t) {
  t->wakes = 0;
  t->root_promise->exception = std::make_exception_ptr(CancelledError());
  finish(t);
}

// The switch with the trace hook and run-time stats.
void Loop::resume_instrumented(detail::TaskNode* t) {
  Ticks start = stats_ ? now() : 0;
  detail::trace(TraceEvent::Resumed, t);
  resume(t);
  current_ = nullptr;
  if (stats_) t->time_run += static_cast<uint32_t>(now() - start);
  if (returned_ != t && !t->done()) detail::trace(TraceEvent::Suspended, t, static_cast<uint32_t>(t->reason));
}

void Loop::finish(detail::TaskNode* t) {
  attention_.store(true, std::memory_order_relaxed);  // service() checks whether the run is over
  if (t->done()) {  // (a marker)
    marker_turn(t);
    return;
  }
  std::exception_ptr ex = t->root_promise->exception;
  bool cancelled = ex && is_cancelled_error(ex);
  t->state = !ex ? TaskState::Done : cancelled ? TaskState::Cancelled : TaskState::Failed;
  t->cancel_pending = false;
  detail::trace(TraceEvent::Finished, t, static_cast<uint32_t>(t->state));
  bool awaited = !t->awaiters.empty() || t->on_done || t == run_target_;  // run() awaits its task
  current_ = t;  // the waker of the tasks it wakes now, for the trace hook (it is Done: state_of() says so)
  if (detail::DoneHook* hook = t->on_done) {
    t->on_done = nullptr;
    hook->fn(hook, t);
  }
  while (detail::TaskNode* a = t->awaiters.pop_front()) wake(a);
  current_ = nullptr;
  if (!awaited && t->state == TaskState::Failed) {
    // Nobody awaits it: as MicroPython, it goes round the run queue once more, keeping the loop's
    // reference, and is reported on that turn unless something awaited it meanwhile. (A cancelled
    // task nobody awaits ends silently.)
    t->unretrieved = true;
    queue_marker(t);
    return;
  }
  detail::release(t);
}

void Loop::queue_marker(detail::TaskNode* t) noexcept {
  ++markers_;
  queue_ready(t);
  retrace();  // switches through next_due() while it is queued
}

// A marker's turn has come (from service(), outside any task).
void Loop::marker_turn(detail::TaskNode* t) {
  --markers_;
  retrace();
  if (t == &stopper_) {
    stop_queued_ = false;
    stop_requested_ = true;  // service() ends run_forever()'s run
    return;
  }
  TaskRef keep(t);  // the handler may look at the task; drop the loop's own reference now
  detail::release(t);
  if (t->unretrieved) {
    t->unretrieved = false;
    call_exception_handler({"Task exception wasn't retrieved", t->root_promise->exception, keep});
  }
}

// The loop proper: until `target` is done (nullptr: until stop()). The switch path is the bottom
// half of run_switches() -- the next ready task, resumed; everything else waits behind one test of
// attention_. It comes in two copies, so that the trace ring's two stores a switch cost nothing
// while the ring is off.
void Loop::run(detail::TaskNode* target) {
  run_target_ = target;
  retrace();  // (a hook set by a static constructor may predate the loop's own construction)
  now();  // a fresh reading: the cached one may be ahead of a port clock that was reset meanwhile
  while (!(ringed_ ? run_switches<true>() : run_switches<false>())) {
  }
  current_ = nullptr;
}

// Switches until the run is over (true), or until the trace ring went on or off (false: run()
// takes the other copy).
template <bool kRinged>
bool Loop::run_switches() {
#if UINTPTR_MAX == 0xFFFFFFFFu
  // In a register for the whole loop, not reloaded after every resume: a new ring raises attention
  // (set_trace_ring() calls retrace()), and the ring is read again after service().
  TraceRing* ring = detail::g_trace_ring;
#endif
  for (;;) {
    if (attention_.load(std::memory_order_relaxed) || port::io_waiting()) [[unlikely]] {
      if (kRinged ? service_out_of_line() : service()) return true;
      if (ringed_ != kRinged) return false;
#if UINTPTR_MAX == 0xFFFFFFFFu
      ring = detail::g_trace_ring;
#endif
      if (instrumented_) {
        if (detail::TaskNode* t = next_due()) resume_instrumented(t);
        continue;
      }
    }
    detail::TaskNode* t = queue_.ready_front();
    if (t) [[likely]]
      queue_.pop_ready_front();
    else if (!(t = next_due()))
      continue;
#if UINTPTR_MAX == 0xFFFFFFFFu
    if constexpr (kRinged) {
      // Resumed, the switch, and Suspended unless it returned (its Finished comes from service()).
      detail::trace_put(ring, TraceEvent::Resumed, t);
      resume(t);
      if (returned_ != t && !t->done()) detail::trace_put(ring, TraceEvent::Suspended, t);
      continue;
    }
#endif
    resume(t);
  }
}

void Loop::run_until(detail::TaskNode* target) {
  TaskRef keep(target);
  detail::TaskNode* outer = run_target_;
  try {
    if (!target->done()) run(target);
  } catch (...) {
    run_target_ = outer;
    current_ = nullptr;
    throw;  // an exception handler that throws ends run()
  }
  run_target_ = outer;
}

void Loop::run_forever() {
  stop_requested_ = false;
  in_run_forever_ = true;
  detail::TaskNode* outer = run_target_;
  try {
    run(nullptr);  // until the stopper's turn
  } catch (...) {
    if (stop_queued_) {  // ended by an exception handler: the stopper leaves with this run
      queue_.remove_ready(&stopper_);
      stop_queued_ = false;
      --markers_;
      retrace();
    }
    run_target_ = outer;
    current_ = nullptr;
    in_run_forever_ = false;
    throw;
  }
  current_ = nullptr;
  run_target_ = outer;
  in_run_forever_ = false;
}

// MicroPython's stop() pushes the stopper task: run_forever() returns when its turn comes.
void Loop::stop() noexcept {
  if (!in_run_forever_ || stop_queued_ || stop_requested_) return;
  stop_queued_ = true;
  queue_marker(&stopper_);
}

void Loop::reset() noexcept {
  while (detail::TaskNode* t = queue_.pop()) {
    if (t->done()) {  // a marker: the stopper, or a failed task not reported yet (it never is)
      t->unretrieved = false;
      if (t != &stopper_) detail::release(t);
      continue;
    }
    if (t->detach) t->detach(t);
    t->detach = nullptr;
    t->waiting_on = nullptr;
    t->root_promise->exception = std::make_exception_ptr(CancelledError());
    t->state = TaskState::Cancelled;
    detail::release(t);  // the loop's reference
  }
  current_ = nullptr;
  returned_ = nullptr;
  run_target_ = nullptr;
  stop_requested_ = false;
  in_run_forever_ = false;
  stop_queued_ = false;
  markers_ = 0;
  retrace();
}

void Loop::default_exception_handler(const ExceptionContext& context) {
  const char* what = "unknown exception";
  try {
    if (context.exception) std::rethrow_exception(context.exception);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
  }
  // As MicroPython's: the message, the task and the exception, on stderr. (On the board stderr is
  // the console, as stdout: stdout's pending output goes first, so the lines keep their order.)
  std::fflush(stdout);
  std::fprintf(stderr, "%s\nfuture: <Task '%s'>\nexception: %s\n", context.message,
               context.future ? context.future.name() : "", what);
}

void Loop::call_exception_handler(const ExceptionContext& context) {
  if (handler_)
    handler_(*this, context);
  else
    default_exception_handler(context);
}

// ---- ThreadSafeFlag (its loop side lives here with the inbox) ----

// A flag that goes while a task still waits on it: the task stays parked (nothing can set the flag
// now), but no longer points at it, so cancelling it later -- or new_event_loop() dropping it --
// does not touch freed memory.
ThreadSafeFlag::~ThreadSafeFlag() {
  get_event_loop().disarm(*this);
  if (waiter_) {
    waiter_->waiting_on = nullptr;
    waiter_->detach = nullptr;
  }
}

void ThreadSafeFlag::set() noexcept {
  state_.store(true, std::memory_order_seq_cst);
  detail::g_loop.wake_pending_.store(true, std::memory_order_seq_cst);
  detail::g_loop.attention_.store(true, std::memory_order_seq_cst);
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
  // Armed before the loop next looks at the inbox (service(), before the next switch): a set()
  // that landed between await_ready() and here is then seen on this flag, not lost.
  flag_.waiter_ = me;
  loop.arm(flag_);
  loop.park(me, h, TaskState::Waiting, WaitReason::Flag, kNoDeadline, &flag_, &ThreadSafeFlag::detach_waiter);
}

void ThreadSafeFlag::Awaiter::await_resume() const {
  detail::raise_if_cancelled();
  flag_.clear();
}

}  // namespace asyncio
