#include "asyncio/sleep.h"

#include <cmath>

#include "asyncio/errors.h"
#include "asyncio/loop.h"

namespace asyncio {

void SleepAwaiter::await_suspend(std::coroutine_handle<> h) const {
  Loop& loop = get_event_loop();
  detail::TaskNode* me = loop.current();
  if (!me) throw RuntimeError("sleep outside a running task");
  if (ms_ == 0) {  // a yield: behind every task already due
    loop.yield(me, h);
    return;
  }
  Ticks now = loop.now();
  if (ms_ >= kNoDeadline - now) throw OverflowError("sleep: duration too long for the tick range");
  loop.park(me, h, TaskState::Sleeping, WaitReason::Sleep, now + ms_);
}

void SleepAwaiter::await_resume() const { detail::raise_if_cancelled(); }

SleepAwaiter sleep_ms(int64_t ms) { return SleepAwaiter(ms < 0 ? 0 : ms); }

SleepAwaiter sleep(double seconds) {
  double ms = std::trunc(seconds * 1000.0);
  if (!(ms > 0)) return SleepAwaiter(0);  // negative, zero and NaN
  if (ms >= 9.2e18) throw OverflowError("sleep: duration too long for the tick range");
  return SleepAwaiter(static_cast<Ticks>(ms));
}

}  // namespace asyncio
