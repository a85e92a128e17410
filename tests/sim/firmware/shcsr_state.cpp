// SPDX-License-Identifier: GPL-2.0-or-later
// SHCSR's active and pended bits are the system handlers' state (ARMv7-M B3.2.13): SVCALLACT reads
// 1 inside the SVC handler and writing it changes it; SVCALLPENDED written pends SVCall, taken once
// PRIMASK allows; USGFAULTPENDED written and cleared pends and un-pends UsageFault.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nvic_access.h"

namespace {
constexpr uint32_t kSvcAct = 1u << 7, kUsgPended = 1u << 12, kSvcPended = 1u << 15;
constexpr uint32_t kStateBits = 0xFFFF;  // below the enables
volatile uint32_t in_handler = 0, after_clear = 0, after_set = 0, svc_runs = 0;
volatile bool toggle_active = false;

uint32_t shcsr() { return scs(board::scs::SHCSR); }
}  // namespace

extern "C" void SVC_Handler() {
  svc_runs = svc_runs + 1;
  if (!toggle_active) return;
  in_handler = shcsr() & kSvcAct;
  scs(board::scs::SHCSR) = shcsr() & ~kSvcAct;
  after_clear = shcsr() & kSvcAct;
  scs(board::scs::SHCSR) = shcsr() | kSvcAct;  // active again: the return needs it
  after_set = shcsr() & kSvcAct;
}

int main() {
  printf("thread: SHCSR state bits 0x%04lX\n", static_cast<unsigned long>(shcsr() & kStateBits));

  toggle_active = true;
  __asm volatile("svc #0" ::: "memory");
  toggle_active = false;
  printf("svc handler: SVCALLACT %lu; cleared, it reads %lu; set again, %lu\n",
         static_cast<unsigned long>(in_handler >> 7), static_cast<unsigned long>(after_clear >> 7),
         static_cast<unsigned long>(after_set >> 7));

  uint32_t runs = svc_runs;
  __asm volatile("cpsid i" ::: "memory");
  scs(board::scs::SHCSR) = shcsr() | kSvcPended;
  uint32_t pended = (shcsr() & kSvcPended) ? 1 : 0;
  uint32_t ran_masked = svc_runs - runs;
  __asm volatile("cpsie i\n\tisb" ::: "memory");
  printf("SVCALLPENDED written under PRIMASK: reads %lu, ran %lu times masked, %lu after cpsie, then reads %lu\n",
         static_cast<unsigned long>(pended), static_cast<unsigned long>(ran_masked),
         static_cast<unsigned long>(svc_runs - runs - ran_masked), static_cast<unsigned long>((shcsr() >> 15) & 1));

  __asm volatile("cpsid i" ::: "memory");
  scs(board::scs::SHCSR) = shcsr() | kUsgPended;
  uint32_t usage_pended = (shcsr() & kUsgPended) ? 1 : 0;
  scs(board::scs::SHCSR) = shcsr() & ~kUsgPended;
  uint32_t usage_cleared = (shcsr() & kUsgPended) ? 1 : 0;
  __asm volatile("cpsie i\n\tisb" ::: "memory");
  printf("USGFAULTPENDED written: reads %lu; cleared: reads %lu; no UsageFault taken\n",
         static_cast<unsigned long>(usage_pended), static_cast<unsigned long>(usage_cleared));
  exit(0);
}
