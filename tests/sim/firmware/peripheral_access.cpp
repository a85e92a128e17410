// SPDX-License-Identifier: GPL-2.0-or-later
// Odd accesses to the board's peripherals, each answered as the register definition says:
// a write to a read-only register (ignored, logged by name), a read of a hole inside a peripheral's
// decoded range (reads as zero, logged), then a read past the decoded range: a precise bus fault,
// which escalates to HardFault with BFAR set.
#include "board/memory_map.h"
#include "board/registers.h"
#include "fault_handlers.h"

extern "C" void HardFault_Handler() {
  report_fault_status("HardFault");
  _Exit(0x42);
}

namespace {
volatile uint32_t& at(uint32_t address) { return *reinterpret_cast<volatile uint32_t*>(address); }
}  // namespace

__attribute__((noinline)) void write_read_only() { at(board::kGpioABase + board::gpio::IN) = 1; }
__attribute__((noinline)) uint32_t read_hole() { return at(board::kNet0Base + 0x100); }
__attribute__((noinline)) uint32_t read_past_registers() { return at(board::kGpioABase + 0x800); }

int main() {
  write_read_only();
  printf("hole reads %lu\n", static_cast<unsigned long>(read_hole()));
  fflush(stdout);
  return static_cast<int>(read_past_registers());
}
