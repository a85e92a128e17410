// SPDX-License-Identifier: GPL-2.0-or-later
// What exception entry and return leave in the special registers (ARMv7-M B1.5.6, B1.5.8, B3.3):
// - an exception return clears FAULTMASK (every return except NMI's), so a handler that sets it does
//   not leave the thread with every interrupt masked;
// - entry from unprivileged Thread mode on the process stack runs the handler on MSP with CONTROL
//   reading SPSEL = 0 (nPRIV untouched), and the return gives the thread back PSP and nPRIV;
// - SysTick's current value runs RVR .. 0: it never reads above RVR, not even right after a reload.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nvic_access.h"
#include "special_registers.h"

namespace {
alignas(8) uint32_t process_stack[256];
volatile uint32_t svc_control = 0xFFFFFFFF, svc_on_msp = 0;
volatile bool svc_sets_faultmask = false, svc_drops_npriv = false;

bool on_process_stack(uint32_t sp) {
  return sp >= reinterpret_cast<uint32_t>(process_stack) && sp <= reinterpret_cast<uint32_t>(process_stack + 256);
}
}  // namespace

extern "C" void SVC_Handler() {
  svc_control = control_now();
  svc_on_msp = !on_process_stack(sp_now());
  if (svc_sets_faultmask) __asm volatile("cpsid f" ::: "memory");
  if (svc_drops_npriv) __asm volatile("msr control, %0\n\tisb" ::"r"(control_now() & ~1u) : "memory");
}

int main() {
  // FAULTMASK set by a handler is gone when it returns.
  svc_sets_faultmask = true;
  __asm volatile("svc #0" ::: "memory");
  svc_sets_faultmask = false;
  printf("faultmask after a handler set it: %lu\n", static_cast<unsigned long>(faultmask_now()));

  // Unprivileged thread on PSP: the handler sees SPSEL 0 and nPRIV 1, on MSP.
  uint32_t top = reinterpret_cast<uint32_t>(process_stack + 256);
  __asm volatile("msr psp, %0\n\tmsr control, %1\n\tisb" ::"r"(top), "r"(3u) : "memory");
  __asm volatile("svc #0" ::: "memory");
  uint32_t thread_control = control_now();
  bool thread_on_psp = on_process_stack(sp_now());
  uint32_t handler_control = svc_control, handler_on_msp = svc_on_msp;
  svc_drops_npriv = true;  // privileged again (only a handler may clear nPRIV), still on PSP
  __asm volatile("svc #0" ::: "memory");
  svc_drops_npriv = false;
  uint32_t privileged_control = control_now();
  __asm volatile("msr control, %0\n\tisb" ::"r"(0u) : "memory");  // back to MSP
  // Printed only now: QEMU's semihosting (its console) refuses unprivileged callers.
  printf("unprivileged on PSP: handler CONTROL.SPSEL %lu nPRIV %lu, %s; back in thread CONTROL %lu, %s\n",
         static_cast<unsigned long>((handler_control >> 1) & 1), static_cast<unsigned long>(handler_control & 1),
         handler_on_msp ? "on MSP" : "NOT on MSP", static_cast<unsigned long>(thread_control & 3),
         thread_on_psp ? "on PSP" : "NOT on PSP");
  printf("privileged again: CONTROL %lu\n", static_cast<unsigned long>(privileged_control & 3));

  // SysTick: RVR .. 0, whatever the moment of the read.
  constexpr uint32_t kReload = 40;
  scs(board::scs::SYST_RVR) = kReload;
  scs(board::scs::SYST_CVR) = 0;
  scs(board::scs::SYST_CSR) = 0x5;  // enabled, processor clock, no interrupt
  uint32_t highest = scs(board::scs::SYST_CVR), wraps = 0;
  for (int i = 0; i < 2000; ++i) {
    uint32_t v = scs(board::scs::SYST_CVR);
    if (v > highest) highest = v;
    if (scs(board::scs::SYST_CSR) & (1u << 16)) ++wraps;  // COUNTFLAG, cleared by the read
  }
  scs(board::scs::SYST_CSR) = 0;
  printf("systick: current value %s RVR, %s\n", highest <= kReload ? "never above" : "ABOVE",
         wraps > 10 ? "it wrapped many times" : "it hardly wrapped");
  exit(0);
}
