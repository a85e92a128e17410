// SPDX-License-Identifier: MIT
#include "asyncio/task.h"

#include <new>
#include <utility>

#include "asyncio/errors.h"
#include "asyncio/loop.h"
#include "asyncio/trace.h"

namespace asyncio {

const char* to_string(TaskState s) noexcept {
  switch (s) {
    case TaskState::Ready: return "ready";
    case TaskState::Running: return "running";
    case TaskState::Sleeping: return "sleeping";
    case TaskState::Waiting: return "waiting";
    case TaskState::Done: return "done";
    case TaskState::Failed: return "failed";
    case TaskState::Cancelled: return "cancelled";
  }
  return "?";
}

const char* to_string(WaitReason r) noexcept {
  switch (r) {
    case WaitReason::None: return "";
    case WaitReason::Sleep: return "sleep";
    case WaitReason::Event: return "Event";
    case WaitReason::Lock: return "Lock";
    case WaitReason::Flag: return "ThreadSafeFlag";
    case WaitReason::Stream: return "stream";
    case WaitReason::Task: return "task";
    case WaitReason::WaitFor: return "wait_for";
    case WaitReason::Gather: return "gather";
  }
  return "?";
}

namespace detail {

void retain(TaskNode* t) noexcept { ++t->refs; }

namespace {
// Who frames are counted against: the running task, or while a task's frames are torn down, that
// task (whoever dropped its last handle).
TaskNode* g_frame_owner_override = nullptr;
TaskNode* frame_owner() noexcept { return g_frame_owner_override ? g_frame_owner_override : g_loop.current(); }

// The latest frame allocations: create_task() finds its coroutine's frame among them, to move it
// from the creator's count to the new task's. (`create_task(blink(led))` made it just before; a
// coroutine made further back is not found, and its task's count leaves it out.)
struct RecentFrame {
  void* at;
  size_t size;
};
constexpr size_t kRecentFrames = 4;
static_assert((kRecentFrames & (kRecentFrames - 1)) == 0, "a power of two: the ring's index wraps with the counter");
RecentFrame g_recent[kRecentFrames];
size_t g_recent_next = 0;

// Newest first: a frame freed and its address reused is found as the newer allocation.
size_t take_recent(void* frame) noexcept {
  for (size_t i = 1; i <= kRecentFrames; ++i) {
    RecentFrame& r = g_recent[(g_recent_next - i) % kRecentFrames];
    if (r.at == frame) {
      r.at = nullptr;
      return r.size;
    }
  }
  return 0;
}
}  // namespace

void* allocate_coro_frame(size_t size) {
  void* p = allocate_frame(size);
  if (TaskNode* t = frame_owner()) t->frame_bytes += static_cast<int32_t>(size);
  g_recent[g_recent_next++ % kRecentFrames] = {p, size};  // kRecentFrames is a power of two
  return p;
}

void free_coro_frame(void* p, size_t size) noexcept {
  if (TaskNode* t = frame_owner()) t->frame_bytes -= static_cast<int32_t>(size);
  free_frame(p, size);
}

void release(TaskNode* t) noexcept {
  if (--t->refs != 0) return;
  TaskNode* outer = std::exchange(g_frame_owner_override, t);
  if (t->root) t->root.destroy();
  g_frame_owner_override = outer;
  t->~TaskNode();
  free_frame(t, sizeof(TaskNode));
}

TaskNode* spawn(std::coroutine_handle<> root, PromiseCore* promise, const char* name) {
  void* memory;
  try {
    memory = allocate_frame(sizeof(TaskNode));
  } catch (...) {
    root.destroy();  // the task owns the frame from here: don't leak it when its record can't be had
    throw;
  }
  auto* t = new (memory) TaskNode;
  t->root = root;
  t->resume_at = root;
  t->root_promise = promise;
  t->name = name ? name : "";
  t->refs = 1;  // the loop's, dropped when the task finishes
  t->frame_bytes = static_cast<int32_t>(sizeof(TaskNode));
  if (size_t root_size = take_recent(root.address())) {  // the root frame is the task's, not its creator's
    if (TaskNode* creator = frame_owner()) creator->frame_bytes -= static_cast<int32_t>(root_size);
    t->frame_bytes += static_cast<int32_t>(root_size);
  }
  promise->task = t;
  get_event_loop().queue_ready(t);
  trace(TraceEvent::Created, t);
  return t;
}

namespace {
void leave_awaiters(TaskNode* t) noexcept { static_cast<TaskNode*>(t->waiting_on)->awaiters.remove(t); }
}  // namespace

void await_task(TaskNode* target, std::coroutine_handle<> awaiter, WaitReason reason, Ticks deadline) {
  Loop& loop = get_event_loop();
  TaskNode* me = loop.current();
  if (!me) throw RuntimeError("awaiting a task outside a running task");
  if (me == target) throw RuntimeError("a task cannot await itself");
  if (target->on_done) throw RuntimeError("awaiting a task that gather() already waits for");
  target->awaiters.push_back(me);
  loop.park(me, awaiter, TaskState::Waiting, reason, deadline, target, &leave_awaiters);
}

std::coroutine_handle<> on_coroutine_end(PromiseCore& p) noexcept {
  // A task's root has nobody to return to: control goes back to the loop, which sees root.done()
  // and finishes the task outside the coroutine (so a throwing exception handler is safe).
  if (p.continuation) return p.continuation;
  get_event_loop().root_returned(p.task);
  return std::noop_coroutine();
}

}  // namespace detail

TaskState TaskRef::state() const noexcept { return get_event_loop().state_of(node_); }

bool TaskRef::cancel() { return get_event_loop().cancel(node_); }

TaskRef current_task() {
  detail::TaskNode* t = get_event_loop().current();
  if (!t) throw RuntimeError("current_task(): no running event loop");
  return TaskRef(t);
}

}  // namespace asyncio
