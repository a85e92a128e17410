// SPDX-License-Identifier: GPL-2.0-or-later
// SVC obeys the execution priority (ARMv7-M B1.5.4, B1.5.14): it is a synchronous exception, so
// when it cannot be taken at once -- PRIMASK set, BASEPRI at or above its priority, or a running
// handler of equal or more urgent priority -- it is escalated to HardFault with HFSR.FORCED; the
// HardFault's stacked return address is the instruction after the SVC. A more urgent SVC still
// preempts a handler.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nvic_access.h"

namespace {
volatile uint32_t svcs = 0, hardfaults = 0, hfsr_seen = 0;
volatile bool svc_in_irq = false;

void set_svc_priority(uint8_t priority) { scs(board::scs::SHPR2) = uint32_t(priority) << 24; }

// One SVC: which handler took it ("svc", or "hardfault" with HFSR.FORCED), and whether the code
// after it ran.
void report(const char* what) {
  svcs = 0;
  hardfaults = 0;
  hfsr_seen = 0;
  uint32_t after = 0;
  __asm volatile("svc #1\n\tadds %0, %0, #1" : "+l"(after)::"cc", "memory");
  printf("%s: %s%s, resumed after the SVC %lu\n", what,
         svcs ? "SVC handler" : hardfaults ? "HardFault" : "nothing",
         hardfaults ? (hfsr_seen & (1u << 30) ? " (FORCED)" : " (NOT FORCED)") : "", static_cast<unsigned long>(after));
}
}  // namespace

extern "C" void SVC_Handler() { svcs = svcs + 1; }
extern "C" void HardFault_Handler() {
  hardfaults = hardfaults + 1;
  hfsr_seen = scs(board::scs::HFSR);
  scs(board::scs::HFSR) = hfsr_seen;  // write-one-to-clear
}
extern "C" void IRQ9_Handler() {
  uint32_t svc_before = svcs, hard_before = hardfaults;
  __asm volatile("svc #2" ::: "memory");
  svc_in_irq = svcs > svc_before && hardfaults == hard_before;
}

int main() {
  set_svc_priority(0x40);
  report("unmasked, SVC priority 0x40");
  __asm volatile("cpsid i" ::: "memory");
  report("PRIMASK set");
  __asm volatile("cpsie i" ::: "memory");

  __asm volatile("msr basepri, %0" ::"r"(0x40u) : "memory");
  report("BASEPRI 0x40, SVC priority 0x40");
  set_svc_priority(0x20);
  report("BASEPRI 0x40, SVC priority 0x20");
  __asm volatile("msr basepri, %0" ::"r"(0u) : "memory");

  // From a handler at priority 0x40: an SVC of equal priority cannot preempt it, a more urgent one can.
  irq_priority(9, 0x40);
  irq_enable(9);
  const uint8_t priorities[] = {0x40, 0x20};
  for (uint8_t p : priorities) {
    set_svc_priority(p);
    svcs = 0;
    hardfaults = 0;
    irq_pend(9);
    __asm volatile("dsb\n\tisb" ::: "memory");
    printf("from a handler at 0x40, SVC priority 0x%02X: %s\n", p,
           svc_in_irq ? "SVC handler preempted it" : hardfaults ? "escalated to HardFault" : "nothing");
  }
  exit(0);
}
