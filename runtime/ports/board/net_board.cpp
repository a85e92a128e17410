// SPDX-License-Identifier: MIT
// The board's network port: asyncio's sockets on NET0, the socket-offload device
// (board/registers.h, namespace net). Each port::net call is one device command; waiting is
// interest bits in RD_WAIT/WR_WAIT plus the device's interrupt, which only notes that something is
// ready -- the loop's poll_io() wakes the waiting tasks, in task context.
//
//   io_wait ─► set WAIT bit ─► (device: ready & wait) ─► NET0 IRQ: mask CTRL, note event, Loop::notice()
//                                                              │
//   loop: services before the next switch ─► poll_io(): read *_READY, wake, clear WAIT bits, unmask
//
// Addresses are dotted IPv4 (no name resolution on the board; "localhost" is 127.0.0.1).
#include <errno.h>
#include <stdint.h>

#include "asyncio/loop.h"
#include "asyncio/port.h"
#include "board/memory_map.h"
#include "board/registers.h"

namespace asyncio::port {

namespace {

namespace reg = board::net;

volatile uint32_t& net0(uint32_t offset) { return *reinterpret_cast<volatile uint32_t*>(board::kNet0Base + offset); }

int32_t command(uint32_t code, uint32_t handle, uint32_t addr = 0, uint32_t length = 0) {
  net0(reg::HANDLE) = handle;
  net0(reg::ADDR) = addr;
  net0(reg::LENGTH) = length;
  net0(reg::CMD) = code;
  return static_cast<int32_t>(net0(reg::RESULT));
}

// Device error (negative RESULT) -> -errno, as the portable stream code expects.
int to_errno(int32_t result) {
  if (result >= 0) return result;
  switch (-result) {
    case reg::ERR_WOULD_BLOCK: return net::kWouldBlock;
    case reg::ERR_REFUSED: return -ECONNREFUSED;
    case reg::ERR_RESET: return -ECONNRESET;
    case reg::ERR_ADDRESS_IN_USE: return -EADDRINUSE;
    case reg::ERR_NOT_CONNECTED: return -ENOTCONN;
    case reg::ERR_SHUT_DOWN: return -EPIPE;
    case reg::ERR_NO_SOCKETS: return -EMFILE;
    case reg::ERR_BAD_HANDLE: return -EBADF;
    case reg::ERR_FAULT: return -EFAULT;
    case reg::ERR_UNREACHABLE: return -EHOSTUNREACH;
    default: return -EINVAL;
  }
}

// "a.b.c.d" -> host-order address; "", "0.0.0.0" -> 0 (any); false if it is not one.
bool parse_ipv4(const char* host, uint32_t& out) {
  out = 0;
  if (!host || !*host) return true;
  const char* localhost = "localhost";
  const char* p = host;
  while (*p && *p == *localhost) ++p, ++localhost;
  if (!*p && !*localhost) {
    out = board::kNetLoopback;
    return true;
  }
  p = host;
  for (int part = 0; part < 4; ++part) {
    if (*p < '0' || *p > '9') return false;
    uint32_t v = 0;
    while (*p >= '0' && *p <= '9') {
      v = v * 10 + static_cast<uint32_t>(*p++ - '0');
      if (v > 255) return false;
    }
    out = out << 8 | v;
    if (part < 3 && *p++ != '.') return false;
  }
  return *p == '\0';
}

char* put_decimal(char* at, char* end, uint32_t v) {
  char digits[10];
  int n = 0;
  do digits[n++] = static_cast<char>('0' + v % 10);
  while ((v /= 10) && n < 10);
  while (n && at < end) *at++ = digits[--n];
  return at;
}

// Who waits on each handle. Allocated on the first wait, so firmware without sockets pays nothing.
struct Waiters {
  detail::TaskNode* reader[reg::kSocketCount];
  detail::TaskNode* writer[reg::kSocketCount];
};
Waiters* g_waiters = nullptr;
uint32_t g_rd_wait[reg::kMaskWords];
uint32_t g_wr_wait[reg::kMaskWords];
volatile bool g_event = false;  // the device interrupted: poll_io() has work
bool g_irq_enabled = false;

void enable_net_irq() {
  auto* iser = reinterpret_cast<volatile uint32_t*>(board::kScsBase + board::scs::NVIC_ISER);
  iser[board::kNet0Irq / 32] = 1u << (board::kNet0Irq % 32);
  g_irq_enabled = true;
}

void set_wait(uint32_t* mask, uint32_t base, int handle, bool on) {
  uint32_t bit = 1u << (handle % 32);
  uint32_t& word = mask[handle / 32];
  word = on ? word | bit : word & ~bit;
  net0(base + 4 * static_cast<uint32_t>(handle / 32)) = word;
}

}  // namespace

}  // namespace asyncio::port

// The device's line stays high while a waited-on socket is ready; masking it here (CTRL = 0) ends
// the interrupt, and poll_io() unmasks once it has consumed the readiness.
extern "C" void NET0_IRQHandler() {
  asyncio::port::net0(board::net::CTRL) = 0;
  asyncio::port::g_event = true;
  asyncio::get_event_loop().notice();
}

