// SPDX-License-Identifier: MIT
// Time as the scheduler sees it: whole milliseconds since the port started, never wrapping.
#pragma once
#include <cstdint>

namespace asyncio {

using Ticks = int64_t;                          // milliseconds
inline constexpr Ticks kNoDeadline = INT64_MAX; // "wait until woken"

}  // namespace asyncio
