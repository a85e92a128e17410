// SPDX-License-Identifier: GPL-2.0-or-later
// Instruction fetch faults (ARMv7-M B3.1 and B3.5.1, the default memory map): 0xE0000000 and above
// is Execute Never, so a branch there raises a MemManage fault with MMFSR.IACCVIOL (MMARVALID stays
// clear: MMFAR is not written for a fetch), escalated to HardFault (FORCED) while MemManage is
// disabled. A fetch from an address where nothing answers is a BusFault with BFSR.IBUSERR (BFARVALID
// clear). Either way the stacked PC is the address that could not be fetched; these handlers
// resume at the stacked LR, after the branch. A branch to an EXC_RETURN value from Thread mode is
// one of these fetches: only Handler mode gives those values their meaning.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nvic_access.h"

extern "C" {
volatile uint32_t fault_cfsr = 0, fault_hfsr = 0, fault_pc = 0, faults = 0;
const char* volatile fault_handler = "none";

__attribute__((used)) void fetch_fault(uint32_t* frame, const char* handler) {
  fault_cfsr = scs(board::scs::CFSR);
  scs(board::scs::CFSR) = fault_cfsr;
  fault_hfsr = scs(board::scs::HFSR);
  scs(board::scs::HFSR) = fault_hfsr;
  fault_pc = frame[6];
  fault_handler = handler;
  frame[6] = frame[5] & ~1u;  // back to where the branch came from
  faults = faults + 1;
}
__attribute__((used)) extern const char mem_manage_name[] = "MemManage", bus_fault_name[] = "BusFault",
                                          hard_fault_name[] = "HardFault";
__attribute__((naked)) void MemManage_Handler() {
  __asm volatile("mrs r0, msp\n\tldr r1, =mem_manage_name\n\tb fetch_fault\n\t");
}
__attribute__((naked)) void BusFault_Handler() {
  __asm volatile("mrs r0, msp\n\tldr r1, =bus_fault_name\n\tb fetch_fault\n\t");
}
__attribute__((naked)) void HardFault_Handler() {
  __asm volatile("mrs r0, msp\n\tldr r1, =hard_fault_name\n\tb fetch_fault\n\t");
}
}

namespace {
void branch_to(uint32_t address) {
  __asm volatile("blx %0" ::"r"(address | 1) : "r0", "r1", "r2", "r3", "r12", "lr", "cc", "memory");
}

void report(const char* what, uint32_t address) {
  printf("%s: %lu fault, %s, IACCVIOL %lu MMARVALID %lu IBUSERR %lu BFARVALID %lu FORCED %lu, stacked PC %s\n", what,
         static_cast<unsigned long>(faults), fault_handler, static_cast<unsigned long>(fault_cfsr & 1),
         static_cast<unsigned long>((fault_cfsr >> 7) & 1), static_cast<unsigned long>((fault_cfsr >> 8) & 1),
         static_cast<unsigned long>((fault_cfsr >> 15) & 1), static_cast<unsigned long>((fault_hfsr >> 30) & 1),
         fault_pc == address ? "the address" : "WRONG");
  faults = 0;
  fault_cfsr = 0;
  fault_hfsr = 0;
  fault_pc = 0;
  fault_handler = "none";
}
}  // namespace

int main() {
  constexpr uint32_t kExecuteNever = 0xE0000100;  // the PPB: XN in the default memory map
  constexpr uint32_t kNothing = 0x70000000;       // external RAM region (executable): nothing there on the board or MPS2
  branch_to(kExecuteNever);
  report("fetch from XN, MemManage disabled", kExecuteNever);
  scs(board::scs::SHCSR) = (1u << 16) | (1u << 17);  // MEMFAULTENA, BUSFAULTENA
  branch_to(kExecuteNever);
  report("fetch from XN, MemManage enabled", kExecuteNever);
  branch_to(kNothing);
  report("fetch from nothing, BusFault enabled", kNothing);
  branch_to(0xFFFFFFF8);  // an EXC_RETURN value, but in Thread mode just an address (B1.5.8)
  report("branch to EXC_RETURN 0xFFFFFFF9 in Thread mode", 0xFFFFFFF8);
  scs(board::scs::SHCSR) = 0;
  branch_to(kNothing);
  report("fetch from nothing, BusFault disabled", kNothing);
  exit(0);
}
