// What a device model needs from the firmware's memory: devices that take addresses from
// registers (the trace port's task names, a network device's buffers) read and write guest memory
// through it. The simulator implements it over the CPU's memory; device tests use a fake.
#pragma once
#include <cstddef>
#include <cstdint>

namespace devices {

class GuestMemory {
 public:
  virtual ~GuestMemory() = default;
  virtual bool read(uint32_t address, void* out, size_t size) const = 0;
  virtual bool write(uint32_t address, const void* data, size_t size) = 0;
};

}  // namespace devices
