// SPDX-License-Identifier: GPL-2.0-or-later
// What wakes WFI (ARMv7-M B1.5.19): a pending exception that would preempt were PRIMASK clear. So
// under PRIMASK a pending interrupt wakes WFI at once (the handler runs at CPSIE: the idiom
// "cpsid i; check; wfi; cpsie i" depends on it), but one that BASEPRI holds back does not: WFI
// sleeps on until an interrupt above BASEPRI comes (here SysTick, a few hundred cycles later).
// QEMU 7.2 departs: it also wakes for the interrupt BASEPRI holds back (wfi_wake.qemu.expected).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nvic_access.h"

namespace {
volatile uint32_t ticks = 0, irq10_runs = 0;
void systick_in(uint32_t cycles) {
  scs(board::scs::SYST_RVR) = cycles;
  scs(board::scs::SYST_CVR) = 0;
  scs(board::scs::SYST_CSR) = 0x7;  // processor clock, interrupt, enabled
}
}  // namespace

extern "C" void SysTick_Handler() {
  ticks = ticks + 1;
  scs(board::scs::SYST_CSR) = 0;  // once
}
extern "C" void IRQ10_Handler() { irq10_runs = irq10_runs + 1; }

int main() {
  irq_priority(10, 0x80);
  irq_enable(10);
  scs(board::scs::SHPR3) = 0x00u << 24;  // SysTick at 0: above any BASEPRI

  __asm volatile("cpsid i" ::: "memory");
  irq_pend(10);
  __asm volatile("dsb\n\twfi" ::: "memory");  // wakes at once: IRQ10 would preempt were PRIMASK clear
  uint32_t runs_before_cpsie = irq10_runs;
  __asm volatile("cpsie i\n\tisb" ::: "memory");
  printf("PRIMASK: wfi woke for IRQ10, its handler ran %lu before cpsie and %lu after\n",
         static_cast<unsigned long>(runs_before_cpsie), static_cast<unsigned long>(irq10_runs));

  __asm volatile("msr basepri, %0\n\tisb" ::"r"(0x80u) : "memory");  // holds IRQ10 (0x80) back
  irq_pend(10);
  ticks = 0;
  systick_in(500);
  __asm volatile("dsb\n\twfi" ::: "memory");  // must sleep until SysTick, not wake for IRQ10
  uint32_t ticks_at_wake = ticks;
  __asm volatile("msr basepri, %0\n\tisb" ::"r"(0u) : "memory");
  scs(board::scs::SYST_CSR) = 0;
  printf("BASEPRI 0x80, IRQ10 pending: wfi %s, IRQ10 ran %lu in all\n",
         ticks_at_wake ? "slept until SysTick" : "WOKE FOR THE MASKED IRQ10", static_cast<unsigned long>(irq10_runs));
  exit(0);
}
