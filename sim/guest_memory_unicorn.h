// The firmware's memory as device models see it (devices::GuestMemory), over the Unicorn CPU's
// address space: flash, SRAM, whatever is mapped. MMIO windows are not memory; reads there fail.
#pragma once
#include "cpu.h"
#include "devices/guest_memory.h"

namespace sim {

class UnicornGuestMemory : public devices::GuestMemory {
 public:
  explicit UnicornGuestMemory(Cpu& cpu) : cpu_(cpu) {}
  bool read(uint32_t address, void* out, size_t size) const override;
  bool write(uint32_t address, const void* data, size_t size) override;

 private:
  Cpu& cpu_;
};

}  // namespace sim
