// SPDX-License-Identifier: GPL-2.0-or-later
// A bus fault with BusFault disabled escalates to HardFault (HFSR.FORCED) with CFSR.PRECISERR,
// CFSR.BFARVALID and BFAR set; the firmware's HardFault handler reads them, as on hardware.
#include "fault_handlers.h"

extern "C" void HardFault_Handler() {
  report_fault_status("HardFault");
  _Exit(0x42);
}

__attribute__((noinline)) uint32_t read_nowhere() { return *reinterpret_cast<volatile uint32_t*>(0x30000000); }

int main() { return static_cast<int>(read_nowhere()); }
