// SPDX-License-Identifier: MIT
// asyncio port for the virtual board: time from the Timebase peripheral (a microsecond counter),
// tickless idle (the compare is programmed for the next deadline only -- no periodic tick), and the
// lost-wake-up-free sleep around WFI.
#include <stdint.h>

#include "asyncio/port.h"
#include "asyncio/thread_safe_flag.h"
#include "board/memory_map.h"
#include "board/registers.h"

namespace {

volatile uint32_t& timebase(uint32_t offset) {
  return *reinterpret_cast<volatile uint32_t*>(board::kTimebaseBase + offset);
}


// The NVIC's set-enable register for the timebase line.
void enable_timebase_irq() {
  auto* iser = reinterpret_cast<volatile uint32_t*>(board::kScsBase + board::scs::NVIC_ISER);
  iser[board::kTimebaseIrq / 32] = 1u << (board::kTimebaseIrq % 32);
}

}  // namespace

// The match only has to end WFI; clearing it keeps the line from re-pending.
extern "C" void TIMEBASE_IRQHandler() { timebase(board::timebase::STATUS) = board::timebase::STATUS_MATCH; }

namespace asyncio::port {

bool io_event_pending() noexcept;  // net_board.cpp: NET0 interrupted and poll_io() has not looked yet

// The hardware counts 32-bit milliseconds; the port widens them, noticing each wrap (49.7 days).
// Task context only, like every caller of ticks_ms().
Ticks ticks_ms() noexcept {
  static uint32_t last = 0;
  static Ticks wraps = 0;
  uint32_t ms = timebase(board::timebase::COUNT_MS);
  if (ms < last) wraps += Ticks{1} << 32;
  last = ms;
  return wraps + ms;
}

void idle(Ticks deadline) noexcept {
  static bool irq_enabled = false;
  if (!irq_enabled) {
    enable_timebase_irq();
    irq_enabled = true;
  }
  if (deadline != kNoDeadline) {
    uint64_t at = static_cast<uint64_t>(deadline) * 1000;
    timebase(board::timebase::CMP_LO) = static_cast<uint32_t>(at);
    timebase(board::timebase::CMP_HI) = static_cast<uint32_t>(at >> 32);  // arms; matches at once if past
    timebase(board::timebase::CTRL) = board::timebase::CTRL_IRQ;
  } else {
    timebase(board::timebase::CTRL) = 0;
  }
  // With interrupts masked, an interrupt that arrives after the check stays pending and still ends
  // WFI (WFI wakes on pending interrupts even when PRIMASK masks them); its handler -- and its
  // ThreadSafeFlag::set() -- runs as soon as interrupts are unmasked.
  __asm volatile("cpsid i" ::: "memory");
  if (!detail::wake_pending() && !io_event_pending()) __asm volatile("wfi" ::: "memory");
  __asm volatile("cpsie i" ::: "memory");
}

// Nothing to do: the interrupt that calls set() has already ended any WFI.
void wake() noexcept {}

}  // namespace asyncio::port
