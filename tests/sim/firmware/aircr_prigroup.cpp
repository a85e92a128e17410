// SPDX-License-Identifier: GPL-2.0-or-later
// AIRCR (ARMv7-M B3.2.6) and priority grouping (B1.5.4):
// - reads give VECTKEYSTAT 0xFA05 in bits [31:16] and ENDIANNESS 0 (little-endian);
// - a write whose VECTKEY (bits [31:16]) is not 0x05FA is ignored: PRIGROUP keeps its value;
// - PRIGROUP n splits each priority into a group priority (bits [7:n+1]) and a sub-priority
//   (bits [n:0]): only a more urgent GROUP priority preempts, so 0x40 preempts 0x60 under
//   PRIGROUP 4 but not under PRIGROUP 5 (both in group 0x40) or 7 (no group bits at all);
// - among pending exceptions of one group the lower sub-priority is taken first, then the lower
//   exception number;
// - BASEPRI masks by its group priority too: BASEPRI 0x60 under PRIGROUP 5 is group 0x40 and
//   holds back an interrupt at 0x40, under PRIGROUP 4 it does not.
// SYSRESETREQ is not written: it resets the machine.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <initializer_list>

#include "nvic_access.h"

namespace {
char trace[16], taken[16];
int trace_len = 0;
bool pend_inner = false;
void mark(char c) {
  trace[trace_len++] = c;
  trace[trace_len] = 0;
}
// What ran since the last call (a copy: the handlers may write the trace again before it is printed).
const char* take_trace() {
  for (int i = 0; i <= trace_len; ++i) taken[i] = trace[i];
  trace_len = 0;
  trace[0] = 0;
  return taken;
}

uint32_t aircr() { return scs(board::scs::AIRCR); }
unsigned long prigroup() { return (aircr() >> 8) & 7; }
void set_prigroup(uint32_t group) { scs(board::scs::AIRCR) = 0x05FA0000u | (group << 8); }
void set_basepri(uint32_t v) { __asm volatile("msr basepri, %0\n\tisb" ::"r"(v) : "memory"); }
void sync() { __asm volatile("dsb\n\tisb" ::: "memory"); }

// IRQ10 (0x60) pends IRQ11 (0x40): 'B' between 'A' and 'a' is a preemption.
const char* preemption_under(uint32_t group) {
  set_prigroup(group);
  pend_inner = true;
  irq_pend(10);
  sync();
  pend_inner = false;
  return take_trace();
}
}  // namespace

extern "C" void IRQ10_Handler() {
  mark('A');
  if (pend_inner) {
    irq_pend(11);
    sync();
  }
  mark('a');
}
extern "C" void IRQ11_Handler() { mark('B'); }
extern "C" void IRQ12_Handler() { mark('C'); }
extern "C" void IRQ13_Handler() { mark('D'); }

int main() {
  uint32_t v = aircr();
  printf("AIRCR: VECTKEYSTAT 0x%04lX ENDIANNESS %lu PRIGROUP %lu\n", static_cast<unsigned long>(v >> 16),
         static_cast<unsigned long>((v >> 15) & 1), static_cast<unsigned long>((v >> 8) & 7));
  scs(board::scs::AIRCR) = 5u << 8;
  unsigned long keyless = prigroup();
  scs(board::scs::AIRCR) = 0x05FB0000u | (5u << 8);
  unsigned long wrong_key = prigroup();
  set_prigroup(5);
  printf("PRIGROUP 5 written without VECTKEY: reads %lu; with a wrong key: %lu; with 0x05FA: %lu\n", keyless,
         wrong_key, prigroup());
  printf("after the keyed write: VECTKEYSTAT 0x%04lX\n", static_cast<unsigned long>(aircr() >> 16));

  for (int line : {10, 11, 12, 13}) irq_enable(line);
  irq_priority(10, 0x60);
  irq_priority(11, 0x40);
  irq_priority(12, 0x40);
  irq_priority(13, 0x40);
  printf("IRQ10 0x60 pends IRQ11 0x40: PRIGROUP 4 %s\n", preemption_under(4));
  printf("IRQ10 0x60 pends IRQ11 0x40: PRIGROUP 5 %s\n", preemption_under(5));
  printf("IRQ10 0x60 pends IRQ11 0x40: PRIGROUP 7 %s\n", preemption_under(7));

  // One group (PRIGROUP 5): the sub-priority, then the number, orders what PRIMASK held back.
  set_prigroup(5);
  __asm volatile("cpsid i" ::: "memory");
  irq_pend(13);
  irq_pend(10);
  irq_pend(12);
  __asm volatile("cpsie i\n\tisb" ::: "memory");
  printf("IRQ13 0x40, IRQ10 0x60, IRQ12 0x40 pended masked, PRIGROUP 5: taken %s\n", take_trace());

  set_basepri(0x60);
  irq_pend(12);
  sync();
  printf("BASEPRI 0x60, IRQ12 0x40 pended: PRIGROUP 5 taken '%s'", take_trace());
  set_prigroup(4);
  sync();
  printf(", then PRIGROUP 4 taken '%s'\n", take_trace());
  set_basepri(0);

  set_prigroup(0);
  exit(0);
}
