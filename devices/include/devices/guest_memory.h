// SPDX-License-Identifier: GPL-2.0-or-later
// The firmware's memory as a bus-mastering device sees it (DMA): the network device copies socket
// data through it, the trace port reads task names. The simulator implements it over the CPU's
// memory map; device tests use a plain byte array.
#pragma once
#include <cstddef>
#include <cstdint>

namespace devices {

class GuestMemory {
 public:
  virtual ~GuestMemory() = default;
  // False (and nothing or part copied) when any byte of the range is not RAM or flash.
  virtual bool read(uint32_t address, void* out, size_t size) const = 0;
  // False when any byte of the range is not writable RAM.
  virtual bool write(uint32_t address, const void* data, size_t size) = 0;
  // Where the range lives in this process, when it is plain RAM the device may read in place (the
  // trace port reads task records at every event); nullptr: use read().
  virtual const uint8_t* direct(uint32_t /*address*/, size_t /*size*/) const { return nullptr; }
};

}  // namespace devices
