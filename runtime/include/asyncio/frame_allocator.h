// Where coroutine frames and task records come from. Every Coro frame and every task's record is
// allocated here so that the board can serve them from a fixed pool and tests can count them.
#pragma once
#include <cstddef>

namespace asyncio {

struct FrameStats {
  size_t allocations = 0;    // total allocate() calls since start
  size_t bytes_in_use = 0;
  size_t high_water_bytes = 0;
};

// Task context only.
void* allocate_frame(size_t size);
void free_frame(void* p, size_t size) noexcept;
FrameStats frame_stats() noexcept;

}  // namespace asyncio
