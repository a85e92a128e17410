// SPDX-License-Identifier: GPL-2.0-or-later
// A fault inside the HardFault handler: the core locks up, and the simulator says so.
#include "fault_handlers.h"

extern "C" void HardFault_Handler() {
  (void)*reinterpret_cast<volatile uint32_t*>(0x30000004);  // faults again at priority -1
  _Exit(0x44);
}

int main() {
  __asm volatile("udf #0");
  return 0;
}
