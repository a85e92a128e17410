// SPDX-License-Identifier: GPL-2.0-or-later
// CCR.UNALIGN_TRP set while the code is already running: an unaligned LDR in a loop that has run
// (and been translated) with the trap clear must trap from the first iteration after the trap is
// set -- the same instruction, the same block, now checked (ARMv7-M B3.2.8).
#include <stdint.h>
#include <stdio.h>

#include "nvic_access.h"
#include "skipping_usage_fault.h"

extern "C" const char loop_ldr[];

namespace {
alignas(8) volatile uint8_t buffer[8] = {0x44, 0x33, 0x22, 0x11, 0x88, 0x77, 0x66, 0x55};
}

int main() {
  scs(board::scs::SHCSR) = 1u << 18;  // USGFAULTENA
  uintptr_t p = reinterpret_cast<uintptr_t>(buffer) + 1;
  uint32_t sum = 0, trapped_from = 0;
  for (uint32_t i = 0; i < 8; ++i) {
    if (i == 5) {
      scs(board::scs::CCR) = scs(board::scs::CCR) | (1u << 3);  // UNALIGN_TRP
      __asm volatile("dsb\n\tisb" ::: "memory");
    }
    uint32_t before = faults, r = 0;
    __asm volatile(".global loop_ldr\nloop_ldr: ldr.w %0, [%1]" : "+r"(r) : "r"(p) : "memory");
    if (faults != before && !trapped_from) trapped_from = i;
    sum += r;
  }
  scs(board::scs::CCR) = scs(board::scs::CCR) & ~(1u << 3);
  printf("unaligned LDR in a loop: %lu faults, the first at iteration %lu, %s; sum 0x%08lX\n",
         static_cast<unsigned long>(faults), static_cast<unsigned long>(trapped_from),
         fault_pc == (reinterpret_cast<uint32_t>(loop_ldr) & ~1u) ? "at the LDR" : "at the WRONG address",
         static_cast<unsigned long>(sum));
  return 0;
}
