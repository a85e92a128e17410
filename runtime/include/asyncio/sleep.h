// sleep_ms() and sleep(): suspend the calling task for a while. Task context.
//
//   co_await asyncio::sleep_ms(700);
//
// sleep_ms(0) yields: the task goes behind every task already due. Neither allocates.
#pragma once
#include <coroutine>
#include <cstdint>

#include "asyncio/ticks.h"

namespace asyncio {

class SleepAwaiter {
 public:
  explicit SleepAwaiter(Ticks ms) noexcept : ms_(ms) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) const;
  void await_resume() const;  // CancelledError if the task was cancelled while asleep

 private:
  Ticks ms_;
};

// Sleeps `ms` milliseconds; a negative duration counts as 0. Throws OverflowError if the deadline
// would not fit the tick range.
SleepAwaiter sleep_ms(int64_t ms);
// Sleeps `seconds`, truncated to whole milliseconds (as MicroPython does).
SleepAwaiter sleep(double seconds);

}  // namespace asyncio
