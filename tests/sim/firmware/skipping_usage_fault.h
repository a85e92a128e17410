// SPDX-License-Identifier: GPL-2.0-or-later
// A UsageFault handler for test firmware that provokes faults on purpose: it records CFSR (then
// clears it) and the stacked PC, counts the fault, and resumes after the faulting instruction,
// which must be 32 bits wide. Include it in one source file of an image.
#pragma once
#include <stdint.h>

#include "nvic_access.h"

extern "C" {
volatile uint32_t fault_cfsr = 0, fault_pc = 0, faults = 0;

__attribute__((used)) void usage_fault(uint32_t* frame) {
  fault_cfsr = scs(board::scs::CFSR);
  scs(board::scs::CFSR) = fault_cfsr;  // write-one-to-clear
  fault_pc = frame[6];
  frame[6] += 4;
  faults = faults + 1;
}
__attribute__((naked)) void UsageFault_Handler() { __asm volatile("mrs r0, msp\n\tb usage_fault\n\t"); }
}
