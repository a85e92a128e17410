// SPDX-License-Identifier: GPL-2.0-or-later
// The core's special registers as the exception-model test firmware reads them (MRS), and SP.
#pragma once
#include <stdint.h>

inline uint32_t control_now() {
  uint32_t v;
  __asm volatile("mrs %0, control" : "=r"(v));
  return v;
}
inline uint32_t faultmask_now() {
  uint32_t v;
  __asm volatile("mrs %0, faultmask" : "=r"(v));
  return v;
}
inline uint32_t sp_now() {
  uint32_t sp;
  __asm volatile("mov %0, sp" : "=r"(sp));
  return sp;
}
