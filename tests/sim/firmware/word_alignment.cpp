// SPDX-License-Identifier: GPL-2.0-or-later
// The accesses that must be aligned whatever CCR.UNALIGN_TRP says (ARMv7-M A3.2.1): LDRD/STRD,
// LDM/STM and LDREX/STREX at an address that is not a multiple of 4 (LDREXH/STREXH: of 2) raise
// UsageFault UNALIGNED before they access memory -- the stacked PC is the instruction, its
// destination registers and the memory are untouched. With the trap clear, LDR and STR at the same
// addresses just work, and aligned LDRD and LDM too.
// QEMU 7.2 departs for STREX: with no exclusive reservation it fails the store (status 1) before it
// looks at the address, where the manual's ExclusiveMonitorsPass() checks the alignment first
// (A3.4.5); word_alignment.qemu.expected pins that. asyncboard checks these accesses under
// --strict-alignment (word_alignment.board-options): the check costs emulation speed.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "skipping_usage_fault.h"

extern "C" const char ldrd_here[], strd_here[], ldm_here[], stm_here[], ldrex_here[], strex_here[], ldrexh_here[];

namespace {
alignas(8) volatile uint32_t words[6] = {0x11111111, 0x22222222, 0x33333333, 0x44444444, 0x55555555, 0x66666666};
uint32_t at(int byte_offset) { return reinterpret_cast<uint32_t>(words) + byte_offset; }

bool untouched() {
  return words[0] == 0x11111111 && words[1] == 0x22222222 && words[2] == 0x33333333 && words[3] == 0x44444444;
}

void report(const char* what, const char* insn, bool registers_kept) {
  printf("%s: %lu fault, UNALIGNED %lu, stacked PC %s, registers %s, memory %s\n", what,
         static_cast<unsigned long>(faults), static_cast<unsigned long>((fault_cfsr >> 24) & 1),
         fault_pc == reinterpret_cast<uint32_t>(insn) ? "the instruction" : "WRONG", registers_kept ? "kept" : "WRITTEN",
         untouched() ? "untouched" : "WRITTEN");
  faults = 0;
  fault_cfsr = 0;
  fault_pc = 0;
}
}  // namespace

int main() {
  scs(board::scs::SHCSR) = 1u << 18;  // USGFAULTENA; CCR.UNALIGN_TRP stays clear
  uint32_t a = 7, b = 9, status = 5;

  __asm volatile(".global ldrd_here\nldrd_here: ldrd %0, %1, [%2]" : "+r"(a), "+r"(b) : "r"(at(2)) : "memory");
  report("LDRD at +2", ldrd_here, a == 7 && b == 9);
  __asm volatile(".global strd_here\nstrd_here: strd %0, %1, [%2]" ::"r"(a), "r"(b), "r"(at(2)) : "memory");
  report("STRD at +2", strd_here, true);
  __asm volatile(
      "mov r2, #7\n\tmov r3, #9\n\t"
      ".global ldm_here\nldm_here: ldm.w %2, {r2, r3}\n\t"
      "mov %0, r2\n\tmov %1, r3"
      : "=r"(a), "=r"(b)
      : "r"(at(2))
      : "r2", "r3", "memory");
  report("LDM at +2", ldm_here, a == 7 && b == 9);
  __asm volatile(".global stm_here\nstm_here: stm.w %0, {r2, r3}" ::"r"(at(6)) : "r2", "r3", "memory");
  report("STM at +6", stm_here, true);
  __asm volatile(".global ldrex_here\nldrex_here: ldrex %0, [%1]" : "+r"(a) : "r"(at(2)) : "memory");
  report("LDREX at +2", ldrex_here, a == 7);
  __asm volatile(".global strex_here\nstrex_here: strex %0, %1, [%2]" : "+&r"(status) : "r"(a), "r"(at(2)) : "memory");
  report("STREX at +2", strex_here, status == 5);
  __asm volatile(".global ldrexh_here\nldrexh_here: ldrexh %0, [%1]" : "+r"(a) : "r"(at(1)) : "memory");
  report("LDREXH at +1", ldrexh_here, a == 7);

  uint32_t unaligned_word = *reinterpret_cast<volatile uint32_t*>(at(2));
  uint32_t lo, hi;
  __asm volatile("ldrd %0, %1, [%2]" : "=r"(lo), "=r"(hi) : "r"(at(8)) : "memory");
  printf("LDR at +2: 0x%08lX, aligned LDRD: 0x%08lX 0x%08lX, %lu faults\n", static_cast<unsigned long>(unaligned_word),
         static_cast<unsigned long>(lo), static_cast<unsigned long>(hi), static_cast<unsigned long>(faults));
  exit(0);
}
