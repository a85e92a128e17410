// SPDX-License-Identifier: GPL-2.0-or-later
// An undefined instruction's UsageFault stacks the UDF's own address (ARMv7-M B1.5.6: the return
// address of a synchronous fault is the faulting instruction), also in the middle of a translated
// block, so that a handler that skips the instruction (16-bit UDF: +2) resumes right after it, and
// what came before it in the block ran exactly once.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nvic_access.h"

extern "C" {
volatile uint32_t fault_cfsr = 0, fault_pc = 0, faults = 0;
extern const uint16_t udf_here[];  // the UDF below, by label

__attribute__((used)) void usage_fault(uint32_t* frame) {
  fault_cfsr = scs(board::scs::CFSR);
  scs(board::scs::CFSR) = fault_cfsr;  // write-one-to-clear
  fault_pc = frame[6];
  frame[6] += 2;  // the 16-bit UDF
  faults = faults + 1;
}
__attribute__((naked)) void UsageFault_Handler() { __asm volatile("mrs r0, msp\n\tb usage_fault\n\t"); }
}

int main() {
  scs(board::scs::SHCSR) = 1u << 18;  // USGFAULTENA
  uint32_t before = 0, after = 0;
  __asm volatile(
      "adds %0, %0, #1\n\t"  // in the same block as the UDF: must run once
      ".global udf_here\n"
      "udf_here: udf #7\n\t"
      "adds %1, %1, #1\n\t"  // runs after the handler resumes past the UDF
      : "+l"(before), "+l"(after)::"cc", "memory");
  printf("udf: %lu fault, CFSR 0x%08lX, stacked PC %s, before %lu, after %lu\n", static_cast<unsigned long>(faults),
         static_cast<unsigned long>(fault_cfsr),
         fault_pc == reinterpret_cast<uint32_t>(udf_here) ? "the UDF's own address" : "WRONG",
         static_cast<unsigned long>(before), static_cast<unsigned long>(after));
  exit(0);
}
