// SPDX-License-Identifier: GPL-2.0-or-later
// The integrity checks of an exception return (ARMv7-M B1.5.8, ExceptionReturn()): each of these
// returns raises a UsageFault INVPC instead, taken on the current frame -- nothing is unstacked,
// the handler is entered with LR holding the offending EXC_RETURN, and the exception that tried to
// return is no longer active:
//   - a reserved EXC_RETURN (0xFFFFFFF5),
//   - a return to Thread mode while another exception is still active (CCR.NONBASETHRDENA clear),
//   - a return to Handler mode with no other exception active,
//   - a return from an exception that is no longer active (its SHCSR active bit cleared).
// The UsageFault handler then returns with the EXC_RETURN that fits, and the code after the SVC runs.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nvic_access.h"

extern "C" {
volatile uint32_t svc_exc_return = 0;  // what the SVC handler returns with (0: its own LR)
volatile bool svc_clears_active = false;
volatile uint32_t fault_lr = 0, fault_cfsr = 0, fault_shcsr = 0, fault_stacked_pc = 0, faults = 0;
volatile uint32_t fix_exc_return = 0;  // what the UsageFault handler returns with
extern const uint16_t after_svc_thread[], after_svc_irq[];

__attribute__((used)) uint32_t svc_body() {
  if (svc_clears_active) scs(board::scs::SHCSR) = scs(board::scs::SHCSR) & ~(1u << 7);  // SVCALLACT
  return svc_exc_return;
}
__attribute__((naked)) void SVC_Handler() {
  __asm volatile(
      "push {r4, lr}\n\t"
      "bl svc_body\n\t"
      "pop {r4, lr}\n\t"
      "cmp r0, #0\n\t"
      "it ne\n\t"
      "movne lr, r0\n\t"
      "bx lr\n\t");
}

__attribute__((used)) uint32_t usage_fault(uint32_t lr, const uint32_t* frame) {
  fault_lr = lr;
  fault_cfsr = scs(board::scs::CFSR);
  scs(board::scs::CFSR) = fault_cfsr;
  fault_shcsr = scs(board::scs::SHCSR);
  fault_stacked_pc = frame[6];
  faults = faults + 1;
  return fix_exc_return;
}
__attribute__((naked)) void UsageFault_Handler() {
  __asm volatile(
      "mov r0, lr\n\t"
      "mrs r1, msp\n\t"
      "push {r4, lr}\n\t"
      "bl usage_fault\n\t"
      "pop {r4, lr}\n\t"
      "bx r0\n\t");
}

void IRQ9_Handler() {
  __asm volatile(
      "svc #0\n\t"
      ".global after_svc_irq\n"
      "after_svc_irq: nop" ::: "memory");
}
}

namespace {
__attribute__((noinline)) void svc_from_thread() {
  __asm volatile(
      "svc #0\n\t"
      ".global after_svc_thread\n"
      "after_svc_thread: nop" ::: "memory");
}

void report(const char* what, const uint16_t* resume_at) {
  printf("%s: %lu fault, CFSR.INVPC %lu, LR 0x%08lX, SVCALLACT %lu, frame %s\n", what,
         static_cast<unsigned long>(faults), static_cast<unsigned long>((fault_cfsr >> 18) & 1),
         static_cast<unsigned long>(fault_lr), static_cast<unsigned long>((fault_shcsr >> 7) & 1),
         fault_stacked_pc == reinterpret_cast<uint32_t>(resume_at) ? "the SVC's caller's" : "WRONG");
  faults = 0;
  fault_lr = 0;
  fault_cfsr = 0;
  fault_shcsr = 0;
  fault_stacked_pc = 0;
}
}  // namespace

int main() {
  scs(board::scs::SHCSR) = 1u << 18;  // USGFAULTENA

  svc_exc_return = 0xFFFFFFF5;  // reserved
  fix_exc_return = 0xFFFFFFF9;
  svc_from_thread();
  report("reserved EXC_RETURN", after_svc_thread);

  svc_exc_return = 0xFFFFFFF1;  // to Handler mode, from the only active exception
  svc_from_thread();
  report("to Handler mode with nothing else active", after_svc_thread);

  svc_exc_return = 0;
  svc_clears_active = true;  // from an exception no longer active
  svc_from_thread();
  svc_clears_active = false;
  report("from an exception no longer active", after_svc_thread);

  // To Thread mode from an SVC taken inside IRQ9's handler: IRQ9 is still active.
  svc_exc_return = 0xFFFFFFF9;
  fix_exc_return = 0xFFFFFFF1;  // back into IRQ9's handler, which then returns to the thread
  irq_priority(9, 0x80);
  irq_enable(9);
  irq_pend(9);
  __asm volatile("dsb\n\tisb" ::: "memory");
  report("to Thread mode with IRQ9 still active", after_svc_irq);

  svc_exc_return = 0;
  svc_from_thread();
  printf("a valid return: %lu faults\n", static_cast<unsigned long>(faults));
  exit(0);
}
