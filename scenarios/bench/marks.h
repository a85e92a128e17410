// Benchmark marks: the firmware writes an id to SimControl.MARK and the simulator records the
// instruction count and virtual time at that instant. `asyncboard bench` computes its figures
// from the differences between marks.
#pragma once
#include <stdint.h>

#include "board/memory_map.h"
#include "board/registers.h"

inline void bench_mark(uint32_t id) {
  *reinterpret_cast<volatile uint32_t*>(board::kSimControlBase + board::simctl::MARK) = id;
}
