// SPDX-License-Identifier: MIT
#include "asyncio/gather.h"

namespace asyncio::detail {

namespace {

void child_done(DoneHook* hook, TaskNode* child) noexcept {
  auto* s = static_cast<GatherState*>(hook);
  --s->remaining;
  std::exception_ptr ex = child->root_promise->exception;
  if (ex && !s->return_exceptions && !s->first_error) s->first_error = ex;
  if (s->caller && (s->remaining == 0 || (s->first_error && !s->return_exceptions))) {
    TaskNode* caller = std::exchange(s->caller, nullptr);
    get_event_loop().wake(caller);
  }
}

void leave_gather(TaskNode* t) noexcept { static_cast<GatherState*>(t->waiting_on)->caller = nullptr; }

}  // namespace

bool GatherJoin::await_ready() {
  for (size_t i = 0; i < n_; ++i) {
    for (size_t j = 0; j < i; ++j)
      if (children_[i] == children_[j]) throw RuntimeError("gather(): the same task appears twice");
    if (!children_[i]->awaiters.empty() || children_[i]->on_done)
      throw RuntimeError("gather(): a task that something already awaits can't be gathered");
  }
  for (size_t i = 0; i < n_; ++i) {
    TaskNode* c = children_[i];
    if (c->done()) {
      if (c->root_promise->exception && !s_.return_exceptions && !s_.first_error) s_.first_error = c->root_promise->exception;
      continue;
    }
    s_.fn = &child_done;
    c->on_done = &s_;
    ++s_.remaining;
  }
  return s_.remaining == 0 || (s_.first_error && !s_.return_exceptions);
}

void GatherJoin::await_suspend(std::coroutine_handle<> h) {
  Loop& loop = get_event_loop();
  TaskNode* me = loop.current();
  if (!me) {
    gather_detach_children(children_, n_);
    throw RuntimeError("gather() outside a running task");
  }
  s_.caller = me;
  loop.park(me, h, TaskState::Waiting, WaitReason::Gather, kNoDeadline, &s_, &leave_gather);
}

void GatherJoin::await_resume() {
  try {
    raise_if_cancelled();
  } catch (const CancelledError&) {
    gather_detach_children(children_, n_);
    for (size_t i = 0; i < n_; ++i)
      if (!children_[i]->done()) get_event_loop().cancel(children_[i]);
    throw;
  }
}

void gather_detach_children(TaskNode* const* children, size_t n) noexcept {
  for (size_t i = 0; i < n; ++i)
    if (!children[i]->done()) {
      children[i]->on_done = nullptr;
    }
}

}  // namespace asyncio::detail
