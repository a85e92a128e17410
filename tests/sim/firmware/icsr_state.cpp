// SPDX-License-Identifier: GPL-2.0-or-later
// ICSR shows the exception state (ARMv7-M B3.2.4):
// - VECTACTIVE is the number of the exception being handled (IPSR's), 0 in Thread mode;
// - RETTOBASE is 1 in a handler when no other exception is active, 0 in a nested one;
// - VECTPENDING is the number of the highest-priority pending and enabled exception, whether or
//   not it can preempt (PRIMASK does not hide it, nor does a running handler of higher priority);
//   a pending but disabled interrupt is not it; ties go to the lower exception number (B1.5.4);
// - ISRPENDING says an external interrupt is pending (PendSV and SysTick are not external);
// - PENDSVSET/PENDSVCLR and PENDSTSET/PENDSTCLR pend and un-pend PendSV and SysTick, and the
//   SET bits read back their pending state.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <initializer_list>

#include "nvic_access.h"

namespace {
constexpr uint32_t kRetToBase = 1u << 11, kIsrPending = 1u << 22, kPendStClr = 1u << 25, kPendStSet = 1u << 26,
                   kPendSvClr = 1u << 27, kPendSvSet = 1u << 28;

uint32_t icsr() { return scs(board::scs::ICSR); }
unsigned long vectactive(uint32_t v) { return v & 0x1FF; }
unsigned long vectpending(uint32_t v) { return (v >> 12) & 0x1FF; }
unsigned long bit(uint32_t v, uint32_t mask) { return (v & mask) ? 1 : 0; }

volatile uint32_t svc_icsr = 0, pendsv_icsr = 0, systick_icsr = 0, outer_before = 0, outer_after = 0, inner_icsr = 0;
}  // namespace

extern "C" void SVC_Handler() { svc_icsr = icsr(); }
extern "C" void PendSV_Handler() { pendsv_icsr = icsr(); }
extern "C" void SysTick_Handler() { systick_icsr = icsr(); }

// IRQ10 (priority 0xC0) reads ICSR alone, pends IRQ12 (the same priority: it waits) and IRQ11
// (0x40: it preempts at once), then reads ICSR again with IRQ12 still pending.
extern "C" void IRQ10_Handler() {
  outer_before = icsr();
  irq_pend(12);
  irq_pend(11);
  __asm volatile("dsb\n\tisb" ::: "memory");
  outer_after = icsr();
}
extern "C" void IRQ11_Handler() { inner_icsr = icsr(); }
extern "C" void IRQ12_Handler() {}

int main() {
  uint32_t v = icsr();
  printf("thread: VECTACTIVE %lu VECTPENDING %lu ISRPENDING %lu\n", vectactive(v), vectpending(v),
         bit(v, kIsrPending));

  __asm volatile("svc #0" ::: "memory");
  printf("svc handler: VECTACTIVE %lu RETTOBASE %lu\n", vectactive(svc_icsr), bit(svc_icsr, kRetToBase));

  for (int line : {10, 11, 12}) irq_enable(line);
  irq_priority(10, 0xC0);
  irq_priority(11, 0x40);
  irq_priority(12, 0xC0);
  irq_priority(13, 0x00);  // the most urgent of all, but never enabled
  irq_pend(10);
  __asm volatile("dsb\n\tisb" ::: "memory");
  printf("IRQ10 alone: VECTACTIVE %lu RETTOBASE %lu VECTPENDING %lu\n", vectactive(outer_before),
         bit(outer_before, kRetToBase), vectpending(outer_before));
  printf("IRQ11 nested in IRQ10: VECTACTIVE %lu RETTOBASE %lu VECTPENDING %lu\n", vectactive(inner_icsr),
         bit(inner_icsr, kRetToBase), vectpending(inner_icsr));
  printf("IRQ10 after it, IRQ12 waiting: VECTACTIVE %lu RETTOBASE %lu VECTPENDING %lu ISRPENDING %lu\n",
         vectactive(outer_after), bit(outer_after, kRetToBase), vectpending(outer_after),
         bit(outer_after, kIsrPending));

  // Under PRIMASK nothing is taken, and VECTPENDING still names the most urgent enabled one.
  __asm volatile("cpsid i" ::: "memory");
  irq_pend(10);
  irq_pend(11);
  irq_pend(13);
  v = icsr();
  printf("masked, IRQ10/11/13 pending (13 disabled): VECTPENDING %lu ISRPENDING %lu\n", vectpending(v),
         bit(v, kIsrPending));
  scs(board::scs::NVIC_ICPR) = (1u << 10) | (1u << 11) | (1u << 13);
  v = icsr();
  printf("cleared: VECTPENDING %lu ISRPENDING %lu\n", vectpending(v), bit(v, kIsrPending));

  scs(board::scs::ICSR) = kPendSvSet;
  v = icsr();
  printf("PENDSVSET: reads %lu, VECTPENDING %lu ISRPENDING %lu\n", bit(v, kPendSvSet), vectpending(v),
         bit(v, kIsrPending));
  scs(board::scs::ICSR) = kPendStSet;
  v = icsr();
  printf("PENDSTSET too: reads %lu, VECTPENDING %lu (equal priorities: the lower number)\n", bit(v, kPendStSet),
         vectpending(v));
  scs(board::scs::ICSR) = kPendSvClr;
  v = icsr();
  printf("PENDSVCLR: PENDSVSET reads %lu, VECTPENDING %lu\n", bit(v, kPendSvSet), vectpending(v));
  scs(board::scs::ICSR) = kPendStClr;
  v = icsr();
  printf("PENDSTCLR: PENDSTSET reads %lu, VECTPENDING %lu\n", bit(v, kPendStSet), vectpending(v));

  // Pended again and unmasked: each is taken, and inside its handler it is active, not pending.
  scs(board::scs::ICSR) = kPendSvSet;
  scs(board::scs::ICSR) = kPendStSet;
  __asm volatile("cpsie i\n\tisb" ::: "memory");
  printf("pendsv handler: VECTACTIVE %lu PENDSVSET %lu\n", vectactive(pendsv_icsr), bit(pendsv_icsr, kPendSvSet));
  printf("systick handler: VECTACTIVE %lu PENDSTSET %lu\n", vectactive(systick_icsr),
         bit(systick_icsr, kPendStSet));
  v = icsr();
  printf("thread again: VECTACTIVE %lu VECTPENDING %lu\n", vectactive(v), vectpending(v));
  exit(0);
}
