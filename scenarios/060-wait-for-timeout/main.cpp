// SPDX-License-Identifier: MIT
// 060-wait-for-timeout: a time limit on an await. wait_for_ms() returns the result when it comes in
// time; otherwise it cancels the work, waits for its cleanup, and raises TimeoutError.
#include <cstdio>

#include "asyncio/asyncio.h"

namespace {

// A sensor that takes `ms` to answer; on cancellation it powers down before giving up.
asyncio::Coro<int> read_sensor(int ms) {
  std::printf("sensor: measuring (%d ms)\n", ms);
  try {
    co_await asyncio::sleep_ms(ms);
  } catch (const asyncio::CancelledError&) {
    std::puts("sensor: cancelled, powering down");
    throw;  // the cancellation goes on: wait_for turns it into TimeoutError for its caller
  }
  co_return 42;
}

asyncio::Coro<> main_task() {
  int value = co_await asyncio::wait_for_ms(read_sensor(30), 50);
  std::printf("fast read: %d\n", value);
  try {
    value = co_await asyncio::wait_for_ms(read_sensor(80), 50);
    std::printf("slow read: %d\n", value);
  } catch (const asyncio::TimeoutError&) {
    std::puts("slow read: timed out after 50 ms");
  }
}

}  // namespace

int main() {
  asyncio::run(main_task());
  return 0;
}
