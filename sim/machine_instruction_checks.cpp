// SPDX-License-Identifier: GPL-2.0-or-later
// Checks that code hooks make on single instructions just before they run, where a fault depends on
// a register value: CCR.DIV_0_TRP's division by zero, and the accesses that must be aligned
// whatever CCR.UNALIGN_TRP says (LDRD/STRD, LDM/STM, the exclusives, VLDR/VSTR: ARMv7-M A3.2.1).
// The alignment checks run under strict alignment only (Machine::set_strict_alignment): with any
// code hook installed, Unicorn runs every block slower, not just the hooked instructions
// (sim/UNICORN.md; `asyncboard bench` prints the cost). The instructions are found when their block
// is about to run for the first time:
//
//   block hook: a block with such instructions (instructions_in_block marks it)
//      ──► hook each one not hooked yet ──added──► stop at the block's start; handle_hook_requests()
//                │ none new                         drops the stale translation, the block is
//                ▼                                  translated again with the hooks
//           the block runs; each hook checks its register, and on a fault notes a UsageFault and
//           stops before the instruction runs
//
// Instructions inside an IT block are left unchecked: whether they run depends on flags a hook
// before them cannot know, and code hooks in conditional code have proved fragile in Unicorn 2.0.1
// (one on a load between a flag-setting instruction and its branch mis-ran newlib; fault_divide.cpp
// checks a division in that position). With CCR.UNALIGN_TRP set, the memory hook of
// machine_alignment.cpp checks every access, those too.
#include <fmt/format.h>

#include "armv7m.h"
#include "board/memory_map.h"
#include "machine.h"

namespace sim {

using namespace armv7m;

namespace {
// The number of instructions an IT instruction makes conditional (0 if `hw` is not IT).
int it_block_length(uint16_t hw) {
  if ((hw & 0xFF00) != 0xBF00 || (hw & 0xF) == 0) return 0;
  return 4 - __builtin_ctz(hw & 0xF);
}

int core_register(int n) { return n <= 12 ? UC_ARM_REG_R0 + n : n == 13 ? UC_ARM_REG_SP : UC_ARM_REG_LR; }
}  // namespace

// Calls `each(address, first, second)` for every instruction of the block outside an IT block.
template <typename Each>
void Machine::for_each_unconditional(uint32_t address, uint32_t size, Each each) {
  uint8_t bytes[4096];
  uint32_t len = std::min<uint32_t>(size, sizeof bytes);
  if (!cpu_.read(address, bytes, len)) return;
  int in_it = 0;  // instructions left in an IT block
  for (uint32_t off = 0; off + 1 < len;) {
    uint16_t hw = static_cast<uint16_t>(bytes[off] | bytes[off + 1] << 8);
    uint16_t second = off + 3 < len ? static_cast<uint16_t>(bytes[off + 2] | bytes[off + 3] << 8) : 0;
    bool conditional = in_it > 0;
    in_it = conditional ? in_it - 1 : it_block_length(hw);
    if (!conditional) each(address + off, hw, second);
    off += is_32bit_thumb(hw) ? 4 : 2;
  }
}

// From the block hook, when hooks were added: the block does not run, its translation (without
// them) goes, and emulation resumes at its start -- said explicitly, since PC in a hook of a
// chained block still shows an earlier block.
void Machine::retranslate_block(uint32_t address, uint32_t size) {
  retranslate_ = {address, address + size};
  cpu_.set_reg(UC_ARM_REG_PC, address | 1);
  uc_emu_stop(cpu_.engine());
}

bool Machine::hook_divides(uint32_t address, uint32_t size) {
  bool added = false;
  for_each_unconditional(address, size, [&](uint32_t at, uint16_t first, uint16_t) {
    if ((first & 0xFFD0) != 0xFB90 || !divides_hooked_.insert(at).second) return;
    uc_hook h;
    uc_hook_add(cpu_.engine(), &h, UC_HOOK_CODE, reinterpret_cast<void*>(&Machine::on_divide), this, at, at);
    added = true;
  });
  if (added) retranslate_block(address, size);
  return added;
}

void Machine::on_divide(uc_engine* uc, uint64_t address, uint32_t, void* user) {
  auto* m = static_cast<Machine*>(user);
  if (!m->nvic_.divide_by_zero_trap()) return;
  uint16_t second = 0;
  if (!m->cpu_.read(static_cast<uint32_t>(address) + 2, &second, 2)) return;
  uint32_t divisor = m->cpu_.reg(core_register(second & 0xF));
  if (divisor != 0) return;
  m->usage_fault_ = Fault{"divide by zero", static_cast<uint32_t>(address), {}, "CCR.DIV_0_TRP is set"};
  m->usage_fault_cfsr_ = cfsr::kDivbyzero;
  uc_emu_stop(uc);  // from a code hook: stops before the division runs
}

bool Machine::hook_alignment_checks(uint32_t address, uint32_t size) {
  bool added = false;
  for_each_unconditional(address, size, [&](uint32_t at, uint16_t first, uint16_t second) {
    std::optional<AlignmentCheck> check = alignment_check(first, second);
    if (!check || !alignment_hooked_.insert(at).second) return;
    alignment_checks_.push_back({this, *check});
    uc_hook h;
    uc_hook_add(cpu_.engine(), &h, UC_HOOK_CODE, reinterpret_cast<void*>(&Machine::on_aligned_access),
                &alignment_checks_.back(), at, at);
    added = true;
  });
  if (added) retranslate_block(address, size);
  return added;
}

void Machine::on_aligned_access(uc_engine* uc, uint64_t address, uint32_t, void* user) {
  auto* hook = static_cast<AlignmentHook*>(user);
  Machine* m = hook->machine;
  uint32_t at = m->cpu_.reg(core_register(hook->check.rn)) + static_cast<uint32_t>(hook->check.offset);
  if (!(at & hook->check.mask)) [[likely]]
    return;
  m->usage_fault_ = Fault{"unaligned access", static_cast<uint32_t>(address), at,
                          fmt::format("LDM/STM, LDRD/STRD and exclusive loads and stores need a {}-aligned address",
                                      hook->check.mask == 1 ? "halfword" : "word")};
  m->usage_fault_cfsr_ = cfsr::kUnaligned;
  uc_emu_stop(uc);  // from a code hook: stops before the access
}

}  // namespace sim
