// What the firmware's memory holds, read from outside through the image's symbols (no firmware
// help needed): the asyncio frame pool's figures, the newlib heap's extent, and this simulator
// process's own resident size -- for `asyncboard run --memory` and the soak test.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace sim {

class Machine;

struct FirmwareMemory {
  std::optional<uint32_t> frames_in_use, frames_high_water, frame_pool_bytes, frame_allocations;
  std::optional<uint32_t> heap_bytes;  // from __heap_start to the break: newlib never gives memory back
  uint64_t host_rss_bytes = 0;         // this process, from /proc/self/statm
};

FirmwareMemory read_firmware_memory(const Machine& m);
// "frame pool 1,024 of 16,384 bytes in use (high water 2,048; 311 allocations), heap 4,096 bytes, host RSS 21.3 MiB"
std::string describe(const FirmwareMemory& mem);

}  // namespace sim
