// SPDX-License-Identifier: MIT
// The event loop, as MicroPython's asyncio.Loop, and asyncio.run(). There is one loop;
// get_event_loop() returns it. All of it is task context except where a function says otherwise.
#pragma once
#include <atomic>
#include <exception>

#include "asyncio/coro.h"
#include "asyncio/detail/task_queue.h"
#include "asyncio/task.h"
#include "asyncio/thread_safe_flag.h"
#include "asyncio/ticks.h"

namespace asyncio {

class Loop;
class ThreadSafeFlag;

// What call_exception_handler() receives: Python's context dict as a struct.
struct ExceptionContext {
  const char* message = "";
  std::exception_ptr exception;
  TaskRef future;  // the task concerned, if any
};
using ExceptionHandler = void (*)(Loop&, const ExceptionContext&);

class Loop {
 public:
  // Schedules a coroutine as a task (same as asyncio::create_task).
  template <typename T>
  Task<T> create_task(Coro<T> coro, const char* name = "") { return asyncio::create_task(std::move(coro), name); }

  // Runs the loop until `task` is done and returns its result (or rethrows its exception).
  template <typename T>
  T run_until_complete(const Task<T>& task) {
    run_until(task.node());
    return task.result();
  }

  // Runs until stop() is called, then returns once the tasks that were due when stop() was called
  // have run. Tasks still queued then stay queued: the next run resumes them.
  void run_forever();
  // Makes run_forever() return when the tasks due now have run (MicroPython queues a stopper task:
  // run_forever() returns when its turn comes; tasks that become due later -- a task yielding with
  // sleep_ms(0), a task created now -- wait for the next run). A second stop() before that, or a
  // stop() outside run_forever(): nothing.
  void stop() noexcept;
  // Nothing to release: the loop is static. Provided for parity with Python.
  void close() noexcept {}

  // Exception handling: unretrieved task exceptions come here. A task that fails with nobody
  // awaiting it is reported on its next turn in the run queue (after the tasks due when it failed),
  // and only if nothing has awaited it by then, as in MicroPython. With no handler set (the
  // default), default_exception_handler() prints the message, the task and the exception to stderr
  // (on the board, stderr is the console too).
  void set_exception_handler(ExceptionHandler handler) noexcept { handler_ = handler; }
  ExceptionHandler get_exception_handler() const noexcept { return handler_; }
  void default_exception_handler(const ExceptionContext& context);
  void call_exception_handler(const ExceptionContext& context);

  // Run-time stats: while on, each task's time_run_ms() counts the milliseconds it spent running
  // (two clock reads per task switch). Off by default, as FreeRTOS's configGENERATE_RUN_TIME_STATS;
  // wake counts are always kept. Task context or outside the loop.
  void set_run_time_stats(bool on) noexcept;

  // ---- for awaitables and ports (not for application code) ----
  detail::TaskNode* current() const noexcept { return current_; }
  // Where the running task is recorded: debuggers and the simulator's fault reports read it.
  detail::TaskNode* const* current_slot() const noexcept { return &current_; }
  // What a task is doing now (Running for the task the loop is running).
  TaskState state_of(const detail::TaskNode* t) const noexcept {
    return t == current_ && t->state == TaskState::Ready ? TaskState::Running : t->state;
  }
  // Reads the port's clock (and remembers it).
  Ticks now() const noexcept;
  // sleep_ms(0): the running task `t`, suspended at `h`, goes behind every task already due. The
  // task-switch path: no clock read unless a timer is queued (see task_queue.h).
  void yield(detail::TaskNode* t, std::coroutine_handle<> h) noexcept {
    t->resume_at = h;
    // A running task's key is a tick that has passed (it was due when popped): while no timer is
    // queued, it serves as its FIFO key as it is (see task_queue.h).
    if (queue_.has_timers()) [[unlikely]]
      t->key = now();
    queue_.append_ready(t);
  }
  // What every awaitable's await_resume() does first: CancelledError if the running task was
  // cancelled while it was suspended (the request is cleared: a caught cancel lets it carry on).
  void raise_if_cancelled() {
    if (current_->cancel_pending) [[unlikely]]
      throw_cancelled();
  }
  // Suspends task `t` at `h`. It waits on `waiting_on` (which `detach` knows how to leave) until
  // something wakes it, or until `deadline` (then it resumes with timed_out set). A task with a
  // cancel pending is made due at once instead.
  void park(detail::TaskNode* t, std::coroutine_handle<> h, TaskState state, WaitReason reason,
            Ticks deadline = kNoDeadline, void* waiting_on = nullptr, detail::DetachFn detach = nullptr) noexcept;
  // Makes a parked task due now, behind every task already due. The caller has already taken it
  // out of what it waited on. The trace hook hears Woke, with current() as the waker.
  void wake(detail::TaskNode* t) noexcept;
  // Task::cancel(): see task.h.
  bool cancel(detail::TaskNode* t);
  // A flag whose waiter the loop must wake when the flag is set (see thread_safe_flag.h).
  void arm(ThreadSafeFlag& flag) noexcept;
  void disarm(ThreadSafeFlag& flag) noexcept;
  // new_event_loop(): drops every queued task (they end cancelled), keeps the exception handler.
  void reset() noexcept;
  // The end of a task's root coroutine (its final suspend): the loop finishes the task next.
  void root_returned(detail::TaskNode* t) noexcept {
    returned_ = t;
    attention_.store(true, std::memory_order_relaxed);
  }
  // Something outside the switch path needs the loop's attention before the next task runs: the
  // trace hook or run-time stats changed, a network device has news for poll_io(). Any context,
  // interrupt handlers included (one relaxed store).
  void notice() noexcept { attention_.store(true, std::memory_order_relaxed); }
  // The trace hook, the trace ring or run-time stats changed: picks the switch path (plain, ringed
  // or instrumented) from now on. Task context.
  void retrace() noexcept;

