// SPDX-License-Identifier: GPL-2.0-or-later
// CCR.DIV_0_TRP: an integer division by zero gives 0 until the program sets the trap; then it raises
// UsageFault (CFSR.DIVBYZERO) at the division itself -- the stacked PC is its address, so the
// handler can report it and skip it. The check must leave the flags around the division alone.
#include <stdint.h>
#include <stdio.h>

#include "nvic_access.h"
#include "skipping_usage_fault.h"

extern "C" const char div_insn[];  // the division under test, labelled below

namespace {
__attribute__((noinline)) uint32_t divide(uint32_t a, uint32_t b) {
  uint32_t r = 0xDEAD;
  __asm volatile(".global div_insn\ndiv_insn: udiv %0, %1, %2" : "+r"(r) : "r"(a), "r"(b));
  return r;
}

// A division between an instruction that sets the flags and the branch that reads them.
__attribute__((noinline)) int branch_across_divide(uint32_t x, uint32_t a, uint32_t b) {
  int taken;
  __asm volatile(
      "ands.w r3, %[x], #2\n\t"
      "udiv %[a], %[a], %[b]\n\t"
      "beq 1f\n\t"
      "movs %[t], #1\n\t"
      "b 2f\n"
      "1: movs %[t], #0\n"
      "2:\n"
      : [t] "=r"(taken), [a] "+r"(a)
      : [x] "r"(x), [b] "r"(b)
      : "r3", "cc");
  return taken;
}

void report(const char* what, uint32_t result, uint32_t faults_before) {
  if (faults == faults_before) {
    printf("%s: no fault, result %lu\n", what, static_cast<unsigned long>(result));
  } else {
    printf("%s: UsageFault CFSR 0x%08lX, %s\n", what, static_cast<unsigned long>(fault_cfsr),
           fault_pc == (reinterpret_cast<uint32_t>(div_insn) & ~1u) ? "at the division" : "at the WRONG address");
  }
}
}  // namespace

int main() {
  scs(board::scs::SHCSR) = 1u << 18;  // USGFAULTENA: the fault goes to UsageFault_Handler
  uint32_t n = faults;
  report("7 / 0", divide(7, 0), n);
  scs(board::scs::CCR) = scs(board::scs::CCR) | (1u << 4);  // DIV_0_TRP
  n = faults;
  report("7 / 0 with DIV_0_TRP", divide(7, 0), n);
  n = faults;
  report("7 / 2 with DIV_0_TRP", divide(7, 2), n);
  bool kept = branch_across_divide(2, 10, 3) == 1 && branch_across_divide(0, 10, 3) == 0;
  printf("flags across a checked division: %s\n", kept ? "kept" : "LOST");
  return 0;
}
