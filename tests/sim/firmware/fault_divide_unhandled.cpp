// SPDX-License-Identifier: GPL-2.0-or-later
// A division by zero with CCR.DIV_0_TRP set and no fault handler: the simulator's report names the
// fault and the function.
#include "nvic_access.h"

volatile uint32_t zero = 0;

__attribute__((noinline)) uint32_t share(uint32_t total) { return total / zero; }

int main() {
  scs(board::scs::CCR) = scs(board::scs::CCR) | (1u << 4);  // DIV_0_TRP
  return static_cast<int>(share(7));
}
