// SPDX-License-Identifier: GPL-2.0-or-later
// Unprivileged access to the System Control Space (ARMv7-M B3.2.1, B3.4.1, B3.1: the PPB is
// privileged-only): loads and stores from unprivileged Thread mode are precise BusFaults
// (PRECISERR, BFARVALID, BFAR the address), the load's destination untouched and the store not
// done -- except a write to STIR while CCR.USERSETMPEND is set, which pends its interrupt. The
// same code privileged just works. (Results are printed once privileged again: QEMU's
// semihosting refuses unprivileged callers.)
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nvic_access.h"
#include "special_registers.h"

extern "C" {
volatile uint32_t fault_cfsr = 0, fault_bfar = 0, faults = 0, irq_runs = 0;

__attribute__((used)) void bus_fault(uint32_t* frame) {
  fault_cfsr = scs(board::scs::CFSR);
  scs(board::scs::CFSR) = fault_cfsr;
  fault_bfar = scs(board::scs::BFAR);
  frame[6] += 4;  // the 32-bit load or store
  faults = faults + 1;
}
__attribute__((naked)) void BusFault_Handler() { __asm volatile("mrs r0, msp\n\tb bus_fault\n\t"); }
void SVC_Handler() { __asm volatile("msr control, %0\n\tisb" ::"r"(control_now() & ~1u) : "memory"); }
void IRQ7_Handler() { irq_runs = irq_runs + 1; }
}

namespace {
struct Outcome {
  uint32_t faults, cfsr, bfar, value;
};

Outcome load(uint32_t address) {
  faults = 0;
  fault_cfsr = 0;
  fault_bfar = 0;
  uint32_t value = 0x5A5A5A5A;
  __asm volatile("ldr.w %0, [%1]" : "+r"(value) : "r"(address) : "memory");
  return {faults, fault_cfsr, fault_bfar, value};
}
Outcome store(uint32_t address, uint32_t value) {
  faults = 0;
  fault_cfsr = 0;
  fault_bfar = 0;
  __asm volatile("str.w %0, [%1]" ::"r"(value), "r"(address) : "memory");
  return {faults, fault_cfsr, fault_bfar, 0};
}
void unprivileged() { __asm volatile("msr control, %0\n\tisb" ::"r"(1u) : "memory"); }
void privileged() { __asm volatile("svc #0" ::: "memory"); }

void report(const char* what, const Outcome& o, uint32_t address) {
  printf("%s: %lu fault, PRECISERR %lu BFARVALID %lu, BFAR %s\n", what, static_cast<unsigned long>(o.faults),
         static_cast<unsigned long>((o.cfsr >> 9) & 1), static_cast<unsigned long>((o.cfsr >> 15) & 1),
         o.bfar == address ? "the address" : "WRONG");
}
}  // namespace

int main() {
  scs(board::scs::SHCSR) = 1u << 17;  // BUSFAULTENA
  const uint32_t icsr = board::kScsBase + board::scs::ICSR, shpr3 = board::kScsBase + board::scs::SHPR3;
  const uint32_t stir = board::kScsBase + board::scs::STIR;
  irq_enable(7);

  Outcome privileged_load = load(icsr);
  unprivileged();
  Outcome icsr_load = load(icsr);
  Outcome shpr3_store = store(shpr3, 0xC0u << 16);
  Outcome stir_store = store(stir, 7);
  privileged();
  uint32_t shpr3_after = scs(board::scs::SHPR3), irq_runs_after_refused = irq_runs;
  scs(board::scs::CCR) = scs(board::scs::CCR) | (1u << 1);  // USERSETMPEND
  unprivileged();
  Outcome stir_allowed = store(stir, 7);
  __asm volatile("dsb\n\tisb" ::: "memory");
  privileged();

  printf("privileged LDR of ICSR: %lu faults\n", static_cast<unsigned long>(privileged_load.faults));
  report("unprivileged LDR of ICSR", icsr_load, icsr);
  printf("  its destination register %s\n", icsr_load.value == 0x5A5A5A5A ? "untouched" : "WRITTEN");
  report("unprivileged STR to SHPR3", shpr3_store, shpr3);
  printf("  SHPR3 %s\n", shpr3_after == 0 ? "unchanged" : "WRITTEN");
  report("unprivileged STR to STIR, USERSETMPEND clear", stir_store, stir);
  printf("  interrupt 7 ran %lu times\n", static_cast<unsigned long>(irq_runs_after_refused));
  printf("unprivileged STR to STIR, USERSETMPEND set: %lu faults, interrupt 7 ran %lu times\n",
         static_cast<unsigned long>(stir_allowed.faults), static_cast<unsigned long>(irq_runs));
  exit(0);
}
