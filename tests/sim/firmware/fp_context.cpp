// SPDX-License-Identifier: GPL-2.0-or-later
// The floating-point context across interrupts (ARMv7-M B1.5.7): once thread code has used the FPU
// (CONTROL.FPCA), exception entry stacks S0-S15 and FPSCR too, says so in EXC_RETURN bit 4, and
// starts the handler with FPCA clear; the return restores them. A SysTick handler that scribbles
// over every caller-saved FP register must not disturb a computation holding its values there.
#include <stdint.h>
#include <stdio.h>

#include "nvic_access.h"
#include "special_registers.h"

namespace {
volatile uint32_t ticks = 0, extended_frames = 0, handler_fpca = 0;
volatile uint32_t rounds = 20000;

}  // namespace

extern "C" void SysTick_Handler() {
  uint32_t exc_return;
  __asm volatile("mov %0, lr" : "=r"(exc_return));
  if (!(exc_return & 0x10)) extended_frames = extended_frames + 1;
  if (control_now() & 4) handler_fpca = handler_fpca + 1;
  // Scribble over S0-S15 and FPSCR's flags, as any handler doing float work may.
  __asm volatile(
      "vmov.f32 s0, #-1.0\n\tvmov.f32 s1, #-2.0\n\tvmov.f32 s2, #-3.0\n\tvmov.f32 s3, #-4.0\n\t"
      "vmov.f32 s4, #-5.0\n\tvmov.f32 s5, #-6.0\n\tvmov.f32 s6, #-7.0\n\tvmov.f32 s7, #-8.0\n\t"
      "vmov.f32 s8, #-9.0\n\tvmov.f32 s9, #-10.0\n\tvmov.f32 s10, #-11.0\n\tvmov.f32 s11, #-12.0\n\t"
      "vmov.f32 s12, #-13.0\n\tvmov.f32 s13, #-14.0\n\tvmov.f32 s14, #-15.0\n\tvmov.f32 s15, #-16.0\n\t"
      "vcmp.f32 s0, s1\n\t" ::: "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "s12",
      "s13", "s14", "s15", "memory");
  ticks = ticks + 1;
}

// Sums 1.0 + 2.0 + ... in S0 (and keeps S1-S15 as constants) while interrupts come and go.
__attribute__((noinline)) float accumulate(uint32_t n, uint32_t* kept) {
  float sum;
  uint32_t ok;
  __asm volatile(
      "vmov s0, %[zero]\n\tvmov.f32 s1, #1.0\n\t"
      "vmov.f32 s2, #2.0\n\tvmov.f32 s3, #3.0\n\tvmov.f32 s4, #4.0\n\tvmov.f32 s5, #5.0\n\t"
      "vmov.f32 s6, #6.0\n\tvmov.f32 s7, #7.0\n\tvmov.f32 s8, #8.0\n\tvmov.f32 s9, #9.0\n\t"
      "vmov.f32 s10, #10.0\n\tvmov.f32 s11, #11.0\n\tvmov.f32 s12, #12.0\n\tvmov.f32 s13, #13.0\n\t"
      "vmov.f32 s14, #14.0\n\tvmov.f32 s15, #15.0\n"
      "1:\n\t"
      "vadd.f32 s0, s0, s1\n\t"
      "subs %[n], %[n], #1\n\t"
      "bne 1b\n\t"
      // Every constant must still be what was put there: s_k == k.
      "movs %[ok], #1\n\t"
      "vcmp.f32 s2, #0.0\n\t"  // placeholder compare keeps FPSCR in use
      "vmov %[sum], s0\n\t"
      : [sum] "=r"(sum), [ok] "=&r"(ok), [n] "+r"(n)
      : [zero] "r"(0u)
      : "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "s12", "s13", "s14", "s15", "cc");
  float constants[15];
  __asm volatile("vstmia %0, {s1-s15}" ::"r"(constants) : "memory");
  for (int k = 0; k < 15; ++k)
    if (constants[k] != static_cast<float>(k + 1)) ok = 0;
  *kept = ok;
  return sum;
}

int main() {
  scs(0xD88) = scs(0xD88) | (0xFu << 20);  // CPACR: full access to CP10 and CP11 (the FPU)
  __asm volatile("dsb; isb");
  scs(board::scs::SYST_RVR) = 99;
  scs(board::scs::SYST_CVR) = 0;
  scs(board::scs::SYST_CSR) = 0x7;
  uint32_t kept = 0;
  float sum = accumulate(rounds, &kept);
  scs(board::scs::SYST_CSR) = 0;
  printf("fp: sum %s, S1-S15 %s, %s, handlers %s\n", sum == static_cast<float>(rounds) ? "right" : "WRONG",
         kept ? "kept" : "CLOBBERED", ticks > 100 && extended_frames == ticks ? "extended frames" : "BASIC frames",
         handler_fpca == 0 ? "start with FPCA clear" : "start with FPCA SET");
  return 0;
}
