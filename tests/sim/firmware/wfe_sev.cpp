// SPDX-License-Identifier: GPL-2.0-or-later
// WFE and SEV with the event register: SEV then WFE returns at once (the event was set); a WFE with
// the event clear sleeps until an interrupt (whose entry and return set the event); YIELD is a hint.
#include <stdint.h>
#include <stdio.h>

#include "nvic_access.h"

namespace {
volatile uint32_t ticks = 0;
uint32_t cycles_since(uint32_t t0) { return *reinterpret_cast<volatile uint32_t*>(board::kDwtBase + board::dwt::CYCCNT) - t0; }
uint32_t cycles() { return cycles_since(0); }
}  // namespace

extern "C" void SysTick_Handler() { ticks = ticks + 1; }

int main() {
  scs(board::scs::DEMCR) = 1u << 24;
  *reinterpret_cast<volatile uint32_t*>(board::kDwtBase + board::dwt::CTRL) = 1;

  uint32_t t0 = cycles();
  __asm volatile("sev\n\twfe" ::: "memory");  // event set by SEV: no sleep, and the event is consumed
  uint32_t immediate = cycles_since(t0);

  scs(board::scs::SYST_RVR) = 64000 - 1;  // an interrupt 1 ms from now
  scs(board::scs::SYST_CVR) = 0;
  scs(board::scs::SYST_CSR) = 0x7;
  t0 = cycles();
  __asm volatile("wfe" ::: "memory");  // sleeps until the SysTick interrupt
  uint32_t slept = cycles_since(t0);
  scs(board::scs::SYST_CSR) = 0;
  __asm volatile("yield" ::: "memory");

  printf("wfe: after sev %s, without event %s, ticks %lu\n", immediate < 100 ? "immediate" : "SLEPT",
         slept > 50000 ? "slept until the interrupt" : "DID NOT SLEEP", static_cast<unsigned long>(ticks));
  return 0;
}
