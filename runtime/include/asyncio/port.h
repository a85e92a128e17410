// The port interface: the only things the portable core needs from a platform. A port is a set of
// link-time functions (no virtual calls on the hot path); runtime/ports/board and runtime/ports/posix
// implement it. Nothing here knows about the simulator.
#pragma once
#include "asyncio/ticks.h"

namespace asyncio::port {

// Milliseconds since start. Monotonic. Task context.
Ticks ticks_ms() noexcept;

// Called by the loop when no task is due. Returns when `deadline` (kNoDeadline: never) is reached or
// when detail::wake_pending() became true -- whichever is first; returning early is always allowed.
// Must not lose a wake-up: a ThreadSafeFlag::set() that lands between the loop's last check and the
// port's sleep must still end the sleep (the board checks with interrupts masked, then WFI; POSIX
// sleeps in poll() on an eventfd that set() writes). Task context.
void idle(Ticks deadline) noexcept;

// Called by ThreadSafeFlag::set() after it marked the wake: rouses idle() if it sleeps.
// Any context: interrupt handlers, other threads, POSIX signal handlers.
void wake() noexcept;

}  // namespace asyncio::port
