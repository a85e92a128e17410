// SPDX-License-Identifier: GPL-2.0-or-later
// SCR.SEVONPEND (ARMv7-M B3.2.7, B1.5.19): with it set, an interrupt becoming pending is a WFE
// wake-up event even when it cannot be taken -- here SysTick pended under PRIMASK, which therefore
// runs only at CPSIE. WFE sleeps until the pend (about 1 ms), not longer and not less. Board only:
// QEMU 7.2 runs WFE as a hint that returns at once, so it cannot show the sleep.
#include <stdint.h>
#include <stdio.h>

#include "nvic_access.h"

namespace {
volatile uint32_t ticks = 0;
uint32_t cycles() { return *reinterpret_cast<volatile uint32_t*>(board::kDwtBase + board::dwt::CYCCNT); }
}  // namespace

extern "C" void SysTick_Handler() { ticks = ticks + 1; }

int main() {
  scs(board::scs::DEMCR) = 1u << 24;
  *reinterpret_cast<volatile uint32_t*>(board::kDwtBase + board::dwt::CTRL) = 1;
  scs(board::scs::SCR) = 1u << 4;                   // SEVONPEND
  __asm volatile("sev\n\twfe" ::: "memory");        // the event register starts clear
  __asm volatile("cpsid i" ::: "memory");
  scs(board::scs::SYST_RVR) = 64000 - 1;  // pends SysTick 1 ms from now (64 MHz core clock)
  scs(board::scs::SYST_CVR) = 0;
  scs(board::scs::SYST_CSR) = 0x7;
  uint32_t t0 = cycles();
  __asm volatile("wfe" ::: "memory");  // woken by the pend, not by an entry: PRIMASK holds SysTick off
  uint32_t slept = cycles() - t0;
  uint32_t ticks_masked = ticks;
  bool pending = scs(board::scs::ICSR) & (1u << 26);  // PENDSTSET
  scs(board::scs::SYST_CSR) = 0;
  __asm volatile("cpsie i\n\tisb" ::: "memory");
  printf("sevonpend: wfe %s, SysTick %s under PRIMASK (%lu handler runs), taken at cpsie: %lu\n",
         slept > 50000 && slept < 80000 ? "slept until the pend" : slept <= 50000 ? "DID NOT SLEEP" : "OVERSLEPT",
         pending ? "pending" : "NOT pending", static_cast<unsigned long>(ticks_masked),
         static_cast<unsigned long>(ticks));
  return 0;
}
