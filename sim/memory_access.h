// SPDX-License-Identifier: GPL-2.0-or-later
// Which instruction of a translated block made a memory access: Unicorn 2.0.1 reports a data fault
// at the start of its block, with the registers as they stood before the faulting instruction.
// Decoding the block (capstone) and computing each load's or store's address from those registers
// finds the instruction -- so a BusFault stacks its precise PC and a handler that returns does not
// run the block's first instructions twice.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>

namespace sim {

class MemoryAccessFinder {
 public:
  MemoryAccessFinder();
  ~MemoryAccessFinder();
  MemoryAccessFinder(const MemoryAccessFinder&) = delete;
  MemoryAccessFinder& operator=(const MemoryAccessFinder&) = delete;

  // The address of the first instruction in `code` (a block at `block_address`) whose access, with
  // the registers `reg` reads (Unicorn register ids), covers `fault_address`; nullopt if none does.
  std::optional<uint32_t> find(const uint8_t* code, size_t len, uint32_t block_address, uint32_t fault_address,
                               const std::function<uint32_t(int)>& reg) const;

 private:
  size_t handle_ = 0;  // capstone's csh
};

}  // namespace sim
