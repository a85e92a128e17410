// SPDX-License-Identifier: GPL-2.0-or-later
// Reads from an address where the board has nothing: the simulator must report a fault naming the
// address and the function, and exit with the firmware-fault status.
#include <stdint.h>
#include <stdio.h>

__attribute__((noinline)) uint32_t read_nowhere() { return *reinterpret_cast<volatile uint32_t*>(0x30000000); }

int main() {
  puts("about to read 0x30000000");
  return static_cast<int>(read_nowhere());
}
