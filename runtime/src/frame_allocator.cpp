// Frames from the C heap, counted. The board's fixed pool replaces this in the runtime issue; the
// counters are what the no-allocation tests read.
#include "asyncio/frame_allocator.h"

#include <cstdlib>

#include "asyncio/errors.h"

namespace asyncio {

namespace {
FrameStats g_stats;
}

void* allocate_frame(size_t size) {
  void* p = std::malloc(size);
  if (!p) throw RuntimeError("allocate_frame: out of memory for a coroutine frame");
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

}  // namespace asyncio
