// SPDX-License-Identifier: GPL-2.0-or-later
// ICSR.VECTPENDING and the priority masks (ARMv7-M B3.2.4; the Cortex-M4 Devices Generic User Guide,
// 4.3.3, words it: "The value indicated by this field includes the effect of the BASEPRI and
// FAULTMASK registers, but not any effect of the PRIMASK register"): an interrupt that BASEPRI
// holds back (its group priority at or below BASEPRI's, B1.5.4) is not the pending one, nor is
// any interrupt while FAULTMASK is set; PRIMASK, which the whole rule runs under so that nothing
// is taken, hides nothing.
//
// QEMU 7.2 departs: it computes VECTPENDING from the pending and enabled state alone (it ignores
// BASEPRI and FAULTMASK); vectpending_masks.qemu.expected pins what it prints instead.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nvic_access.h"

namespace {
unsigned long vectpending() { return (scs(board::scs::ICSR) >> 12) & 0x1FF; }
void set_basepri(uint32_t v) { __asm volatile("msr basepri, %0\n\tisb" ::"r"(v) : "memory"); }
}  // namespace

extern "C" void IRQ10_Handler() {}
extern "C" void IRQ11_Handler() {}

int main() {
  irq_enable(10);
  irq_enable(11);
  irq_priority(10, 0xC0);
  irq_priority(11, 0x40);
  __asm volatile("cpsid i" ::: "memory");

  irq_pend(10);
  printf("PRIMASK, IRQ10 (0xC0) pending: VECTPENDING %lu\n", vectpending());
  set_basepri(0x80);
  printf("BASEPRI 0x80: VECTPENDING %lu\n", vectpending());
  set_basepri(0xC0);
  printf("BASEPRI 0xC0 (equal): VECTPENDING %lu\n", vectpending());
  irq_pend(11);
  printf("IRQ11 (0x40) pending too: VECTPENDING %lu\n", vectpending());
  __asm volatile("cpsid f" ::: "memory");
  printf("FAULTMASK: VECTPENDING %lu\n", vectpending());
  __asm volatile("cpsie f" ::: "memory");
  set_basepri(0);
  printf("FAULTMASK and BASEPRI cleared: VECTPENDING %lu\n", vectpending());

  scs(board::scs::NVIC_ICPR) = (1u << 10) | (1u << 11);
  __asm volatile("cpsie i\n\tisb" ::: "memory");
  exit(0);
}
