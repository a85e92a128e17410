// SPDX-License-Identifier: GPL-2.0-or-later
// The NVIC's per-interrupt state registers (ARMv7-M B3.4, NVIC_ISER/ICER/ISPR/ICPR/IABR, and STIR):
// - NVIC_ISER and NVIC_ICER both read the enable bits; writing 1 to ISER enables, to ICER
//   disables, writing 0 changes nothing;
// - NVIC_ISPR and NVIC_ICPR both read the pending bits, set and cleared the same way;
// - a pending interrupt that is disabled stays pending and is not taken; enabling it takes it at
//   once (B1.5.4: only enabled exceptions are taken);
// - NVIC_IABR reads the active bits: in a handler its own line, in a nested one the preempted line
//   too, in Thread mode none;
// - an interrupt pended inside its own handler is active and pending at once, and is taken again
//   when the handler returns (B1.5.4, B1.5.8);
// - STIR (0xE000EF00) pends the interrupt whose number (INTID) is written to it.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nvic_access.h"

namespace {
constexpr uint32_t kLines = 0xF << 10;  // the lines this rule uses: 10..13
unsigned long read(uint32_t offset) { return scs(offset) & kLines; }
volatile uint32_t runs10 = 0, runs11 = 0, runs12 = 0, runs13 = 0, iabr_in_10 = 0, iabr_in_11 = 0;
volatile uint32_t self_pend_ispr = 0, self_pend_iabr = 0;
bool nest = false;
void sync() { __asm volatile("dsb\n\tisb" ::: "memory"); }
}  // namespace

extern "C" void IRQ10_Handler() {
  runs10 = runs10 + 1;
  iabr_in_10 = read(board::scs::NVIC_IABR);
  if (nest) {
    irq_pend(11);
    sync();
  }
}
extern "C" void IRQ11_Handler() {
  runs11 = runs11 + 1;
  iabr_in_11 = read(board::scs::NVIC_IABR);
}
extern "C" void IRQ12_Handler() {
  runs12 = runs12 + 1;
  if (runs12 == 1) {
    irq_pend(12);
    self_pend_ispr = read(board::scs::NVIC_ISPR);
    self_pend_iabr = read(board::scs::NVIC_IABR);
  }
}
extern "C" void IRQ13_Handler() { runs13 = runs13 + 1; }

int main() {
  printf("reset: ISER 0x%04lX ISPR 0x%04lX IABR 0x%04lX\n", read(board::scs::NVIC_ISER), read(board::scs::NVIC_ISPR),
         read(board::scs::NVIC_IABR));
  scs(board::scs::NVIC_ISER) = (1u << 10) | (1u << 12);
  printf("ISER written lines 10, 12: ISER 0x%04lX ICER 0x%04lX\n", read(board::scs::NVIC_ISER), read(board::scs::NVIC_ICER));
  scs(board::scs::NVIC_ISER) = 0;
  scs(board::scs::NVIC_ICER) = 0;
  unsigned long zeros = read(board::scs::NVIC_ISER);
  scs(board::scs::NVIC_ICER) = 1u << 10;
  printf("0 written to both: ISER 0x%04lX; ICER written line 10: ISER 0x%04lX ICER 0x%04lX\n", zeros,
         read(board::scs::NVIC_ISER), read(board::scs::NVIC_ICER));
  scs(board::scs::NVIC_ICER) = 1u << 12;

  __asm volatile("cpsid i" ::: "memory");
  scs(board::scs::NVIC_ISPR) = (1u << 10) | (1u << 11);
  printf("ISPR written lines 10, 11: ISPR 0x%04lX ICPR 0x%04lX\n", read(board::scs::NVIC_ISPR), read(board::scs::NVIC_ICPR));
  scs(board::scs::NVIC_ICPR) = 1u << 11;
  printf("ICPR written line 11: ISPR 0x%04lX ICPR 0x%04lX\n", read(board::scs::NVIC_ISPR), read(board::scs::NVIC_ICPR));
  scs(board::scs::NVIC_ICPR) = 1u << 10;

  // Pending but disabled: it waits; enabled, it is taken at once.
  irq_pend(11);
  __asm volatile("cpsie i\n\tisb" ::: "memory");
  printf("line 11 pending, disabled: ran %lu, ISPR 0x%04lX\n", static_cast<unsigned long>(runs11),
         read(board::scs::NVIC_ISPR));
  irq_enable(11);
  sync();
  printf("line 11 enabled: ran %lu, ISPR 0x%04lX\n", static_cast<unsigned long>(runs11), read(board::scs::NVIC_ISPR));

  // IABR: IRQ10 (0xC0) alone, then nesting IRQ11 (0x40).
  irq_enable(10);
  irq_priority(10, 0xC0);
  irq_priority(11, 0x40);
  nest = true;
  irq_pend(10);
  sync();
  nest = false;
  printf("IABR in IRQ10: 0x%04lX; in IRQ11 nested in it: 0x%04lX; in Thread mode: 0x%04lX\n",
         static_cast<unsigned long>(iabr_in_10), static_cast<unsigned long>(iabr_in_11), read(board::scs::NVIC_IABR));

  // Pended inside its own handler.
  irq_enable(12);
  irq_pend(12);
  sync();
  printf("IRQ12 pends itself: ISPR 0x%04lX IABR 0x%04lX in the handler; it ran %lu times\n",
         static_cast<unsigned long>(self_pend_ispr), static_cast<unsigned long>(self_pend_iabr),
         static_cast<unsigned long>(runs12));

  // STIR names the interrupt to pend.
  irq_enable(13);
  __asm volatile("cpsid i" ::: "memory");
  scs(board::scs::STIR) = 13;
  unsigned long by_stir = read(board::scs::NVIC_ISPR);
  __asm volatile("cpsie i\n\tisb" ::: "memory");
  printf("STIR written 13: ISPR 0x%04lX; after cpsie IRQ13 ran %lu, ISPR 0x%04lX\n", by_stir,
         static_cast<unsigned long>(runs13), read(board::scs::NVIC_ISPR));
  scs(board::scs::NVIC_ICER) = kLines;
  exit(0);
}
