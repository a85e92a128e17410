// SPDX-License-Identifier: GPL-2.0-or-later
// A bus fault in the middle of a block: the stacked PC must be the faulting load itself (BusFault
// is precise here: CFSR.PRECISERR), so a handler that skips it resumes right after it -- and the
// instructions before it in the block ran exactly once.
#include <stdint.h>
#include <stdio.h>

#include "nvic_access.h"

extern "C" {
extern const char bad_load[];
volatile uint32_t fault_pc = 0, faults = 0;

__attribute__((used)) void bus_fault(uint32_t* frame) {
  scs(board::scs::CFSR) = scs(board::scs::CFSR);
  fault_pc = frame[6];
  frame[6] += 4;  // the 32-bit load below
  faults = faults + 1;
}
__attribute__((naked)) void BusFault_Handler() { __asm volatile("mrs r0, msp\n\tb bus_fault\n\t"); }
}

namespace {
volatile uint32_t counter = 0;

// Increments the counter, then loads from nowhere, in one straight-line block.
__attribute__((noinline)) uint32_t bump_then_fault(volatile uint32_t* c, uint32_t nowhere) {
  uint32_t r = 0xDEAD, t;
  __asm volatile(
      "ldr %[t], [%[c]]\n\t"
      "adds %[t], %[t], #1\n\t"
      "str %[t], [%[c]]\n\t"
      ".global bad_load\nbad_load: ldr.w %[r], [%[n]]\n\t"
      : [r] "+r"(r), [t] "=&r"(t)
      : [c] "r"(c), [n] "r"(nowhere)
      : "memory");
  return r;
}
}  // namespace

int main() {
  scs(board::scs::SHCSR) = 1u << 17;  // BUSFAULTENA
  uint32_t r = bump_then_fault(&counter, 0x30000000);
  printf("bus fault: %s, result 0x%lX, counter %lu\n",
         fault_pc == (reinterpret_cast<uint32_t>(bad_load) & ~1u) ? "stacked PC at the load" : "stacked PC ELSEWHERE",
         static_cast<unsigned long>(r), static_cast<unsigned long>(counter));
  return 0;
}
