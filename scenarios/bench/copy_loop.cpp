// SPDX-License-Identifier: MIT
// Benchmark: a memory-bound loop (copying and summing a buffer: a load and a store per word), for
// emulated MIPS where every store counts. The whole image is timed, as for compute.cpp.
#include <stdint.h>

static uint32_t source[1024], target[1024];
static constexpr int kRounds = 40000;  // about 370 million instructions: long enough to time QEMU
volatile uint32_t sink;

int main() {
  for (uint32_t i = 0; i < 1024; ++i) source[i] = i * 2654435761u;
  uint32_t sum = 0;
  for (int round = 0; round < kRounds; ++round)
    for (uint32_t i = 0; i < 1024; ++i) {
      target[i] = source[i] + static_cast<uint32_t>(round);
      sum += target[(i * 7) & 1023];
    }
  sink = sum;
  return 0;
}
