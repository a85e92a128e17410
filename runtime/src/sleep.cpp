// SPDX-License-Identifier: MIT
#include "asyncio/sleep.h"

#include <cmath>

#include "asyncio/errors.h"
#include "asyncio/loop.h"

namespace asyncio {

void SleepAwaiter::sleep_until_due(std::coroutine_handle<> h) const {
  Loop& loop = get_event_loop();
  detail::TaskNode* me = loop.current();
  Ticks now = loop.now();
  loop.park(me, h, TaskState::Sleeping, WaitReason::Sleep, now + ms_);
}

SleepAwaiter sleep(double seconds) {
  double ms = std::trunc(seconds * 1000.0);
  if (!(ms > 0)) return SleepAwaiter(0);  // negative, zero and NaN
  if (ms > UINT32_MAX) throw_sleep_overflow();
  return SleepAwaiter(static_cast<uint32_t>(ms));
}

void throw_sleep_overflow() { throw OverflowError("sleep: at most 2^32 - 1 ms (49.7 days) in one sleep"); }

}  // namespace asyncio
