// SPDX-License-Identifier: GPL-2.0-or-later
// Direct NVIC/SCB access for the exception-model test firmware.
#pragma once
#include <stdint.h>

#include "board/memory_map.h"
#include "board/registers.h"

inline volatile uint32_t& scs(uint32_t offset) { return *reinterpret_cast<volatile uint32_t*>(board::kScsBase + offset); }
inline void irq_enable(int line) { scs(board::scs::NVIC_ISER) = 1u << line; }
inline void irq_pend(int line) { scs(board::scs::NVIC_ISPR) = 1u << line; }
inline void irq_priority(int line, uint8_t priority) {
  volatile uint8_t* ipr = reinterpret_cast<volatile uint8_t*>(board::kScsBase + board::scs::NVIC_IPR);
  uint32_t word = scs(board::scs::NVIC_IPR + (line & ~3)) & ~(0xFFu << ((line & 3) * 8));
  scs(board::scs::NVIC_IPR + (line & ~3)) = word | (uint32_t(priority) << ((line & 3) * 8));
  (void)ipr;
}
