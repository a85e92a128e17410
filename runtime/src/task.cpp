#include "asyncio/task.h"

#include <new>

#include "asyncio/errors.h"
#include "asyncio/loop.h"

namespace asyncio {

const char* to_string(TaskState s) noexcept {
  switch (s) {
    case TaskState::Ready: return "ready";
    case TaskState::Running: return "running";
    case TaskState::Sleeping: return "sleeping";
    case TaskState::Waiting: return "waiting";
    case TaskState::Done: return "done";
  }
  return "?";
}

namespace detail {

void retain(TaskNode* t) noexcept { ++t->refs; }

void release(TaskNode* t) noexcept {
  if (--t->refs != 0) return;
  if (t->root) t->root.destroy();
  t->~TaskNode();
  free_frame(t, sizeof(TaskNode));
}

TaskNode* spawn(std::coroutine_handle<> root, PromiseCore* promise, const char* name) {
  auto* t = new (allocate_frame(sizeof(TaskNode))) TaskNode;
  t->root = root;
  t->resume_at = root;
  t->root_promise = promise;
  t->name = name ? name : "";
  t->refs = 1;  // the loop's, dropped when the task finishes
  promise->task = t;
  Loop& loop = get_event_loop();
  loop.queue_.push(t, loop.now());
  return t;
}

void await_task(TaskNode* target, std::coroutine_handle<> awaiter) {
  Loop& loop = get_event_loop();
  TaskNode* me = loop.current();
  if (!me) throw RuntimeError("awaiting a task outside a running task");
  if (me == target) throw RuntimeError("a task cannot await itself");
  me->wait_next = nullptr;
  me->wait_prev = target->awaiters_tail;
  if (target->awaiters_tail)
    target->awaiters_tail->wait_next = me;
  else
    target->awaiters_head = me;
  target->awaiters_tail = me;
  loop.park(me, awaiter, kNoDeadline, TaskState::Waiting);
}

std::coroutine_handle<> on_coroutine_end(PromiseCore& p) noexcept {
  // A task's root has nobody to return to: control goes back to the loop, which sees root.done()
  // and finishes the task outside the coroutine (so a throwing exception handler is safe).
  if (p.continuation) return p.continuation;
  return std::noop_coroutine();
}

}  // namespace detail

TaskRef current_task() {
  detail::TaskNode* t = get_event_loop().current();
  if (!t) throw RuntimeError("current_task(): no running event loop");
  return TaskRef(t);
}

}  // namespace asyncio
