// SPDX-License-Identifier: GPL-2.0-or-later
// A known stack depth: main() calls a function whose frame holds a 4 KiB buffer it writes in full,
// so the main stack's peak use (the simulator's paint, overwritten) is at least 4 KiB and not much
// more -- what tests/sim/test_firmware_memory.cpp reads back.
#include <stdint.h>
#include <stdio.h>

__attribute__((noinline)) uint32_t fill(uint32_t seed) {
  volatile uint32_t buffer[1024];
  for (uint32_t i = 0; i < 1024; ++i) buffer[i] = seed + i;
  return buffer[seed % 1024];
}

int main() {
  printf("stack: %lu\n", static_cast<unsigned long>(fill(3)));
  return 0;
}
