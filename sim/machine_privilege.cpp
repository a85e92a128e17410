// SPDX-License-Identifier: GPL-2.0-or-later
// The Private Peripheral Bus is privileged-only (ARMv7-M B3.1, B3.2.1, B3.4.1): an unprivileged load
// or store to the System Control Space or the DWT is a precise BusFault -- except a write to STIR
// while CCR.USERSETMPEND is set. Checked at no cost to ordinary code: while the core is in
// unprivileged Thread mode, the PPB windows lose their read and write permission, so an access fails
// Unicorn's permission check before it happens (registers as before the instruction, nothing
// written) and on_bad_access() turns that into the BusFault, or lets the STIR write through.
//
//   privilege may change: exception entry or return, ──► update_ppb_access():
//   or a block that wrote CONTROL (checked at the next)     unprivileged Thread mode ──► windows: no access
//                                                           otherwise                ──► windows: read/write
#include "board/memory_map.h"
#include "board/registers.h"
#include "machine.h"

namespace sim {

void Machine::update_ppb_access() {
  bool locked = (cpu_.reg(UC_ARM_REG_IPSR) & 0x1FF) == 0 && (cpu_.reg(UC_ARM_REG_CONTROL) & 1);  // nPRIV
  if (locked == ppb_locked_) return;
  uint32_t perms = locked ? UC_PROT_NONE : UC_PROT_READ | UC_PROT_WRITE;
  uc_mem_protect(cpu_.engine(), board::kScsBase, board::kScsSize, perms);
  uc_mem_protect(cpu_.engine(), board::kDwtBase, board::kDwtSize, perms);
  ppb_locked_ = locked;
}

Machine::PpbAccess Machine::ppb_access(uc_mem_type type, uint64_t address) const {
  if (!ppb_locked_ || (type != UC_MEM_READ_PROT && type != UC_MEM_WRITE_PROT)) return PpbAccess::NotPpb;
  bool scs = address >= board::kScsBase && address - board::kScsBase < board::kScsSize;
  bool dwt = address >= board::kDwtBase && address - board::kDwtBase < board::kDwtSize;
  if (!scs && !dwt) return PpbAccess::NotPpb;
  if (type == UC_MEM_WRITE_PROT && address == board::kScsBase + board::scs::STIR && nvic_.user_stir_enabled())
    return PpbAccess::Allowed;
  return PpbAccess::Refused;
}

}  // namespace sim
