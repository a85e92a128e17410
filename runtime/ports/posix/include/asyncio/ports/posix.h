// SPDX-License-Identifier: MIT
// The POSIX host port: real sockets later, and for now the clock and the idle step. Idle sleeps in
// poll() on an eventfd that ThreadSafeFlag::set() writes, so a set() from another thread or a
// signal handler wakes the loop at once (no polling every millisecond).
//
// Virtual time (for tests): ticks_ms() then reads a counter that idle() moves straight to the next
// deadline instead of sleeping, as the simulator's clock jumps over WFI -- ordering and timing tests
// never depend on the wall clock.
#pragma once
#include "asyncio/ticks.h"

namespace asyncio::port::posix {

// Switches between the monotonic clock and virtual time. Task context or outside the loop.
void use_virtual_time(bool on) noexcept;
bool virtual_time() noexcept;
// Sets the virtual clock (tests start each case from a known tick). Task context or outside the loop.
void set_virtual_ticks(Ticks t) noexcept;

}  // namespace asyncio::port::posix