 private:
  friend detail::TaskNode* detail::spawn(std::coroutine_handle<>, detail::PromiseCore*, const char*);
  friend class ThreadSafeFlag;
  friend bool detail::wake_pending() noexcept;
  void queue_ready(detail::TaskNode* t) noexcept {
    queue_.push_ready(t, queue_.has_timers() ? now() : now_);
  }
  void run_until(detail::TaskNode* target);
  void run(detail::TaskNode* target);
  template <bool kRinged>
  bool run_switches();
  [[gnu::always_inline]] inline bool service();
  // service() for the ringed copy of the switch path and run_forever()'s tail: one out-of-line copy,
  // so that the plain switch path keeps service() inlined, as before the ring came.
  [[gnu::noinline]] bool service_out_of_line();
  detail::TaskNode* next_due() noexcept;
  detail::TaskNode* pop_due() noexcept;
  void resume(detail::TaskNode* t) {
    if (t->wakes++ == 0 && t->cancel_pending) [[unlikely]] {
      cancel_unstarted(t);
      return;
    }
    current_ = t;
    t->resume_at.resume();
  }
  void resume_instrumented(detail::TaskNode* t);
  [[noreturn]] void throw_cancelled();
  static void time_out(detail::TaskNode* t) noexcept;
  void cancel_unstarted(detail::TaskNode* t);
  void finish(detail::TaskNode* t);
  [[gnu::always_inline]] inline void collect_flags() noexcept;
  void make_due_now(detail::TaskNode* t) noexcept;
  void make_ready(detail::TaskNode* t) noexcept;  // wake() without the trace event
  // Markers: run-queue entries that are not tasks to resume -- the stopper, and a failed task's
  // second turn (see finish()). They are done nodes; while one is queued the loop takes every task
  // through next_due(), which hands a marker's turn to service() instead of resuming it.
  void queue_marker(detail::TaskNode* t) noexcept;
  void marker_turn(detail::TaskNode* t);
  static constexpr detail::TaskNode make_stopper() noexcept {
    detail::TaskNode n;
    n.state = TaskState::Done;  // a marker
    n.refs = 1;                 // the loop's own: no handle ever frees it
    n.name = "stopper";
    return n;
  }

  // The switch path's state first (small offsets from one base register).
  // attention_: service() before the next switch. Set by the loop itself and, with wake_pending_,
  // by ThreadSafeFlag::set() in any context; one test of it is all the switch path pays.
  std::atomic<bool> attention_{false};
  std::atomic<bool> wake_pending_{false};  // the inbox: a flag was set since the loop last looked
  bool instrumented_ = false;              // trace hook or run-time stats on
  bool ringed_ = false;                    // the trace ring on (and not instrumented_)
  bool stats_ = false;
  detail::TaskNode* current_ = nullptr;    // the task running, or the last one run (see state_of)
  detail::TaskQueue queue_;
  mutable Ticks now_ = 0;                  // the clock's last reading
  detail::TaskNode* returned_ = nullptr;   // a task whose root coroutine has just returned
  detail::TaskNode* run_target_ = nullptr; // the task run_until_complete() waits for
  ThreadSafeFlag* armed_ = nullptr;  // flags with a waiter, linked through ThreadSafeFlag::next_armed_
  ExceptionHandler handler_ = nullptr;
  bool stop_requested_ = false;            // the stopper's turn came: run_forever() returns
  bool in_run_forever_ = false;
  bool stop_queued_ = false;               // stop() queued the stopper
  uint32_t markers_ = 0;                   // markers in the run queue
  detail::TaskNode stopper_ = make_stopper();  // stop()'s place in the run queue
};

namespace detail {
extern Loop g_loop;
}

// The loop.
inline Loop& get_event_loop() noexcept { return detail::g_loop; }
// Resets the loop, as MicroPython's asyncio.new_event_loop(): queued tasks are dropped (they end
// cancelled, without running); the exception handler stays. Returns the loop.
Loop& new_event_loop() noexcept;

// Runs `coro` as a task until it finishes and returns its value. Tasks still pending when it
// returns stay queued and resume in the next run().
template <typename T>
T run(Coro<T> coro) {
  auto task = create_task(std::move(coro), "main");
  return get_event_loop().run_until_complete(task);
}

}  // namespace asyncio
