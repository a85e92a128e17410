// SPDX-License-Identifier: GPL-2.0-or-later
// CCR.UNALIGN_TRP: an unaligned LDR, STR or LDRH works until the program sets the trap; then each
// raises UsageFault (CFSR.UNALIGNED) before it runs -- the stacked PC is the access itself, its
// destination register and the memory are as they were, and the handler skips it. LDRD needs a
// word-aligned address: with the trap set it faults too (and on hardware even without it: see
// unaligned_ldrd.cpp). Clearing the trap lets unaligned loads through again.
#include <stdint.h>
#include <stdio.h>

#include "nvic_access.h"
#include "skipping_usage_fault.h"

extern "C" const char ldr_insn[], str_insn[], ldrh_insn[], ldrd_insn[];  // the accesses under test, labelled below

namespace {

alignas(8) volatile uint8_t buffer[16] = {0x44, 0x33, 0x22, 0x11, 0x88, 0x77, 0x66, 0x55,
                                           0xCC, 0xBB, 0xAA, 0x99, 0x00, 0xFF, 0xEE, 0xDD};

__attribute__((noinline)) uint32_t load_word(uintptr_t p) {
  uint32_t r = 0xDEAD;
  __asm volatile(".global ldr_insn\nldr_insn: ldr.w %0, [%1]" : "+r"(r) : "r"(p) : "memory");
  return r;
}
__attribute__((noinline)) void store_word(uintptr_t p, uint32_t v) {
  __asm volatile(".global str_insn\nstr_insn: str.w %0, [%1]" : : "r"(v), "r"(p) : "memory");
}
__attribute__((noinline)) uint32_t load_half(uintptr_t p) {
  uint32_t r = 0xDEAD;
  __asm volatile(".global ldrh_insn\nldrh_insn: ldrh.w %0, [%1]" : "+r"(r) : "r"(p) : "memory");
  return r;
}
__attribute__((noinline)) uint32_t load_double_sum(uintptr_t p) {
  uint32_t lo = 0xDEAD, hi = 0;
  __asm volatile(".global ldrd_insn\nldrd_insn: ldrd %0, %1, [%2]" : "+r"(lo), "+r"(hi) : "r"(p) : "memory");
  return lo + hi;
}

uintptr_t at(int offset) { return reinterpret_cast<uintptr_t>(buffer) + offset; }

void report(const char* what, uint32_t result, uint32_t faults_before, const char* insn) {
  if (faults == faults_before) {
    printf("%s: no fault, 0x%08lX\n", what, static_cast<unsigned long>(result));
  } else {
    printf("%s: UsageFault CFSR 0x%08lX, %s, result 0x%08lX\n", what, static_cast<unsigned long>(fault_cfsr),
           fault_pc == (reinterpret_cast<uint32_t>(insn) & ~1u) ? "at the access" : "at the WRONG address",
           static_cast<unsigned long>(result));
  }
}

}  // namespace

int main() {
  scs(board::scs::SHCSR) = 1u << 18;  // USGFAULTENA: the fault goes to UsageFault_Handler
  uint32_t n = faults;
  report("ldr +1", load_word(at(1)), n, ldr_insn);
  scs(board::scs::CCR) = scs(board::scs::CCR) | (1u << 3);  // UNALIGN_TRP
  n = faults;
  report("ldr +1 with UNALIGN_TRP", load_word(at(1)), n, ldr_insn);
  n = faults;
  store_word(at(2), 0x12345678);
  report("str +2 with UNALIGN_TRP", buffer[2] | buffer[3] << 8 | buffer[4] << 16 | buffer[5] << 24, n, str_insn);
  n = faults;
  report("ldrh +3 with UNALIGN_TRP", load_half(at(3)), n, ldrh_insn);
  n = faults;
  report("ldrh +2 with UNALIGN_TRP", load_half(at(2)), n, ldrh_insn);
  n = faults;
  report("ldrd +4 with UNALIGN_TRP", load_double_sum(at(4)), n, ldrd_insn);
  n = faults;
  report("ldrd +2 with UNALIGN_TRP", load_double_sum(at(2)), n, ldrd_insn);
  scs(board::scs::CCR) = scs(board::scs::CCR) & ~(1u << 3);
  n = faults;
  report("ldr +1 after clearing it", load_word(at(1)), n, ldr_insn);
  return 0;
}
