// SPDX-License-Identifier: MIT
#include "asyncio/lock.h"

#include "asyncio/errors.h"
#include "asyncio/loop.h"

namespace asyncio {

void Lock::release() {
  if (!locked_) throw RuntimeError("Lock not acquired");
  locked_ = false;
  if (detail::TaskNode* next = waiters_.pop_front()) {
    handed_to_ = next;  // unlocked, but reserved: `next` takes it when it runs
    get_event_loop().wake(next);
  }
}

bool Lock::Acquire::await_ready() noexcept {
  if (lock_.locked_ || lock_.handed_to_) return false;
  lock_.locked_ = true;
  return true;
}

void Lock::Acquire::await_suspend(std::coroutine_handle<> h) {
  Loop& loop = get_event_loop();
  detail::TaskNode* me = loop.current();
  if (!me) throw RuntimeError("Lock.acquire() outside a running task");
  suspended_ = true;
  lock_.waiters_.push_back(me);
  loop.park(me, h, TaskState::Waiting, WaitReason::Lock, kNoDeadline, &lock_.waiters_, &detail::WaitQueue::detach);
}

void Lock::Acquire::await_resume() const {
  if (!suspended_) return;  // took a free lock in await_ready()
  detail::TaskNode* me = get_event_loop().current();
  bool handed = me && lock_.handed_to_ == me;
  if (handed) {  // it runs: the lock it was handed is its own now
    lock_.handed_to_ = nullptr;
    lock_.locked_ = true;
  }
  if (me && me->cancel_pending) {
    // Handed the lock, then cancelled before running: pass it on before CancelledError propagates.
    if (handed) lock_.release();
    detail::raise_if_cancelled();
  }
}

}  // namespace asyncio
