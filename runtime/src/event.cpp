// SPDX-License-Identifier: MIT
#include "asyncio/event.h"

#include "asyncio/errors.h"
#include "asyncio/loop.h"

namespace asyncio {

void Event::set() noexcept {
  state_ = true;
  Loop& loop = get_event_loop();
  while (detail::TaskNode* t = waiters_.pop_front()) loop.wake(t);
}

void Event::Awaiter::await_suspend(std::coroutine_handle<> h) {
  Loop& loop = get_event_loop();
  detail::TaskNode* me = loop.current();
  if (!me) throw RuntimeError("Event.wait() outside a running task");
  event_.waiters_.push_back(me);
  loop.park(me, h, TaskState::Waiting, WaitReason::Event, kNoDeadline, &event_.waiters_, &detail::WaitQueue::detach);
}


}  // namespace asyncio
