// SPDX-License-Identifier: GPL-2.0-or-later
// What the firmware's memory holds, read from outside through the image's symbols (no firmware
// help needed): the asyncio frame pool's figures, the newlib heap's extent, each stack's use, and
// this simulator process's own resident size -- for `asyncboard run --memory`, the dashboard's
// memory panel and the soak test.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace sim {

class Machine;

struct FirmwareMemory {
  std::optional<uint32_t> frames_in_use, frames_high_water, frame_pool_bytes, frame_allocations;
  std::optional<uint32_t> heap_bytes;  // from __heap_start to the break: newlib never gives memory back
  // The main stack (MSP), where the loop, every task's coroutine code and the interrupt handlers run
  // (coroutines are stackless: a task's state lives in its frames, in the pool). Known when the
  // image has a stack guard: its size, its deepest use since reset (the paint Machine::load() laid
  // down, as far as it was overwritten), and its depth now.
  std::optional<uint32_t> main_stack_bytes, main_stack_peak, main_stack_now;
  std::optional<uint32_t> process_stack_pointer;  // PSP, once the firmware has set one (not 0)
  uint64_t host_rss_bytes = 0;         // this process, from /proc/self/statm
};

FirmwareMemory read_firmware_memory(const Machine& m);
// "frame pool 1024 of 16384 bytes in use (high water 2048; 311 allocations), heap 4096 bytes,
//  main stack peak 712 of 16384 bytes, host RSS 21.3 MiB"
std::string describe(const FirmwareMemory& mem);

}  // namespace sim
