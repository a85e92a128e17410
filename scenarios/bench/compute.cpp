// SPDX-License-Identifier: MIT
// Benchmark: a compute loop (an integer hash over a buffer) between marks 1 and 2, for emulated
// MIPS. No interrupts, no sleeping: it measures the simulator's machinery against bare Unicorn.
#include <stdint.h>

#include "marks.h"

static uint32_t buffer[256];
volatile uint32_t sink;
static constexpr int kRounds = 200000;  // about 250 million instructions: some 0.1 s on bare Unicorn

int main() {
  for (uint32_t i = 0; i < 256; ++i) buffer[i] = i * 2654435761u;
  bench_mark(1);
  uint32_t h = 2166136261u;
  for (int round = 0; round < kRounds; ++round)
    for (uint32_t i = 0; i < 256; ++i) h = (h ^ buffer[i]) * 16777619u + static_cast<uint32_t>(round);
  bench_mark(2);
  sink = h;  // keeps the loop from being optimised away
  return 0;
}
