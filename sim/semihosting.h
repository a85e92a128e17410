// SPDX-License-Identifier: GPL-2.0-or-later
// ARM semihosting (BKPT 0xAB in Thumb): the calls test firmware uses on emulators to print and to
// exit -- SYS_WRITEC, SYS_WRITE0, SYS_WRITE (stdout/stderr), SYS_CLOCK, SYS_ELAPSED, SYS_TICKFREQ,
// SYS_EXIT and SYS_EXIT_EXTENDED -- so the same ELF runs on asyncboard and qemu-system-arm
// -semihosting. Other operations return -1 and are reported by name.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

namespace sim {

class Semihosting {
 public:
  struct Machine {  // what the calls need from the board
    std::function<bool(uint32_t address, void* out, size_t size)> read;
    std::function<bool(uint32_t address, const void* in, size_t size)> write;
    std::function<void(char)> console;
    std::function<void(uint32_t status)> exit;
    std::function<uint64_t()> cycles;
    uint32_t core_hz;
  };
  explicit Semihosting(Machine m) : m_(std::move(m)) {}

  // Performs operation `op` with argument `arg` (r0, r1); returns the value for r0. `note` gets a
  // line for an unsupported operation.
  uint32_t call(uint32_t op, uint32_t arg, const std::function<void(const std::string&)>& note);

 private:
  uint32_t word(uint32_t address);
  Machine m_;
};

}  // namespace sim
