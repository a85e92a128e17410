// SPDX-License-Identifier: GPL-2.0-or-later
// Writes to flash, which is read-only at run time: a fault, not a silent write.
#include <stdint.h>

extern const uint32_t constant_in_flash;
const uint32_t constant_in_flash = 42;

__attribute__((noinline)) void scribble() { *const_cast<volatile uint32_t*>(&constant_in_flash) = 7; }

int main() {
  scribble();
  return 0;
}
