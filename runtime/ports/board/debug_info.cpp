// SPDX-License-Identifier: MIT
// A descriptor the simulator finds by its symbol to name the asyncio task that was running when
// the firmware faulted: where the loop records the running task, and where a task keeps its name.
// Layout (all little-endian 32-bit words): magic 'ASIO', address of the current-task slot,
// offset of the name pointer in a task record. Filled at start-up; read only by tools.
#include <stdint.h>

#include "asyncio/loop.h"

extern "C" {
struct AsyncioDebugInfo {
  uint32_t magic;
  const void* current_task_slot;
  uint32_t name_offset;
};
__attribute__((used)) AsyncioDebugInfo asyncio_debug_info;
}

namespace {
struct Fill {
  Fill() {
    asyncio::detail::TaskNode probe;
    asyncio_debug_info.magic = 0x4F495341;  // "ASIO"
    asyncio_debug_info.current_task_slot = asyncio::get_event_loop().current_slot();
    asyncio_debug_info.name_offset =
        static_cast<uint32_t>(reinterpret_cast<const char*>(&probe.name) - reinterpret_cast<const char*>(&probe));
  }
} fill;
}  // namespace
