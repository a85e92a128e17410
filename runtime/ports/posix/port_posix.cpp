// asyncio port for Linux hosts: monotonic clock or virtual time, idle in poll() on an eventfd.
#include <poll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>

#include "asyncio/port.h"
#include "asyncio/ports/posix.h"
#include "asyncio/thread_safe_flag.h"

namespace asyncio::port {

namespace {

std::atomic<bool> g_virtual{false};
std::atomic<Ticks> g_virtual_now{0};

int wake_fd() noexcept {
  static const int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  return fd;
}

Ticks monotonic_ms() noexcept {
  static const timespec start = [] {
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t;
  }();
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (t.tv_sec - start.tv_sec) * 1000 + (t.tv_nsec - start.tv_nsec) / 1'000'000;
}

void drain_wake_fd() noexcept {
  uint64_t count;
  while (read(wake_fd(), &count, sizeof count) > 0) {
  }
}

}  // namespace

Ticks ticks_ms() noexcept { return g_virtual ? g_virtual_now.load() : monotonic_ms(); }

void idle(Ticks deadline) noexcept {
  if (detail::wake_pending()) return;
  if (g_virtual && deadline != kNoDeadline) {
    // Nothing can happen before the deadline but a set() from elsewhere: jump to it.
    if (deadline > g_virtual_now.load()) g_virtual_now.store(deadline);
    return;
  }
  int timeout = -1;
  if (deadline != kNoDeadline) {
    Ticks left = deadline - monotonic_ms();
    if (left <= 0) return;
    timeout = left > 60'000 ? 60'000 : static_cast<int>(left);
  }
  // A set() after the check above has already written the eventfd: poll returns at once.
  pollfd p{wake_fd(), POLLIN, 0};
  poll(&p, 1, timeout);
  drain_wake_fd();
}

void wake() noexcept {
  uint64_t one = 1;
  ssize_t ignored = write(wake_fd(), &one, sizeof one);  // async-signal-safe
  (void)ignored;
}

namespace posix {
void use_virtual_time(bool on) noexcept { g_virtual = on; }
bool virtual_time() noexcept { return g_virtual; }
void set_virtual_ticks(Ticks t) noexcept { g_virtual_now = t; }
}  // namespace posix

}  // namespace asyncio::port
