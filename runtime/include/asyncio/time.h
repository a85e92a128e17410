// SPDX-License-Identifier: MIT
// MicroPython's time.ticks_ms(), ticks_add() and ticks_diff(), which ported code measures and
// schedules with. Task context.
//
//   asyncio::Ticks t0 = asyncio::ticks_ms();
//   co_await asyncio::sleep_ms(50);
//   int64_t waited = asyncio::ticks_diff(asyncio::ticks_ms(), t0);  // 50 or a little more
//
// These ticks never wrap (64-bit milliseconds since the port started), where MicroPython's wrap at
// its TICKS_PERIOD (2^30 ms on most ports); code that goes through ticks_add() and ticks_diff(), as
// MicroPython's documentation asks, behaves the same on both.
#pragma once
#include <cstdint>

#include "asyncio/port.h"
#include "asyncio/ticks.h"

namespace asyncio {

// Milliseconds since the port started: the clock sleep_ms() and wait_for_ms() count in.
inline Ticks ticks_ms() noexcept { return port::ticks_ms(); }

// `ticks` moved by `delta` milliseconds (negative: back): a deadline, say.
inline constexpr Ticks ticks_add(Ticks ticks, int64_t delta) noexcept { return ticks + delta; }

// How far `ticks1` is after `ticks2`, in milliseconds (negative when before): MicroPython's
// argument order, ticks_diff(later, earlier) > 0.
inline constexpr int64_t ticks_diff(Ticks ticks1, Ticks ticks2) noexcept { return ticks1 - ticks2; }

}  // namespace asyncio
