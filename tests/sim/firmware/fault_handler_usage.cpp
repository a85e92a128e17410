// SPDX-License-Identifier: GPL-2.0-or-later
// With UsageFault enabled in SHCSR, an undefined instruction enters UsageFault directly, with
// CFSR.UNDEFINSTR set and HFSR untouched.
#include "fault_handlers.h"

extern "C" void UsageFault_Handler() {
  report_fault_status("UsageFault");
  _Exit(0x43);
}

int main() {
  scs(board::scs::SHCSR) = 1u << 18;  // USGFAULTENA
  __asm volatile("udf #0");
  return 0;
}
