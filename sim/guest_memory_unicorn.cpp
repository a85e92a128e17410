// GuestMemory over the Unicorn CPU, limited to flash and SRAM (see guest_memory_unicorn.h).
#include "guest_memory_unicorn.h"

#include "board/memory_map.h"

namespace sim {

namespace {
// Flash and SRAM only: a device reading "memory" must never land in an MMIO window, whose
// callbacks would run device behaviour (a FIFO pop) from inside another device's register write.
bool is_memory(uint32_t address, size_t size) {
  auto within = [address, size](uint32_t base, uint32_t length) {
    return address >= base && size <= length && address - base <= length - size;
  };
  return within(board::kFlashBase, board::kFlashSize) || within(board::kSramBase, board::kSramSize);
}
}  // namespace

bool UnicornGuestMemory::read(uint32_t address, void* out, size_t size) const {
  return is_memory(address, size) && cpu_.read(address, out, size);
}

bool UnicornGuestMemory::write(uint32_t address, const void* data, size_t size) {
  return is_memory(address, size) && cpu_.write(address, data, size);
}

}  // namespace sim
