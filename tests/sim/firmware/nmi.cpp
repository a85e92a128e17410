// SPDX-License-Identifier: GPL-2.0-or-later
// NMI (ARMv7-M B1.5.2, B1.5.4, B1.5.8, B3.2.4): priority -2, above everything but Reset, so
// ICSR.NMIPENDSET takes it at once even under PRIMASK and FAULTMASK and from inside the HardFault
// handler (priority -1); NMIPENDSET reads 1 while pending and 0 once the handler runs; and NMI's is
// the one return that leaves FAULTMASK as it was.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nvic_access.h"
#include "special_registers.h"

namespace {
constexpr uint32_t kNmiPendSet = 1u << 31;
volatile uint32_t nmi_runs = 0, nmi_saw_pending = 1, nmi_ipsr = 0, in_hardfault = 0, nmi_inside_hardfault = 0;

uint32_t ipsr_now() {
  uint32_t v;
  __asm volatile("mrs %0, ipsr" : "=r"(v));
  return v;
}
void pend_nmi() {
  scs(board::scs::ICSR) = kNmiPendSet;
  __asm volatile("dsb\n\tisb" ::: "memory");
}
}  // namespace

extern "C" void NMI_Handler() {
  nmi_runs = nmi_runs + 1;
  nmi_saw_pending = (scs(board::scs::ICSR) & kNmiPendSet) ? 1 : 0;
  nmi_ipsr = ipsr_now();
  if (in_hardfault) nmi_inside_hardfault = 1;
}
extern "C" {
__attribute__((used)) void hard_fault(uint32_t* frame) {
  in_hardfault = 1;
  pend_nmi();  // NMI preempts HardFault
  in_hardfault = 0;
  scs(board::scs::HFSR) = scs(board::scs::HFSR);
  scs(board::scs::CFSR) = scs(board::scs::CFSR);
  frame[6] += 2;  // past the 16-bit UDF
}
__attribute__((naked)) void HardFault_Handler() { __asm volatile("mrs r0, msp\n\tb hard_fault\n\t"); }
}

int main() {
  __asm volatile("cpsid i\n\tcpsid f" ::: "memory");
  pend_nmi();
  uint32_t runs_masked = nmi_runs, faultmask_after = faultmask_now();
  __asm volatile("cpsie f\n\tcpsie i" ::: "memory");
  printf("NMI under PRIMASK and FAULTMASK: ran %lu, IPSR %lu, NMIPENDSET in the handler %lu, FAULTMASK after %lu\n",
         static_cast<unsigned long>(runs_masked), static_cast<unsigned long>(nmi_ipsr),
         static_cast<unsigned long>(nmi_saw_pending), static_cast<unsigned long>(faultmask_after));
  __asm volatile("udf #0" ::: "memory");  // UsageFault is disabled: escalated to HardFault
  printf("NMI pended inside HardFault: %s\n", nmi_inside_hardfault ? "preempted it" : "WAITED");
  exit(0);
}
