// The UsageFaults a program opts into, and the one it cannot avoid: with CCR.DIV_0_TRP an integer
// division by zero faults (DIVBYZERO) instead of giving 0; with CCR.UNALIGN_TRP an unaligned LDR
// faults (UNALIGNED) instead of working; an unaligned LDRD faults either way. Each fault must stop
// at the instruction (the stacked PC is its address): the handler checks that, then skips it.
#include <stdint.h>
#include <stdio.h>

#include "nvic_access.h"

extern "C" {
extern const char div_insn[], ldr_insn[], ldrd_insn[];  // the instructions under test, labelled below
volatile uint32_t fault_cfsr = 0, fault_pc = 0, faults = 0;

// Records the fault, then resumes after the faulting (32-bit) instruction.
__attribute__((used)) void usage_fault(uint32_t* frame) {
  fault_cfsr = scs(board::scs::CFSR);
  scs(board::scs::CFSR) = fault_cfsr;  // write-one-to-clear
  fault_pc = frame[6];
  frame[6] += 4;
  faults = faults + 1;
}
__attribute__((naked)) void UsageFault_Handler() {
  __asm volatile("mrs r0, msp\n\tb usage_fault\n\t");
}
}

namespace {
__attribute__((noinline)) uint32_t divide(uint32_t a, uint32_t b) {
  uint32_t r = 0xDEAD;
  __asm volatile(".global div_insn\ndiv_insn: udiv %0, %1, %2" : "+r"(r) : "r"(a), "r"(b));
  return r;
}
__attribute__((noinline)) uint32_t load(const void* p) {
  uint32_t r = 0xDEAD;
  __asm volatile(".global ldr_insn\nldr_insn: ldr.w %0, [%1]" : "+r"(r) : "r"(p) : "memory");
  return r;
}
__attribute__((noinline)) uint32_t load_double(const void* p) {
  uint32_t lo = 0xDEAD, hi = 0xDEAD;
  __asm volatile(".global ldrd_insn\nldrd_insn: ldrd %0, %1, [%2]" : "+r"(lo), "+r"(hi) : "r"(p) : "memory");
  return lo ^ hi;
}

alignas(8) const uint8_t bytes[16] = {0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
                                      0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F};

// What the last call did: its result, or the fault it took and whether that stopped at `insn`.
void report(const char* what, uint32_t result, const char* insn, uint32_t faults_before) {
  if (faults == faults_before) {
    printf("%s: no fault, result 0x%08lX\n", what, static_cast<unsigned long>(result));
  } else {
    printf("%s: UsageFault CFSR 0x%08lX, %s\n", what, static_cast<unsigned long>(fault_cfsr),
           fault_pc == (reinterpret_cast<uint32_t>(insn) & ~1u) ? "at the instruction" : "at the WRONG address");
  }
}
}  // namespace

int main() {
  scs(board::scs::SHCSR) = 1u << 18;  // USGFAULTENA: faults below go to UsageFault_Handler
  uint32_t n = faults;
  report("udiv by zero", divide(7, 0), div_insn, n);
  scs(board::scs::CCR) = scs(board::scs::CCR) | (1u << 4);  // DIV_0_TRP
  n = faults;
  report("udiv by zero, DIV_0_TRP", divide(7, 0), div_insn, n);
  n = faults;
  report("udiv by 2, DIV_0_TRP", divide(7, 2), div_insn, n);
  n = faults;
  report("unaligned ldr", load(bytes + 1), ldr_insn, n);
  scs(board::scs::CCR) = scs(board::scs::CCR) | (1u << 3);  // UNALIGN_TRP
  n = faults;
  report("unaligned ldr, UNALIGN_TRP", load(bytes + 1), ldr_insn, n);
  n = faults;
  report("aligned ldr, UNALIGN_TRP", load(bytes + 4), ldr_insn, n);
  scs(board::scs::CCR) = scs(board::scs::CCR) & ~(1u << 3);
  n = faults;
  report("unaligned ldrd", load_double(bytes + 2), ldrd_insn, n);
  return 0;
}
