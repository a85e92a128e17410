#include "asyncio/sleep.h"

#include <cmath>

#include "asyncio/errors.h"
#include "asyncio/loop.h"

namespace asyncio {

void SleepAwaiter::sleep_until_due(std::coroutine_handle<> h) const {
  Loop& loop = get_event_loop();
  detail::TaskNode* me = loop.current();
  Ticks now = loop.now();
  if (ms_ >= kNoDeadline - now) throw OverflowError("sleep: duration too long for the tick range");
  loop.park(me, h, TaskState::Sleeping, WaitReason::Sleep, now + ms_);
}

SleepAwaiter sleep(double seconds) {
  double ms = std::trunc(seconds * 1000.0);
  if (!(ms > 0)) return SleepAwaiter(0);  // negative, zero and NaN
  if (ms >= 9.2e18) throw OverflowError("sleep: duration too long for the tick range");
  return SleepAwaiter(static_cast<Ticks>(ms));
}

}  // namespace asyncio
