// SPDX-License-Identifier: MIT
// Where coroutine frames and task records come from. Every Coro frame and every task's record is
// allocated here: on the board from a fixed pool (ASYNCIO_FRAME_POOL_BYTES, default 160 KiB) whose
// use and high-water mark tools can read; on the host from the C heap, counted the same way.
// Running out is a RuntimeError naming the limit -- never a hard fault.
#pragma once
#include <cstddef>

namespace asyncio {

struct FrameStats {
  size_t allocations = 0;       // total allocate_frame() calls since start
  size_t bytes_in_use = 0;
  size_t high_water_bytes = 0;
  size_t capacity_bytes = 0;    // the pool's size; 0 when frames come from an unbounded heap
};

// Task context only.
void* allocate_frame(size_t size);
void free_frame(void* p, size_t size) noexcept;
FrameStats frame_stats() noexcept;

// Host only: caps the bytes in use (0: no cap), so tests can exhaust "the pool" on purpose.
void set_frame_capacity(size_t bytes) noexcept;

}  // namespace asyncio
