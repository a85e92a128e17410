// SPDX-License-Identifier: MIT
// Frames from the C heap, counted (the host port's allocator; the board uses ports/board/frame_pool.cpp).
#include "asyncio/frame_allocator.h"

#include <cstdio>
#include <cstdlib>

#include "asyncio/errors.h"

namespace asyncio {

namespace {
FrameStats g_stats;
}

void* allocate_frame(size_t size) {
  if (g_stats.capacity_bytes && g_stats.bytes_in_use + size > g_stats.capacity_bytes) {
    char message[160];
    std::snprintf(message, sizeof message,
                  "asyncio frame pool exhausted: %zu bytes requested with %zu of %zu in use (set_frame_capacity)",
                  size, g_stats.bytes_in_use, g_stats.capacity_bytes);
    throw RuntimeError(message);
  }
  void* p = std::malloc(size);
  if (!p) throw RuntimeError("asyncio frame allocation failed: the C heap is exhausted");
  ++g_stats.allocations;
  g_stats.bytes_in_use += size;
  if (g_stats.bytes_in_use > g_stats.high_water_bytes) g_stats.high_water_bytes = g_stats.bytes_in_use;
  return p;
}

void free_frame(void* p, size_t size) noexcept {
  g_stats.bytes_in_use -= size;
  std::free(p);
}

FrameStats frame_stats() noexcept { return g_stats; }

void set_frame_capacity(size_t bytes) noexcept { g_stats.capacity_bytes = bytes; }

}  // namespace asyncio
