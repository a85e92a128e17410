// SPDX-License-Identifier: MIT
// Task: a coroutine scheduled to run concurrently, as MicroPython's asyncio.Task.
//
//   auto t = asyncio::create_task(blink(led, 700), "blink");   // starts when the creator suspends
//   int v = co_await t;                                         // its result, or its exception
//
// create_task() and awaiting a task: task context. A Task handle may be copied; the task itself
// lives until it has finished and no handle refers to it.
#pragma once
#include <coroutine>
#include <utility>

#include "asyncio/coro.h"
#include "asyncio/detail/task_node.h"

namespace asyncio {

namespace detail {
TaskNode* spawn(std::coroutine_handle<> root, PromiseCore* promise, const char* name);
// Parks the current task until `target` finishes (or `deadline`: then timed_out is set).
void await_task(TaskNode* target, std::coroutine_handle<> awaiter, WaitReason reason = WaitReason::Task,
                Ticks deadline = kNoDeadline);
}  // namespace detail

// A handle to a task of any result type: what tools and current_task() deal in.
class TaskRef {
 public:
  TaskRef() noexcept = default;
  explicit TaskRef(detail::TaskNode* node) noexcept : node_(node) { if (node_) detail::retain(node_); }
  TaskRef(const TaskRef& o) noexcept : TaskRef(o.node_) {}
  TaskRef(TaskRef&& o) noexcept : node_(std::exchange(o.node_, nullptr)) {}
  TaskRef& operator=(TaskRef o) noexcept {
    std::swap(node_, o.node_);
    return *this;
  }
  ~TaskRef() {
    if (node_) detail::release(node_);
  }

  // True once the task returned, raised or was cancelled.
  bool done() const noexcept { return node_->done(); }
  // Cancels the task: it receives CancelledError where it is suspended (it may catch it). Returns
  // false if it has already finished. A task awaiting another task passes the cancel on to the one
  // it awaits. Cancelling the running task itself throws RuntimeError("can't cancel self").
  // Task context.
  bool cancel();
  // The name given to create_task(), for tools ("" if none).
  const char* name() const noexcept { return node_->name; }
  // What the task is doing now, and on what it waits, for tools.
  TaskState state() const noexcept;
  WaitReason waiting_on() const noexcept { return node_->reason; }
  // When a sleeping task is due (tick), for tools.
  Ticks due() const noexcept { return node_->key; }
  uint32_t wake_count() const noexcept { return node_->wakes; }
  uint32_t time_run_ms() const noexcept { return node_->time_run; }
  // Bytes the task holds in the frame pool now, as requested: its record, its own coroutine frame
  // and the frames of the coroutines it is awaiting inline. For tools.
  size_t frame_bytes() const noexcept { return node_->frame_bytes > 0 ? static_cast<size_t>(node_->frame_bytes) : 0; }

  detail::TaskNode* node() const noexcept { return node_; }
  explicit operator bool() const noexcept { return node_ != nullptr; }
  friend bool operator==(const TaskRef& a, const TaskRef& b) noexcept { return a.node_ == b.node_; }

 protected:
  detail::TaskNode* node_ = nullptr;
};

template <typename T = void>
class Task : public TaskRef {
 public:
  using TaskRef::TaskRef;

  // Awaiting a task suspends until it finishes, then returns its result or rethrows its exception;
  // awaiting a finished task again does the same. Awaiting a task that failed with nobody awaiting
  // it, before its exception was reported, retrieves the exception: the handler is not called.
  bool await_ready() const noexcept {
    if (!done()) return false;
    node_->unretrieved = false;
    return true;
  }
  void await_suspend(std::coroutine_handle<> awaiter) { detail::await_task(node_, awaiter); }
  T await_resume() const {
    detail::raise_if_cancelled();
    return result();
  }

  // The result of a finished task (rethrows its exception).
  T result() const {
    auto& p = std::coroutine_handle<typename Coro<T>::promise_type>::from_address(node_->root.address()).promise();
    if (p.exception) std::rethrow_exception(p.exception);
    if constexpr (!std::is_void_v<T>) return *p.value;
  }
};

// Schedules `coro` to run as a task; it starts once the calling task suspends (or when the loop
// runs). `name` (a string that outlives the task) is what tools show.
template <typename T>
Task<T> create_task(Coro<T> coro, const char* name = "") {
  auto h = coro.release();
  return Task<T>(detail::spawn(h, &h.promise(), name));
}

// The task running now. Throws RuntimeError outside a running loop.
TaskRef current_task();

}  // namespace asyncio
