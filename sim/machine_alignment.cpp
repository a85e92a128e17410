// SPDX-License-Identifier: GPL-2.0-or-later
// Unaligned accesses, as ARMv7-M traps them: a UsageFault (CFSR.UNALIGNED) before the instruction
// runs, for LDM/STM, LDRD/STRD, the exclusives and VLDR/VSTR at any unaligned address, and for
// LDR/STR/LDRH/STRH too while CCR.UNALIGN_TRP is set; an unaligned LDR or STR with the trap clear
// just works, as on hardware. Two checks: while CCR.UNALIGN_TRP is set, a memory hook on every
// load and store (this file); under set_strict_alignment(), code hooks on the instructions of the
// first kind (machine_instruction_checks.cpp), so that they fault with the trap clear too, as on
// hardware. Neither is on by default: any code hook costs every block (sim/UNICORN.md), the memory
// hook every access.//
// Unicorn 2.0.1 has no alignment check of its own for M-profile, and a memory hook cannot stop the
// access it reports. But its load and store helpers call the memory hooks first and check the
// region's permission after: so the hook, having decided that the access traps, withdraws that
// permission from the region; the helper's check then fails, Unicorn stops with the registers as
// they were before the instruction and nothing written, and on_bad_access() (the permission hook)
// puts the permission back and turns the stop into the UsageFault:
//
//   access ──► on_memory_access: aligned? ──yes──► (nothing: the hot path, one test)
//                     │ no: traps? ──no──► (nothing: an allowed unaligned LDR/STR)
//                     ▼ yes
//              region loses READ (or WRITE) ──► helper's permission check fails
//                     ──► on_bad_access ──► region restored, usage_fault_ = UNALIGNED ──► raise_fault
#include <fmt/format.h>

#include "armv7m.h"
#include "board/memory_map.h"
#include "machine.h"

namespace sim {

void Machine::set_strict_alignment(bool on) {
  strict_alignment_ = on;
  // Blocks decoded so far were marked without the alignment checks in mind: decode them again.
  std::fill(flash_blocks_.begin(), flash_blocks_.end(), BlockInfo{});
}

// The check runs only while something can trap: it costs every load and store a hook call.
// Unicorn compiles the call to a memory hook into a block when it translates it, so installing
// the hook also drops every translation made without it (at the next block boundary, from
// outside the run: see block()); otherwise an LDR that ran once before CCR.UNALIGN_TRP was set
// would go on unchecked. Removed, the hook simply stops being called.
void Machine::update_alignment_check() {
  bool wanted = nvic_.unaligned_trap();
  if (wanted == (alignment_hook_ != 0)) return;
  if (wanted) {
    // Flash and SRAM (not the peripherals: their windows decode what they decode).
    uc_hook_add(cpu_.engine(), &alignment_hook_, UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE,
                reinterpret_cast<void*>(&Machine::on_memory_access), this, uint64_t{board::kFlashBase},
                uint64_t{board::kSramBase} + board::kSramSize - 1);
    flush_translations_ = true;
    horizon_.lower(0);
  } else {
    uc_hook_del(cpu_.engine(), alignment_hook_);
    alignment_hook_ = 0;
  }
}

void Machine::on_memory_access(uc_engine* uc, uc_mem_type type, uint64_t address, int size, int64_t, void* user) {
  if (size <= 1 || (address & static_cast<uint64_t>(size - 1)) == 0) [[likely]]
    return;
  auto* m = static_cast<Machine*>(user);
  if (m->unaligned_) return;  // already trapping this instruction
  uint32_t pc = m->data_fault_pc(m->cpu_.reg(UC_ARM_REG_PC) & ~1u, static_cast<uint32_t>(address));
  uint16_t first = 0, second = 0;
  m->cpu_.read(pc, &first, 2);
  m->cpu_.read(pc + 2, &second, 2);
  bool always = armv7m::needs_word_alignment(first, second);
  if (!always && !m->nvic_.unaligned_trap()) return;  // LDR/STR/LDRH/STRH may be unaligned

  // The region holding the address, whole: a part would make Unicorn split the region under the
  // helper that is using it.
  uc_mem_region* regions = nullptr;
  uint32_t count = 0;
  if (uc_mem_regions(uc, &regions, &count) != UC_ERR_OK) return;
  std::optional<UnalignedTrap> trap;
  for (uint32_t i = 0; i < count && !trap; ++i)
    if (address >= regions[i].begin && address <= regions[i].end)
      trap = UnalignedTrap{{}, regions[i].begin, regions[i].end - regions[i].begin + 1, regions[i].perms};
  uc_free(regions);
  if (!trap) return;
  bool write = type == UC_MEM_WRITE;
  std::string why = always ? "LDM/STM, LDRD/STRD, exclusive and FPU loads and stores need a word-aligned address"
                           : "CCR.UNALIGN_TRP is set";
  trap->fault = Fault{"unaligned access", pc, static_cast<uint32_t>(address),
                      fmt::format("{}-byte {}: {}", size, write ? "write" : "read", why)};
  uint32_t perms = trap->region_perms & ~static_cast<uint32_t>(write ? UC_PROT_WRITE : UC_PROT_READ);
  if (uc_mem_protect(uc, trap->region_begin, trap->region_size, perms) != UC_ERR_OK) return;
  m->unaligned_ = std::move(trap);
}

// From on_bad_access(): the permission fault that on_memory_access() arranged. Restores the region
// and records the UsageFault; false if the fault is a real one.
bool Machine::unaligned_fault_taken(uc_mem_type type) {
  if (!unaligned_ || (type != UC_MEM_READ_PROT && type != UC_MEM_WRITE_PROT)) return false;
  UnalignedTrap trap = *std::exchange(unaligned_, std::nullopt);
  uc_mem_protect(cpu_.engine(), trap.region_begin, trap.region_size, trap.region_perms);
  usage_fault_ = std::move(trap.fault);
  usage_fault_cfsr_ = 1u << 24;  // UNALIGNED
  return true;
}

}  // namespace sim
