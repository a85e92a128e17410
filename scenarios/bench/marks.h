// SPDX-License-Identifier: MIT
// Benchmark marks: the firmware writes an id to SimControl.MARK and the simulator records the
// instruction count and virtual time at that instant. `asyncboard bench` computes its figures
// from the differences between marks.
#pragma once
#include <stdint.h>

#include "board/memory_map.h"
#include "board/registers.h"

// 1 in the bench_e2e_* builds of a benchmark: the same code, long enough to time on the wall clock.
#ifndef BENCH_END_TO_END
#define BENCH_END_TO_END 0
#endif

// On QEMU (the bench's -icount peer) there is no SimControl: a mark is nothing, and the bench times
// the whole run instead.
inline void bench_mark([[maybe_unused]] uint32_t id) {
#if !ASYNCBOARD_QEMU_MPS2
  *reinterpret_cast<volatile uint32_t*>(board::kSimControlBase + board::simctl::MARK) = id;
#endif
}
