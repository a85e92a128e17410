// SPDX-License-Identifier: GPL-2.0-or-later
// LDRD at an address that is not word aligned, with CCR.UNALIGN_TRP clear. Hardware raises a
// UsageFault (CFSR.UNALIGNED) all the same; asyncboard does under --strict-alignment (the check
// costs emulation speed, so it is asked for) and otherwise lets the load through. There is no
// fault handler: the fault escalates to HardFault and the run ends with the fault report.
#include <stdint.h>
#include <stdio.h>

namespace {
alignas(8) volatile uint32_t words[4] = {0x11111111, 0x22222222, 0x33333333, 0x44444444};

__attribute__((noinline)) uint32_t ldrd_at(uintptr_t p) {
  uint32_t lo, hi;
  __asm volatile("ldrd %0, %1, [%2]" : "=r"(lo), "=r"(hi) : "r"(p) : "memory");
  return lo ^ hi;
}
}  // namespace

int main() {
  uint32_t v = ldrd_at(reinterpret_cast<uintptr_t>(words) + 2);
  printf("ldrd +2: 0x%08lX\n", static_cast<unsigned long>(v));
  return 0;
}
