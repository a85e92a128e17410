// SPDX-License-Identifier: MIT
// The port interface: the only things the portable core needs from a platform. A port is a set of
// link-time functions (no virtual calls on the hot path); runtime/ports/board and runtime/ports/posix
// implement it. Nothing here knows about the simulator.
#pragma once
#include <cstddef>
#include <cstdint>

#include "asyncio/detail/task_node.h"
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

// ---- network (streams) ----
// Non-blocking stream sockets as the port provides them: POSIX sockets on the host, the board's
// network device later. Handles are small non-negative integers. Every call is task context and
// returns at once: a negative result is -error (kWouldBlock when it would have to wait).
namespace net {
inline constexpr int kWouldBlock = -11;  // EAGAIN on Linux and newlib
int connect(const char* host, uint16_t port) noexcept;          // starts it; finish with connect_result()
int connect_result(int handle) noexcept;                         // 0 once connected, or -error
int listen(const char* host, uint16_t port, int backlog) noexcept;
int accept(int listener) noexcept;                               // a new handle, or kWouldBlock
long recv(int handle, void* buffer, size_t size) noexcept;       // bytes; 0 at end of stream
long send(int handle, const void* data, size_t size) noexcept;   // bytes accepted
void close(int handle) noexcept;
bool peername(int handle, char* out, size_t size) noexcept;      // "host:port"
uint16_t local_port(int handle) noexcept;                        // a listener's port (after port 0)
const char* error_text(int error) noexcept;                      // for a positive error number
}  // namespace net

// Parks nothing itself: records that `waiter` wants `handle` readable (or writable); idle() and
// poll_io() wake it with Loop::wake() when it is. One reader and one writer per handle.
void io_wait(int handle, bool for_write, detail::TaskNode* waiter) noexcept;
// Withdraws the wait; returns the task that was waiting (nullptr if none), which stays parked.
detail::TaskNode* io_cancel(int handle, bool for_write) noexcept;
// Wakes the tasks whose handles are ready, without waiting. The loop calls it whenever it services
// (see io_waiting()); idle() does the same while it waits.
void poll_io() noexcept;
// True while poll_io() must run between every two task switches, because nothing announces
// readiness (POSIX: while any task waits on a socket). A port whose network device interrupts
// returns false and has its interrupt handler call Loop::notice(), so the switch path pays nothing.
bool io_waiting() noexcept;

}  // namespace asyncio::port
