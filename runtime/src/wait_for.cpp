// SPDX-License-Identifier: MIT
#include "asyncio/wait_for.h"

namespace asyncio::detail {

Ticks deadline_after_ms(int64_t ms) {
  Ticks now = get_event_loop().now();
  if (ms <= 0) return now;
  if (ms >= kNoDeadline - now) throw OverflowError("wait_for: timeout too long for the tick range");
  return now + ms;
}

int64_t seconds_to_ms(double seconds) {
  double ms = std::trunc(seconds * 1000.0);
  if (!(ms > 0)) return 0;
  if (ms >= 9.2e18) throw OverflowError("wait_for: timeout too long for the tick range");
  return static_cast<int64_t>(ms);
}

}  // namespace asyncio::detail
