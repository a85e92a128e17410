// SPDX-License-Identifier: GPL-2.0-or-later
// Exception-model checks, each printing a trace that tests/sim/test_machine.cpp compares with what
// the ARMv7-M rules prescribe:
//   context:   a SysTick interrupt every 40 cycles during a computation leaves its result unchanged
//   preempt:   a higher-priority interrupt pended inside a handler preempts it at once
//   no-preempt: an equal- or lower-priority one waits, then tail-chains after the handler returns
//   masked:    interrupts pended under PRIMASK are taken at cpsie, most urgent first
//   basepri:   BASEPRI holds back priorities at or below its threshold only
#include <stdint.h>
#include <stdio.h>

#include <initializer_list>

#include "nvic_access.h"

namespace {
char trace[32];
int trace_len = 0;
volatile uint32_t ticks = 0;
void mark(char c) { trace[trace_len++] = c; trace[trace_len] = 0; }
void reset_trace() { trace_len = 0; trace[0] = 0; }
int preempt_line = -1;  // the line IRQ10's handler pends, or -1

volatile uint32_t rounds = 20000;  // volatile: the compiler must not fold the computation away

__attribute__((noinline)) uint32_t compute() {
  uint32_t h = 2166136261u, a = 1, b = 0;
  for (uint32_t i = 0; i < rounds; ++i) {
    h = (h ^ i) * 16777619u;
    a += h >> 3;
    b ^= a + (h < a ? 1u : 0u);  // flags-dependent: a lost NZCV shows here
  }
  return h ^ a ^ b;
}
}  // namespace

extern "C" void SysTick_Handler() { ticks = ticks + 1; }
extern "C" void IRQ10_Handler() {
  mark('A');
  if (preempt_line >= 0) {
    irq_pend(preempt_line);
    __asm volatile("dsb; isb");  // the architecture's way to make the pend take effect before 'a'
  }
  mark('a');
}
extern "C" void IRQ11_Handler() { mark('B'); }
extern "C" void IRQ12_Handler() { mark('C'); }

int main() {
  // context
  uint32_t quiet = compute();
  scs(board::scs::SYST_RVR) = 39;
  scs(board::scs::SYST_CVR) = 0;
  scs(board::scs::SYST_CSR) = 0x7;  // enable, interrupt, core clock
  uint32_t busy = compute();
  scs(board::scs::SYST_CSR) = 0;
  // (The tick count itself differs between machines: the rule is only that there were many.)
  printf("context: %s, %s\n", quiet == busy ? "same result" : "CORRUPTED", ticks > 1000 ? "many interrupts" : "too few interrupts");

  for (int line : {10, 11, 12}) irq_enable(line);

  // preempt: IRQ10 at 0xC0 pends IRQ11 at 0x40 -> B runs between A and a.
  irq_priority(10, 0xC0);
  irq_priority(11, 0x40);
  reset_trace();
  preempt_line = 11;
  irq_pend(10);
  __asm volatile("dsb; isb");
  printf("preempt: %s\n", trace);

  // no-preempt: IRQ10 at 0x40 pends IRQ11 at 0xC0, then IRQ12 at the same 0x40 -> both wait.
  irq_priority(10, 0x40);
  irq_priority(11, 0xC0);
  irq_priority(12, 0x40);
  reset_trace();
  preempt_line = 11;
  irq_pend(10);
  __asm volatile("dsb; isb");
  preempt_line = 12;
  irq_pend(10);
  __asm volatile("dsb; isb");
  printf("no-preempt: %s\n", trace);

  // masked: pend 11 (0xC0), 12 (0x80) and 10 (0x40) with PRIMASK set; at cpsie the most urgent runs
  // first and the others tail-chain in priority order.
  preempt_line = -1;
  irq_priority(12, 0x80);
  reset_trace();
  __asm volatile("cpsid i");
  irq_pend(11);
  irq_pend(12);
  irq_pend(10);
  __asm volatile("dsb; isb");
  mark('-');
  __asm volatile("cpsie i; isb");
  printf("masked: %s\n", trace);

  // basepri: threshold 0x80 holds back 0x80 and 0xC0, lets 0x40 through.
  reset_trace();
  __asm volatile("msr basepri, %0; isb" ::"r"(0x80));
  irq_pend(11);
  irq_pend(12);
  irq_pend(10);
  __asm volatile("dsb; isb");
  mark('-');
  __asm volatile("msr basepri, %0; isb" ::"r"(0));
  printf("basepri: %s\n", trace);
  return 0;
}
