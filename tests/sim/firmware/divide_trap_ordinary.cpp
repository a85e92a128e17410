// SPDX-License-Identifier: GPL-2.0-or-later
// CCR.DIV_0_TRP traps division by zero only (ARMv7-M B3.2.8, A7.7.127 SDIV, A7.7.195 UDIV): with
// the trap set, ordinary division code with non-zero divisors -- loops, a division in a hot inner
// loop, signed and unsigned, the C library's -- runs exactly as with it clear, and a division by
// zero placed after all of it still traps at its own address. SysTick interrupts every few hundred
// cycles meanwhile: the checks must not disturb exception entry and return.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "skipping_usage_fault.h"

namespace {
volatile uint32_t rounds = 3000, ticks = 0;

__attribute__((noinline)) uint32_t unsigned_sum() {
  uint32_t sum = 0;
  for (uint32_t i = 1; i <= rounds; ++i) sum += 1000000u / i + (i * 7919u) % (i + 3);
  return sum;
}
__attribute__((noinline)) int32_t signed_sum() {
  int32_t sum = 0;
  for (int32_t i = 1; i <= static_cast<int32_t>(rounds); ++i) sum += -2000000 / i + (i % 2 ? 1 : -1) * (i / 7);
  return sum;
}
__attribute__((noinline)) uint32_t divide(uint32_t a, uint32_t b) {
  uint32_t r;
  __asm volatile(".global zero_div\nzero_div: udiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
}  // namespace

extern "C" const char zero_div[];
extern "C" void SysTick_Handler() { ticks = ticks + 1; }

int main() {
  scs(board::scs::SHCSR) = 1u << 18;  // USGFAULTENA
  uint32_t u_off = unsigned_sum();
  int32_t s_off = signed_sum();
  scs(board::scs::CCR) = scs(board::scs::CCR) | (1u << 4);  // DIV_0_TRP
  scs(board::scs::SYST_RVR) = 300;
  scs(board::scs::SYST_CVR) = 0;
  scs(board::scs::SYST_CSR) = 0x7;  // processor clock, interrupt, enabled
  uint32_t u_on = unsigned_sum();
  int32_t s_on = signed_sum();
  scs(board::scs::SYST_CSR) = 0;
  printf("unsigned: %lu, %s with the trap set\n", static_cast<unsigned long>(u_off), u_on == u_off ? "the same" : "DIFFERENT");
  printf("signed: %ld, %s with the trap set\n", static_cast<long>(s_off), s_on == s_off ? "the same" : "DIFFERENT");
  char text[32];
  snprintf(text, sizeof text, "%lu", static_cast<unsigned long>(u_on / 3));  // newlib's own divisions
  printf("the C library formats %s, %lu faults so far, %s\n", text, static_cast<unsigned long>(faults),
         ticks > 20 ? "many interrupts meanwhile" : "FEW interrupts");
  volatile uint32_t zero = 0;
  divide(5, zero);
  printf("then 5 / 0: %lu fault, DIVBYZERO %lu, at the division %s\n", static_cast<unsigned long>(faults),
         static_cast<unsigned long>((fault_cfsr >> 25) & 1),
         fault_pc == reinterpret_cast<uint32_t>(zero_div) ? "yes" : "NO");
  exit(0);
}
