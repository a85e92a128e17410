// SPDX-License-Identifier: GPL-2.0-or-later
// Priority registers (ARMv7-M B1.5.4, B3.2.10-12 SHPR1-3, B3.4 NVIC_IPRn): a priority is 8 bits of
// which an implementation keeps the top N (3 <= N <= 8); the low 8-N bits read as zero and ignore
// writes, the same N for every configurable exception. The registers are byte-accessible: a byte
// write changes that exception's priority and no other, and a word read shows the four. N itself
// is the implementation's (asyncboard 3, QEMU's Cortex-M3 more), so the trace prints what the rule
// says about it, not N.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nvic_access.h"

namespace {
volatile uint8_t& byte_at(uint32_t offset) { return *reinterpret_cast<volatile uint8_t*>(board::kScsBase + offset); }
volatile uint8_t& ipr(int line) { return byte_at(board::scs::NVIC_IPR + line); }
const char* yes(bool b) { return b ? "yes" : "NO"; }

// Top-N mask with 3 <= N <= 8.
bool is_priority_mask(uint8_t m) {
  for (int n = 3; n <= 8; ++n)
    if (m == static_cast<uint8_t>(0xFF << (8 - n))) return true;
  return false;
}

// The system handlers SHPR1-3 configure: MemManage, BusFault, UsageFault, SVCall, PendSV, SysTick
// (exception n's byte is at SHPR1 + n - 4).
constexpr int kSystemHandlers[] = {4, 5, 6, 11, 14, 15};
volatile uint8_t& shpr(int exception) { return byte_at(board::scs::SHPR1 + exception - 4); }
}  // namespace

int main() {
  ipr(10) = 0xFF;
  uint8_t implemented = ipr(10);
  printf("IPR byte 0xFF reads the top N bits, 3 <= N <= 8: %s\n", yes(is_priority_mask(implemented)));
  ipr(10) = 0xA5;
  printf("IPR byte 0xA5 reads 0xA5 with the low bits cleared: %s\n", yes(ipr(10) == (0xA5 & implemented)));

  bool same = true, masked = true;
  for (int e : kSystemHandlers) {
    shpr(e) = 0xFF;
    same = same && shpr(e) == implemented;
    shpr(e) = 0x5A;
    masked = masked && shpr(e) == (0x5A & implemented);
    shpr(e) = 0;
  }
  printf("SHPR bytes of MemManage, BusFault, UsageFault, SVCall, PendSV, SysTick: the same N bits %s, "
         "0x5A masked %s\n",
         yes(same), yes(masked));

  // Byte lanes: lines 8..11 share IPR2.
  scs(board::scs::NVIC_IPR + 8) = 0;
  ipr(10) = 0x80;
  uint32_t one = scs(board::scs::NVIC_IPR + 8);
  ipr(9) = 0x40;
  uint32_t two = scs(board::scs::NVIC_IPR + 8);
  printf("IPR2 after byte writes 0x80 to line 10, then 0x40 to line 9: 0x%08lX, 0x%08lX\n",
         static_cast<unsigned long>(one), static_cast<unsigned long>(two));
  scs(board::scs::NVIC_IPR + 8) = 0xFFFFFFFF;
  printf("IPR2 word 0xFFFFFFFF reads N bits in every byte: %s\n",
         yes(scs(board::scs::NVIC_IPR + 8) == implemented * 0x01010101u));
  scs(board::scs::NVIC_IPR + 8) = 0;

  // SHPR3 word: PendSV is byte 2, SysTick byte 3; byte 0 is DebugMonitor.
  scs(board::scs::SHPR3) = 0x40800000;
  printf("SHPR3 word 0x40800000: PendSV byte 0x%02X, SysTick byte 0x%02X\n", unsigned(shpr(14)), unsigned(shpr(15)));
  shpr(14) = 0xC0;
  printf("PendSV byte written 0xC0: SHPR3 0x%08lX\n", static_cast<unsigned long>(scs(board::scs::SHPR3)));
  scs(board::scs::SHPR3) = 0;
  exit(0);
}
