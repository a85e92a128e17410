// SPDX-License-Identifier: GPL-2.0-or-later
// Coprocessor instructions for a coprocessor the core does not have (ARMv7-M B1.5.14, A7.7.x:
// only CP10 and CP11, the FPU, can exist on a Cortex-M4): MRC, MCR and CDP raise a UsageFault with
// UFSR.NOCP, the instruction's own address stacked. The handler skips the 32-bit instruction.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "skipping_usage_fault.h"

extern "C" const uint16_t mrc_here[], mcr_here[], cdp_here[];

namespace {
void report(const char* what, const uint16_t* at) {
  printf("%s: %lu fault, CFSR.NOCP %lu UNDEFINSTR %lu, stacked PC %s\n", what, static_cast<unsigned long>(faults),
         static_cast<unsigned long>((fault_cfsr >> 19) & 1), static_cast<unsigned long>((fault_cfsr >> 16) & 1),
         fault_pc == reinterpret_cast<uint32_t>(at) ? "the instruction" : "WRONG");
  faults = 0;
  fault_cfsr = 0;
  fault_pc = 0;
}
}  // namespace

int main() {
  scs(board::scs::SHCSR) = 1u << 18;  // USGFAULTENA
  uint32_t value = 7;
  __asm volatile(".global mrc_here\nmrc_here: mrc p7, 0, %0, c0, c0, 0" : "+r"(value)::"memory");
  report("MRC p7", mrc_here);
  printf("the destination register kept its value: %lu\n", static_cast<unsigned long>(value));
  __asm volatile(".global mcr_here\nmcr_here: mcr p7, 0, %0, c0, c0, 0" ::"r"(value) : "memory");
  report("MCR p7", mcr_here);
  __asm volatile(".global cdp_here\ncdp_here: cdp p7, 0, c0, c0, c0, 0" ::: "memory");
  report("CDP p7", cdp_here);
  exit(0);
}
