// SPDX-License-Identifier: MIT
// The trace ring's layout in the firmware's RAM (asyncio::TraceRing, runtime/include/asyncio/trace.h),
// as the board's trace port reads it: the wire format, which the board port checks against the
// runtime's struct. Byte offsets from the address the firmware writes to the port's RING register.
#pragma once
#include <stdint.h>

namespace board::trace_ring {

inline constexpr uint32_t kMagic = 0x54524331;  // "TRC1"
inline constexpr uint32_t MAGIC = 0x00;
inline constexpr uint32_t SIZE = 0x04;    // words in the ring: a power of two
inline constexpr uint32_t LAYOUT = 0x08;  // 5 bytes: offsets in a TaskNode of state, reason, name, frame_bytes, key
inline constexpr uint32_t HEAD = 0x10;    // words written so far (wraps at 2^32)
inline constexpr uint32_t WORDS = 0x14;   // word i at WORDS + 4 * (i % SIZE)
inline constexpr uint32_t kMaxSize = 4096;

// A word: task address | event code (a TaskNode is 8-aligned). WOKE is followed by the waker's address.
inline constexpr uint32_t kEventMask = 0x7;

}  // namespace board::trace_ring
