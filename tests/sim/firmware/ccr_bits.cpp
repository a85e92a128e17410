// SPDX-License-Identifier: GPL-2.0-or-later
// CCR (ARMv7-M B3.2.8): the configuration bits read back what was written -- NONBASETHRDENA (0),
// USERSETMPEND (1), UNALIGN_TRP (3), DIV_0_TRP (4), BFHFNMIGN (8) -- and all of them are 0 at reset;
// STKALIGN (9) reads 1: 8-byte stack alignment on exception entry (its reset value is
// IMPLEMENTATION DEFINED; 1 on the Cortex-M4 and on the Cortex-M3 from r2p0, and whether it is
// writable is IMPLEMENTATION DEFINED too, so the rule never writes it 0). Reserved bits are
// UNK/SBZP, so the trace masks them out.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nvic_access.h"

namespace {
constexpr uint32_t kDefined = 0x31B, kStkAlign = 1u << 9;
unsigned long ccr() { return scs(board::scs::CCR) & kDefined; }
}  // namespace

int main() {
  printf("reset: CCR 0x%03lX\n", ccr());
  // Traps on: nothing between the write and the read may divide or access unaligned (no printf).
  scs(board::scs::CCR) = kStkAlign | 0x11B;
  unsigned long all = ccr();
  scs(board::scs::CCR) = kStkAlign | (1u << 1) | (1u << 4);
  unsigned long some = ccr();
  scs(board::scs::CCR) = kStkAlign;
  printf("written 0x31B: reads 0x%03lX; 0x212: 0x%03lX; 0x200: 0x%03lX\n", all, some, ccr());
  exit(0);
}
