// SPDX-License-Identifier: GPL-2.0-or-later
#include "guest_memory_unicorn.h"

#include "board/memory_map.h"

namespace sim {

namespace {
bool within(uint32_t address, size_t size, uint32_t base, uint32_t length) {
  return address >= base && size <= length && address - base <= length - size;
}
bool in_sram(uint32_t address, size_t size) { return within(address, size, board::kSramBase, board::kSramSize); }
}  // namespace

bool GuestMemoryUnicorn::read(uint32_t address, void* out, size_t size) const {
  if (size == 0) return true;
  if (!in_sram(address, size) && !within(address, size, board::kFlashBase, board::kFlashSize)) return false;
  return cpu_.read(address, out, size);  // false inside the stack guard, which is unmapped
}

bool GuestMemoryUnicorn::write(uint32_t address, const void* data, size_t size) {
  if (size == 0) return true;
  return in_sram(address, size) && cpu_.write(address, data, size);
}

const uint8_t* GuestMemoryUnicorn::direct(uint32_t address, size_t size) const {
  return in_sram(address, size) ? cpu_.host(address, size) : nullptr;
}

}  // namespace sim
