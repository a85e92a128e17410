// SPDX-License-Identifier: GPL-2.0-or-later
// The fault status registers are write-one-to-clear (ARMv7-M B3.2.15 CFSR, B3.2.16 HFSR), and a
// precise data BusFault records its address (BFAR, valid while CFSR.BFARVALID is set):
// - a load from where nothing answers, BusFault enabled: CFSR = PRECISERR | BFARVALID, BFAR the
//   address, HFSR untouched;
// - writing 0, or 1 to a bit that is clear, changes nothing; writing 1 clears that bit only;
// - CFSR's parts are byte and halfword registers of their own (MMFSR 0xE000ED28, BFSR ...29 and
//   UFSR ...2A): a byte write to BFSR clears BusFault bits, a halfword write to UFSR UsageFault ones;
// - an undefined instruction with UsageFault disabled escalates: HFSR.FORCED with CFSR.UNDEFINSTR;
//   HFSR.FORCED clears by writing 1 to it.
// The handlers record nothing and clear nothing: the thread reads the registers after each fault.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nvic_access.h"

extern "C" {
volatile uint32_t bus_faults = 0, hard_faults = 0;

__attribute__((used)) void bus_fault(uint32_t* frame) {
  frame[6] += 4;  // the 32-bit load below
  bus_faults = bus_faults + 1;
}
__attribute__((used)) void hard_fault(uint32_t* frame) {
  frame[6] += 2;  // the 16-bit UDF below
  hard_faults = hard_faults + 1;
}
__attribute__((naked)) void BusFault_Handler() { __asm volatile("mrs r0, msp\n\tb bus_fault\n\t"); }
__attribute__((naked)) void HardFault_Handler() { __asm volatile("mrs r0, msp\n\tb hard_fault\n\t"); }
}

namespace {
constexpr uint32_t kNowhere = 0x30000000;
constexpr uint32_t kBfsr = board::scs::CFSR + 1, kUfsr = board::scs::CFSR + 2;

unsigned long cfsr() { return scs(board::scs::CFSR); }
unsigned long hfsr() { return scs(board::scs::HFSR); }
volatile uint8_t& byte_at(uint32_t offset) { return *reinterpret_cast<volatile uint8_t*>(board::kScsBase + offset); }
volatile uint16_t& half_at(uint32_t offset) { return *reinterpret_cast<volatile uint16_t*>(board::kScsBase + offset); }

__attribute__((noinline)) uint32_t load_from(uint32_t address) {
  uint32_t r = 0;
  __asm volatile("ldr.w %0, [%1]" : "+r"(r) : "r"(address) : "memory");
  return r;
}
}  // namespace

int main() {
  printf("reset: CFSR 0x%08lX HFSR 0x%08lX\n", cfsr(), hfsr());

  scs(board::scs::SHCSR) = 1u << 17;  // BUSFAULTENA
  load_from(kNowhere);
  printf("bus fault (%lu): CFSR 0x%08lX HFSR 0x%08lX BFAR 0x%08lX\n", static_cast<unsigned long>(bus_faults), cfsr(),
         hfsr(), static_cast<unsigned long>(scs(board::scs::BFAR)));
  scs(board::scs::CFSR) = 0;
  unsigned long after_zero = cfsr();
  scs(board::scs::CFSR) = 1u << 8;  // IBUSERR, which is clear
  printf("CFSR written 0: 0x%08lX; written IBUSERR (clear): 0x%08lX\n", after_zero, cfsr());
  byte_at(kBfsr) = 0x02;  // PRECISERR
  unsigned long after_precise = cfsr();
  byte_at(kBfsr) = 0x80;  // BFARVALID
  printf("BFSR byte written 0x02: CFSR 0x%08lX; then 0x80: CFSR 0x%08lX\n", after_precise, cfsr());

  load_from(kNowhere);
  scs(board::scs::CFSR) = 1u << 15;  // a word write clears BFARVALID alone
  unsigned long word_bfarvalid = cfsr();
  scs(board::scs::CFSR) = 1u << 9;
  printf("second bus fault, CFSR word-written BFARVALID: 0x%08lX; then PRECISERR: 0x%08lX\n", word_bfarvalid, cfsr());

  scs(board::scs::SHCSR) = 0;  // UsageFault disabled: the UDF escalates
  __asm volatile("udf #0" ::: "memory");
  printf("udf escalated (%lu): CFSR 0x%08lX HFSR 0x%08lX\n", static_cast<unsigned long>(hard_faults), cfsr(), hfsr());
  scs(board::scs::HFSR) = 0;
  unsigned long hfsr_zero = hfsr();
  scs(board::scs::HFSR) = 1u << 30;
  printf("HFSR written 0: 0x%08lX; written FORCED: 0x%08lX\n", hfsr_zero, hfsr());
  half_at(kUfsr) = 0x0001;  // UNDEFINSTR
  printf("UFSR halfword written 0x0001: CFSR 0x%08lX\n", cfsr());
  exit(0);
}
