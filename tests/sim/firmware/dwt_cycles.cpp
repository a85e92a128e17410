// SPDX-License-Identifier: GPL-2.0-or-later
// The DWT cycle counter: off until DEMCR.TRCENA and CTRL.CYCCNTENA are set, then counting core
// cycles (one per instruction, plus the cycles slept in WFI). Prints what it measured.
#include <stdint.h>
#include <stdio.h>

#include "nvic_access.h"

namespace {
volatile uint32_t& dwt(uint32_t offset) { return *reinterpret_cast<volatile uint32_t*>(board::kDwtBase + offset); }
volatile uint32_t sink;
}  // namespace

int main() {
  uint32_t before_enable = dwt(board::dwt::CYCCNT);
  scs(board::scs::DEMCR) = 1u << 24;  // TRCENA
  dwt(board::dwt::CYCCNT) = 0;
  dwt(board::dwt::CTRL) = 1;           // CYCCNTENA
  uint32_t t0 = dwt(board::dwt::CYCCNT);
  for (int i = 0; i < 1000; ++i) sink = i;
  uint32_t t1 = dwt(board::dwt::CYCCNT);
  dwt(board::dwt::CTRL) = 0;
  uint32_t stopped = dwt(board::dwt::CYCCNT);
  for (int i = 0; i < 100; ++i) sink = i;
  printf("dwt: before enable %lu, loop %s, stopped %s\n", static_cast<unsigned long>(before_enable),
         t1 - t0 >= 3000 && t1 - t0 < 10000 ? "counted" : "WRONG", dwt(board::dwt::CYCCNT) == stopped ? "holds" : "MOVES");
  return 0;
}
