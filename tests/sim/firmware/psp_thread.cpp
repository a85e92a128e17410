// SPDX-License-Identifier: GPL-2.0-or-later
// Thread mode on the process stack (CONTROL.SPSEL = 1), as an RTOS runs its threads: interrupts
// must stack the frame on PSP, run the handler on MSP with SPSEL = 0, and return to PSP with the
// thread's registers intact. Prints what it saw; tests/sim/test_machine.cpp checks the trace.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nvic_access.h"
#include "special_registers.h"

namespace {
alignas(8) uint32_t process_stack[512];
volatile uint32_t handler_runs = 0, handler_on_msp = 0, handler_spsel_clear = 0, frames_on_psp = 0;
volatile uint32_t rounds = 20000;

bool on_process_stack(uint32_t sp) {
  return sp >= reinterpret_cast<uint32_t>(process_stack) && sp <= reinterpret_cast<uint32_t>(process_stack + 512);
}

__attribute__((noinline)) uint32_t compute() {
  uint32_t h = 2166136261u, a = 1, b = 0;
  for (uint32_t i = 0; i < rounds; ++i) {
    h = (h ^ i) * 16777619u;
    a += h >> 3;
    b ^= a + (h < a ? 1u : 0u);
  }
  return h ^ a ^ b;
}
}  // namespace

extern "C" void SysTick_Handler() {
  handler_runs = handler_runs + 1;
  uint32_t psp;
  __asm volatile("mrs %0, psp" : "=r"(psp));
  if (!on_process_stack(sp_now())) handler_on_msp = handler_on_msp + 1;
  if (!(control_now() & 2)) handler_spsel_clear = handler_spsel_clear + 1;
  if (on_process_stack(psp)) frames_on_psp = frames_on_psp + 1;
}

int main() {
  uint32_t quiet = compute();
  uint32_t top = reinterpret_cast<uint32_t>(process_stack + 512);
  __asm volatile("msr psp, %0\n\tmsr control, %1\n\tisb" ::"r"(top), "r"(2u) : "memory");
  bool thread_on_psp = on_process_stack(sp_now());
  scs(board::scs::SYST_RVR) = 49;
  scs(board::scs::SYST_CVR) = 0;
  scs(board::scs::SYST_CSR) = 0x7;
  uint32_t busy = compute();
  scs(board::scs::SYST_CSR) = 0;
  bool still_on_psp = on_process_stack(sp_now()) && (control_now() & 2);
  uint32_t runs = handler_runs;
  printf("psp: thread %s, %s, result %s, handlers %s, frames %s, %s\n", thread_on_psp ? "on PSP" : "NOT on PSP",
         still_on_psp ? "still on PSP" : "LOST PSP", quiet == busy ? "same" : "CORRUPTED",
         handler_on_msp == runs && handler_spsel_clear == runs ? "on MSP with SPSEL 0" : "WRONG STACK",
         frames_on_psp == runs ? "on PSP" : "NOT on PSP", runs > 1000 ? "many interrupts" : "too few interrupts");
  exit(0);  // not return: main's own frame is on the main stack it left
}
