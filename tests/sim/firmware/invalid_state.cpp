// SPDX-License-Identifier: GPL-2.0-or-later
// Thumb state (ARMv7-M B1.4.2, B1.5.6): a Cortex-M runs Thumb code only, and EPSR.T = 0 makes the
// next instruction raise a UsageFault INVSTATE -- it is not an undefined instruction:
//   - an exception whose vector has bit 0 clear enters its handler with EPSR.T = 0, so the handler's
//     first instruction faults: the stacked PC is the handler's address, the stacked xPSR has T = 0;
//   - BLX (and BX) to an even address does the same at the branch target.
// The UsageFault handler puts the T bit back and resumes where the test says.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nvic_access.h"

extern "C" {
volatile uint32_t fault_cfsr = 0, fault_pc = 0, fault_xpsr = 0, faults = 0, resume_to = 0;
volatile uint32_t recovered = 0;

__attribute__((used)) void usage_fault(uint32_t* frame) {
  fault_cfsr = scs(board::scs::CFSR);
  scs(board::scs::CFSR) = fault_cfsr;
  fault_pc = frame[6];
  fault_xpsr = frame[7];
  frame[6] = resume_to ? resume_to : frame[5] & ~1u;  // where to go on: given, or the stacked LR
  frame[7] |= 1u << 24;                               // Thumb state again
  faults = faults + 1;
}
__attribute__((naked)) void UsageFault_Handler() { __asm volatile("mrs r0, msp\n\tb usage_fault\n\t"); }

// Runs as the SVC handler once the UsageFault handler has resumed there in Thumb state.
__attribute__((noinline, used)) void svc_recovered() { recovered = recovered + 1; }
__attribute__((noinline, used)) void branch_target() { recovered = recovered + 100; }
}

namespace {
alignas(256) uint32_t ram_vectors[64];

void report(const char* what, uint32_t expected_pc) {
  printf("%s: %lu fault, CFSR.INVSTATE %lu UNDEFINSTR %lu, stacked PC %s, stacked xPSR.T %lu\n", what,
         static_cast<unsigned long>(faults), static_cast<unsigned long>((fault_cfsr >> 17) & 1),
         static_cast<unsigned long>((fault_cfsr >> 16) & 1), fault_pc == expected_pc ? "the target" : "WRONG",
         static_cast<unsigned long>((fault_xpsr >> 24) & 1));
  faults = 0;
  fault_cfsr = 0;
  fault_pc = 0;
  fault_xpsr = 0;
}
}  // namespace

int main() {
  scs(board::scs::SHCSR) = 1u << 18;  // USGFAULTENA
  scs(board::scs::SHPR2) = 0x80u << 24;  // SVCall below UsageFault, which must preempt its handler
  const uint32_t* vectors = reinterpret_cast<const uint32_t*>(scs(board::scs::VTOR));
  for (int i = 0; i < 64; ++i) ram_vectors[i] = vectors[i];
  uint32_t handler = reinterpret_cast<uint32_t>(&svc_recovered) & ~1u;
  ram_vectors[11] = handler;  // SVCall's vector without the Thumb bit
  scs(board::scs::VTOR) = reinterpret_cast<uint32_t>(ram_vectors);
  __asm volatile("dsb\n\tisb" ::: "memory");

  resume_to = handler;  // the handler, in Thumb state this time
  __asm volatile("svc #0" ::: "memory");
  report("vector without the Thumb bit", handler);
  printf("the handler then ran: %lu\n", static_cast<unsigned long>(recovered));

  resume_to = 0;  // back after the BLX
  recovered = 0;
  uint32_t target = reinterpret_cast<uint32_t>(&branch_target) & ~1u;
  __asm volatile("blx %0" ::"r"(target) : "r0", "r1", "r2", "r3", "r12", "lr", "cc", "memory");
  report("BLX to an even address", target);
  printf("the target did not run: %lu\n", static_cast<unsigned long>(recovered));
  exit(0);
}