namespace asyncio::port {

namespace net {

int connect(const char* host, uint16_t port) noexcept {
  uint32_t ip;
  if (!parse_ipv4(host, ip) || ip == 0) return -EHOSTUNREACH;
  return to_errno(command(reg::CMD_CONNECT, 0, ip, port));
}

int connect_result(int handle) noexcept { return to_errno(command(reg::CMD_CONNECT_RESULT, handle)); }

int listen(const char* host, uint16_t port, int backlog) noexcept {
  uint32_t ip;
  if (!parse_ipv4(host, ip)) return -EADDRNOTAVAIL;
  uint32_t b = backlog < 1 ? 1u : backlog > 0xFFFF ? 0xFFFFu : static_cast<uint32_t>(backlog);
  return to_errno(command(reg::CMD_LISTEN, 0, ip, b << 16 | port));
}

int accept(int listener) noexcept { return to_errno(command(reg::CMD_ACCEPT, listener)); }

long recv(int handle, void* buffer, size_t size) noexcept {
  return to_errno(command(reg::CMD_RECV, handle, reinterpret_cast<uintptr_t>(buffer), size));
}

long send(int handle, const void* data, size_t size) noexcept {
  return to_errno(command(reg::CMD_SEND, handle, reinterpret_cast<uintptr_t>(data), size));
}

void close(int handle) noexcept {
  if (handle < 0) return;
  command(reg::CMD_CLOSE, handle);  // the device clears the handle's WAIT bits
  g_rd_wait[handle / 32] &= ~(1u << (handle % 32));
  g_wr_wait[handle / 32] &= ~(1u << (handle % 32));
}

bool peername(int handle, char* out, size_t size) noexcept {
  if (size == 0 || command(reg::CMD_PEER, handle) < 0) return false;
  uint32_t ip = net0(reg::ADDR), port = net0(reg::LENGTH);
  char *at = out, *end = out + size - 1;
  for (int shift = 24; shift >= 0; shift -= 8) {
    at = put_decimal(at, end, (ip >> shift) & 0xFF);
    if (at < end) *at++ = shift ? '.' : ':';
  }
  at = put_decimal(at, end, port);
  *at = '\0';
  return true;
}

uint16_t local_port(int handle) noexcept {
  int32_t r = command(reg::CMD_LOCAL_PORT, handle);
  return r < 0 ? 0 : static_cast<uint16_t>(r);
}

// The texts newlib's strerror() gives, without linking its table.
const char* error_text(int error) noexcept {
  switch (error) {
    case ECONNREFUSED: return "Connection refused";
    case ECONNRESET: return "Connection reset by peer";
    case EADDRINUSE: return "Address already in use";
    case EADDRNOTAVAIL: return "Address not available (the board has no name resolution: use a dotted IPv4 address)";
    case ENOTCONN: return "Socket is not connected";
    case EPIPE: return "Broken pipe";
    case EMFILE: return "Too many open files (all of NET0's sockets are in use)";
    case EBADF: return "Bad file number";
    case EFAULT: return "Bad address";
    case EHOSTUNREACH: return "Host is unreachable (the board has no name resolution: use a dotted IPv4 address)";
    default: return "Invalid argument";
  }
}

}  // namespace net

void io_wait(int handle, bool for_write, detail::TaskNode* waiter) noexcept {
  if (handle < 0 || handle >= reg::kSocketCount) return;
  if (!g_waiters) g_waiters = new Waiters{};
  if (!g_irq_enabled) enable_net_irq();
  (for_write ? g_waiters->writer : g_waiters->reader)[handle] = waiter;
  set_wait(for_write ? g_wr_wait : g_rd_wait, for_write ? reg::WR_WAIT : reg::RD_WAIT, handle, true);
  net0(reg::CTRL) = reg::CTRL_IRQ;
}

detail::TaskNode* io_cancel(int handle, bool for_write) noexcept {
  if (!g_waiters || handle < 0 || handle >= reg::kSocketCount) return nullptr;
  detail::TaskNode*& slot = (for_write ? g_waiters->writer : g_waiters->reader)[handle];
  detail::TaskNode* waiter = slot;
  slot = nullptr;
  if (waiter) set_wait(for_write ? g_wr_wait : g_rd_wait, for_write ? reg::WR_WAIT : reg::RD_WAIT, handle, false);
  return waiter;
}

void poll_io() noexcept {
  if (!g_event) return;
  g_event = false;
  for (int write = 0; write < 2; ++write) {
    uint32_t* mask = write ? g_wr_wait : g_rd_wait;
    for (int w = 0; w < reg::kMaskWords; ++w) {
      if (!mask[w]) continue;
      uint32_t ready = net0((write ? reg::WR_READY : reg::RD_READY) + 4 * static_cast<uint32_t>(w));
      for (; ready; ready &= ready - 1) {
        int handle = w * 32 + __builtin_ctz(ready);
        if (detail::TaskNode* t = io_cancel(handle, write)) get_event_loop().wake(t);
      }
    }
  }
  net0(reg::CTRL) = reg::CTRL_IRQ;  // still-ready waits interrupt again at once
}

// NET0 interrupts (and notices the loop), so the switch path needs no look at the device.
bool io_waiting() noexcept { return false; }

// For idle(): an interrupt that noted readiness after the loop's last look must end the sleep.
bool io_event_pending() noexcept { return g_event; }

}  // namespace asyncio::port
