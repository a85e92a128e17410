// SPDX-License-Identifier: MIT
// The board's frame allocator: a fixed pool (ASYNCIO_FRAME_POOL_BYTES, default 160 KiB: a thousand
// minimal tasks), not zeroed at reset (.noinit). Blocks are multiples of
// 8 bytes and carry no header -- every free says its size (sized delete). Free blocks sit in one
// address-ordered list and merge with their neighbours, so memory freed by one kind of coroutine
// serves any other; the untouched tail is handed out by a bump pointer. Allocation is first-fit:
// linear in the free blocks, which only matters at task creation -- the steady-state paths
// (sleep, yield, waits, wakes) allocate nothing.
#include <stdint.h>
#include <stdio.h>

#include "asyncio/errors.h"
#include "asyncio/frame_allocator.h"

#ifndef ASYNCIO_FRAME_POOL_BYTES
#define ASYNCIO_FRAME_POOL_BYTES (160 * 1024)
#endif

// The pool's figures under a fixed name: the simulator reads them from outside (memory reports,
// the soak test) without the firmware's help.
__attribute__((used)) asyncio::FrameStats asyncio_frame_stats{0, 0, 0, ASYNCIO_FRAME_POOL_BYTES};

namespace asyncio {

namespace {

constexpr size_t kGranule = 8;

struct FreeBlock {
  size_t size;
  FreeBlock* next;  // the next free block at a higher address
};
static_assert(sizeof(FreeBlock) <= kGranule, "a free block's header must fit the smallest block");

alignas(8) __attribute__((section(".noinit"))) uint8_t g_pool[ASYNCIO_FRAME_POOL_BYTES];
size_t g_bump = 0;              // bytes of the pool ever handed out from the tail
FreeBlock* g_free = nullptr;    // address order

size_t round_up(size_t size) { return size ? (size + kGranule - 1) & ~(kGranule - 1) : kGranule; }
uint8_t* end_of(FreeBlock* b) { return reinterpret_cast<uint8_t*>(b) + b->size; }

[[noreturn]] void exhausted(size_t size) {
  char message[200];
  snprintf(message, sizeof message,
           "asyncio frame pool exhausted: %u bytes requested, %u of the pool's %u bytes in use "
           "(raise ASYNCIO_FRAME_POOL_BYTES)",
           static_cast<unsigned>(size), static_cast<unsigned>(asyncio_frame_stats.bytes_in_use),
           static_cast<unsigned>(ASYNCIO_FRAME_POOL_BYTES));
  throw RuntimeError(message);
}

void* take(size_t size) {
  for (FreeBlock** link = &g_free; *link; link = &(*link)->next) {
    FreeBlock* b = *link;
    if (b->size < size) continue;
    if (b->size == size) {
      *link = b->next;
    } else {  // split: the front is handed out, the rest stays free in place
      auto* rest = reinterpret_cast<FreeBlock*>(reinterpret_cast<uint8_t*>(b) + size);
      rest->size = b->size - size;
      rest->next = b->next;
      *link = rest;
    }
    return b;
  }
  if (g_bump + size > ASYNCIO_FRAME_POOL_BYTES) return nullptr;
  void* p = g_pool + g_bump;
  g_bump += size;
  return p;
}

}  // namespace

void* allocate_frame(size_t requested) {
  size_t size = round_up(requested);
  void* p = take(size);
  if (!p) exhausted(size);
  ++asyncio_frame_stats.allocations;
  asyncio_frame_stats.bytes_in_use += size;
  if (asyncio_frame_stats.bytes_in_use > asyncio_frame_stats.high_water_bytes) asyncio_frame_stats.high_water_bytes = asyncio_frame_stats.bytes_in_use;
  return p;
}

void free_frame(void* p, size_t requested) noexcept {
  size_t size = round_up(requested);
  asyncio_frame_stats.bytes_in_use -= size;
  auto* block = static_cast<FreeBlock*>(p);
  block->size = size;
  FreeBlock* before_prev = nullptr;
  FreeBlock* prev = nullptr;
  FreeBlock* next = g_free;
  while (next && next < block) {
    before_prev = prev;
    prev = next;
    next = next->next;
  }
  block->next = next;
  (prev ? prev->next : g_free) = block;
  FreeBlock* block_prev = prev;  // the free block before `block` once merged
  if (next && end_of(block) == reinterpret_cast<uint8_t*>(next)) {  // merge with the block after
    block->size += next->size;
    block->next = next->next;
  }
  if (prev && end_of(prev) == reinterpret_cast<uint8_t*>(block)) {  // and with the block before
    prev->size += block->size;
    prev->next = block->next;
    block = prev;
    block_prev = before_prev;
  }
  if (!block->next && end_of(block) == g_pool + g_bump) {  // the last free block rejoins the tail
    g_bump -= block->size;
    (block_prev ? block_prev->next : g_free) = nullptr;
  }
}

FrameStats frame_stats() noexcept { return asyncio_frame_stats; }

void set_frame_capacity(size_t) noexcept {}  // the board's pool is fixed at build time

}  // namespace asyncio
