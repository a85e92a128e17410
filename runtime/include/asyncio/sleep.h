// SPDX-License-Identifier: MIT
// sleep_ms() and sleep(): suspend the calling task for a while. Task context.
//
//   co_await asyncio::sleep_ms(700);
//
// sleep_ms(0) yields: the task goes behind every task already due. Neither allocates.
#pragma once
#include <coroutine>
#include <cstdint>

#include "asyncio/loop.h"
#include "asyncio/ticks.h"

namespace asyncio {

class SleepAwaiter {
 public:
  explicit SleepAwaiter(uint32_t ms) noexcept : ms_(ms) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) const {
    Loop& loop = get_event_loop();
    if (ms_ == 0)  // a yield: inline, it is the task-switch path
      loop.yield(loop.current(), h);
    else
      sleep_until_due(h);
  }
  // CancelledError if the task was cancelled while asleep.
  void await_resume() const { get_event_loop().raise_if_cancelled(); }

 private:
  void sleep_until_due(std::coroutine_handle<> h) const;
  uint32_t ms_;  // 32 bits: the awaiter lives in the frame, and a yield stores a single word
};

[[noreturn]] void throw_sleep_overflow();

// Sleeps `ms` milliseconds; a negative duration counts as 0. One sleep lasts at most 2^32 - 1 ms
// (49.7 days; MicroPython's ticks allow about 6): longer throws OverflowError instead of wrapping.
inline SleepAwaiter sleep_ms(int64_t ms) {
  if (ms > int64_t{UINT32_MAX}) throw_sleep_overflow();
  return SleepAwaiter(ms < 0 ? 0 : static_cast<uint32_t>(ms));
}
// Sleeps `seconds`, truncated to whole milliseconds (as MicroPython does); the same limit.
SleepAwaiter sleep(double seconds);

}  // namespace asyncio
