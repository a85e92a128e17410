// SPDX-License-Identifier: MIT
// The scheduler's record of one task: its place in the run queue, where it resumes, what it waits
// on (so cancel() can take it out), its state for tools, and how it ends. Tasks are handed around
// as Task<T> handles; this is what they point to.
//
//            create_task              loop picks it          awaits sleep / Event / Lock / flag / task
//   (new) ───────────────► READY ──────────────────► RUNNING ────────────────────────────────► SLEEPING
//                            ▲                          │                                      WAITING
//                            └── woken, or cancel() ────┼──────────────────────────────────────┘
//                                                       ├── returns ──────────────► DONE
//                                                       ├── raises ───────────────► FAILED
//                                                       └── CancelledError out ───► CANCELLED
#pragma once
#include <coroutine>
#include <cstdint>
#include <exception>

#include "asyncio/ticks.h"

namespace asyncio {

enum class TaskState : uint8_t { Ready, Running, Sleeping, Waiting, Done, Failed, Cancelled };
const char* to_string(TaskState s) noexcept;

// What a waiting task waits on, for tools (and for cancel(), which forwards through Task waits).
enum class WaitReason : uint8_t { None, Sleep, Event, Lock, Flag, Stream, Task, WaitFor, Gather };
const char* to_string(WaitReason r) noexcept;

namespace detail {

struct PromiseCore;
struct TaskNode;

// How a task leaves what it waits on when it is woken by something else (a timeout, cancel()).
using DetachFn = void (*)(TaskNode*) noexcept;
// Called when a task finishes, instead of waking awaiters (gather registers one per child). An
// intrusive callback: the object that embeds it finds itself from the hook's address.
struct DoneHook {
  void (*fn)(DoneHook* self, TaskNode* finished) noexcept;
};

// A FIFO of waiting tasks, linked through the tasks themselves (so waiting allocates nothing):
// Event and Lock waiters, and the tasks awaiting a task. Defined below TaskNode.
class WaitQueue {
 public:
  bool empty() const noexcept { return head_ == nullptr; }
  TaskNode* front() const noexcept { return head_; }
  inline void push_back(TaskNode* t) noexcept;
  inline TaskNode* pop_front() noexcept;
  inline void remove(TaskNode* t) noexcept;
  // A DetachFn for tasks parked on a WaitQueue (their waiting_on points at it).
  static inline void detach(TaskNode* t) noexcept;

 private:
  TaskNode* head_ = nullptr;
  TaskNode* tail_ = nullptr;
};

struct TaskNode {
  // Run queue (task_queue.h): the ready FIFO links through heap_next; the timer heap (a pairing
  // heap ordered by (key, seq)) uses all three links.
  TaskNode* heap_child = nullptr;
  TaskNode* heap_next = nullptr;
  TaskNode* heap_prev = nullptr;  // parent when first child, else left sibling
  uint32_t seq = 0;               // heap order among equal keys: stable FIFO
  Ticks key = 0;                  // when it is (or was made) due

  // Wait queues (Event, Lock, a task's awaiters): see WaitQueue above.
  TaskNode* wait_next = nullptr;
  TaskNode* wait_prev = nullptr;

  // What it waits on now; `detach` takes it out of there (nullptr when there is nothing to leave).
  void* waiting_on = nullptr;
  DetachFn detach = nullptr;

  std::coroutine_handle<> resume_at;  // the innermost suspended coroutine of this task
  std::coroutine_handle<> root;       // the task's top coroutine; owned, destroyed with the node
  PromiseCore* root_promise = nullptr;

  // Who learns that this task finished: the tasks awaiting it, or (exclusively) a gather.
  WaitQueue awaiters;
  DoneHook* on_done = nullptr;

  const char* name = "";
  uint32_t wakes = 0;           // times it was resumed (0: never started); for tools
  uint32_t time_run = 0;        // milliseconds spent running, while run-time stats are on
  int32_t frame_bytes = 0;      // its record and the coroutine frames it holds, as requested; for tools
  uint16_t refs = 0;            // Task handles + the loop's reference while unfinished
  // Ready also while it runs: the loop's current task is the running one (see Loop::state_of).
  TaskState state = TaskState::Ready;
  WaitReason reason = WaitReason::None;
  bool in_heap = false;         // in the run queue's timer heap (a ready task in its FIFO is not)
  bool cancel_pending = false;  // CancelledError to deliver at the next resumption
  bool timed_out = false;       // woken by its deadline rather than by what it waited on
  // Failed with nobody awaiting it: the loop calls the exception handler on its next turn in the
  // run queue unless something awaits it first (Task::await_ready() clears it).
  bool unretrieved = false;

  bool done() const noexcept { return state >= TaskState::Done; }
};

void WaitQueue::push_back(TaskNode* t) noexcept {
  t->wait_next = nullptr;
  t->wait_prev = tail_;
  if (tail_)
    tail_->wait_next = t;
  else
    head_ = t;
  tail_ = t;
}

TaskNode* WaitQueue::pop_front() noexcept {
  TaskNode* t = head_;
  if (t) remove(t);
  return t;
}

void WaitQueue::remove(TaskNode* t) noexcept {
  if (t->wait_prev)
    t->wait_prev->wait_next = t->wait_next;
  else
    head_ = t->wait_next;
  if (t->wait_next)
    t->wait_next->wait_prev = t->wait_prev;
  else
    tail_ = t->wait_prev;
  t->wait_next = t->wait_prev = nullptr;
}

void WaitQueue::detach(TaskNode* t) noexcept { static_cast<WaitQueue*>(t->waiting_on)->remove(t); }

// The part of every Coro promise the scheduler needs, whatever the result type.
struct PromiseCore {
  std::coroutine_handle<> continuation;  // the awaiting coroutine; empty for a task's root
  std::exception_ptr exception;
  TaskNode* task = nullptr;              // set on a task's root coroutine only
};

void retain(TaskNode* t) noexcept;
void release(TaskNode* t) noexcept;  // destroys the root frame and the node at zero

// Every Coro frame comes and goes through these: allocate_frame()/free_frame(), counted against
// the running task's frame_bytes (see task.cpp for how a task's root frame is counted as its own).
void* allocate_coro_frame(size_t size);
void free_coro_frame(void* p, size_t size) noexcept;

// Called by every awaitable's await_resume() after it suspended: throws CancelledError when the
// task was cancelled meanwhile (and clears the request: a caught cancel lets the task carry on).
void raise_if_cancelled();

}  // namespace detail
}  // namespace asyncio
