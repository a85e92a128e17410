// SPDX-License-Identifier: GPL-2.0-or-later
// The firmware's memory as the board's bus-mastering devices see it (devices::GuestMemory over the
// emulated CPU's address space): flash and SRAM only -- a device never reaches MMIO through it --
// and writes to SRAM only.
#pragma once
#include "cpu.h"
#include "devices/guest_memory.h"

namespace sim {

class GuestMemoryUnicorn final : public devices::GuestMemory {
 public:
  explicit GuestMemoryUnicorn(Cpu& cpu) : cpu_(cpu) {}
  bool read(uint32_t address, void* out, size_t size) const override;
  bool write(uint32_t address, const void* data, size_t size) override;
  const uint8_t* direct(uint32_t address, size_t size) const override;  // SRAM only

 private:
  Cpu& cpu_;
};

}  // namespace sim
