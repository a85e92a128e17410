// The scheduler's record of one task: its place in the run queue, where it resumes, its state for
// tools, and how it ends. Tasks are handed around as Task<T> handles; this is what they point to.
//
//            create_task              loop picks it           awaits sleep / flag / task
//   (new) ───────────────► READY ──────────────────► RUNNING ───────────────────────────► SLEEPING
//                            ▲                          │                                  WAITING
//                            └──────── woken ───────────┼──────────────────────────────────┘
//                                                       └── returns / throws ──► DONE
#pragma once
#include <coroutine>
#include <cstdint>
#include <exception>

#include "asyncio/ticks.h"

namespace asyncio {

enum class TaskState : uint8_t { Ready, Running, Sleeping, Waiting, Done };
const char* to_string(TaskState s) noexcept;

namespace detail {

struct PromiseCore;

struct TaskNode {
  // Run queue (a pairing heap ordered by (key, seq)): see task_queue.h.
  TaskNode* heap_child = nullptr;
  TaskNode* heap_next = nullptr;
  TaskNode* heap_prev = nullptr;  // parent when first child, else left sibling
  Ticks key = 0;                  // when it is due
  uint32_t seq = 0;               // queue order among equal keys: stable FIFO

  // Wait queues (an awaited task's awaiters, later Event and Lock waiters): see wait_queue.h.
  TaskNode* wait_next = nullptr;
  TaskNode* wait_prev = nullptr;

  std::coroutine_handle<> resume_at;  // the innermost suspended coroutine of this task
  std::coroutine_handle<> root;       // the task's top coroutine; owned, destroyed with the node
  PromiseCore* root_promise = nullptr;

  TaskNode* awaiters_head = nullptr;  // tasks awaiting this one (FIFO)
  TaskNode* awaiters_tail = nullptr;

  const char* name = "";
  TaskState state = TaskState::Ready;
  bool in_queue = false;
  uint16_t refs = 0;                  // Task handles + the loop's reference while unfinished
  uint32_t wakes = 0;                 // times it was resumed (for tools)

  bool done() const noexcept { return state == TaskState::Done; }
};

// The part of every Coro promise the scheduler needs, whatever the result type.
struct PromiseCore {
  std::coroutine_handle<> continuation;  // the awaiting coroutine; empty for a task's root
  std::exception_ptr exception;
  TaskNode* task = nullptr;              // set on a task's root coroutine only
};

void retain(TaskNode* t) noexcept;
void release(TaskNode* t) noexcept;  // destroys the root frame and the node at zero

}  // namespace detail
}  // namespace asyncio
