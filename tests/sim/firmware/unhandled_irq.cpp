// SPDX-License-Identifier: GPL-2.0-or-later
// Enables and pends an interrupt line that has no handler: the startup code's Default_Handler tells
// the simulator, which reports it instead of spinning until the time limit.
#include "nvic_access.h"

int main() {
  irq_enable(9);
  irq_pend(9);
  for (;;) __asm volatile("wfi");
}
