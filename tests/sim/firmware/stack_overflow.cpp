// SPDX-License-Identifier: GPL-2.0-or-later
// Unbounded recursion with a frame too big to ignore: the main stack runs into its guard region,
// and the simulator reports a stack overflow (not a mysterious corruption of the heap).
#include <stdint.h>
#include <stdio.h>

#pragma GCC diagnostic ignored "-Winfinite-recursion"  // the point of the test

__attribute__((noinline)) uint32_t dive(uint32_t depth) {
  volatile uint32_t scratch[64];
  scratch[depth % 64] = depth;
  return dive(depth + 1) + scratch[(depth * 7) % 64];
}

int main() {
  puts("diving");
  return static_cast<int>(dive(0));
}
