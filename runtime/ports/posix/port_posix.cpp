// SPDX-License-Identifier: MIT
// asyncio port for Linux hosts: monotonic clock or virtual time; idle in epoll_wait() on the
// sockets tasks wait for plus an eventfd that ThreadSafeFlag::set() writes (so a set from another
// thread or a signal handler ends the wait at once -- no polling every millisecond).
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <vector>

#include "asyncio/loop.h"
#include "asyncio/port.h"
#include "asyncio/ports/posix.h"
#include "asyncio/thread_safe_flag.h"

namespace asyncio::port {

namespace {

std::atomic<bool> g_virtual{false};
std::atomic<Ticks> g_virtual_now{0};

struct Interest {
  detail::TaskNode* reader = nullptr;
  detail::TaskNode* writer = nullptr;
  uint32_t registered = 0;  // the events epoll watches for this handle now
};
std::vector<Interest> g_io;
int g_io_waiters = 0;

struct Poller {
  int epoll = epoll_create1(EPOLL_CLOEXEC);
  int wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  Poller() {
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = wake;
    epoll_ctl(epoll, EPOLL_CTL_ADD, wake, &ev);
  }
};
Poller& poller() noexcept {
  static Poller p;
  return p;
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

void update_epoll(int handle) noexcept {
  Interest& in = g_io[handle];
  uint32_t want = (in.reader ? EPOLLIN : 0u) | (in.writer ? EPOLLOUT : 0u);
  if (want == in.registered) return;
  epoll_event ev{};
  ev.events = want;
  ev.data.fd = handle;
  int op = in.registered == 0 ? EPOLL_CTL_ADD : want == 0 ? EPOLL_CTL_DEL : EPOLL_CTL_MOD;
  epoll_ctl(poller().epoll, op, handle, &ev);
  in.registered = want;
}

// Waits up to `timeout_ms` (-1: forever) for I/O or a wake, and wakes the tasks that can go on.
void wait_events(int timeout_ms) noexcept {
  epoll_event events[32];
  int n = epoll_wait(poller().epoll, events, 32, timeout_ms);
  for (int i = 0; i < n; ++i) {
    int fd = events[i].data.fd;
    if (fd == poller().wake) {
      uint64_t count;
      while (read(fd, &count, sizeof count) > 0) {
      }
      continue;
    }
    Interest& in = g_io[fd];
    uint32_t e = events[i].events;
    bool failed = e & (EPOLLERR | EPOLLHUP);
    if (in.reader && (e & EPOLLIN || failed)) {
      detail::TaskNode* t = in.reader;
      in.reader = nullptr;
      --g_io_waiters;
      get_event_loop().wake(t);
    }
    if (in.writer && (e & EPOLLOUT || failed)) {
      detail::TaskNode* t = in.writer;
      in.writer = nullptr;
      --g_io_waiters;
      get_event_loop().wake(t);
    }
    update_epoll(fd);
  }
}

}  // namespace

Ticks ticks_ms() noexcept { return g_virtual ? g_virtual_now.load() : monotonic_ms(); }

void idle(Ticks deadline) noexcept {
  if (detail::wake_pending()) return;
  if (g_virtual && deadline != kNoDeadline) {
    // Virtual time: see what I/O is ready now; if nothing, nothing can happen before the deadline
    // but a set() from elsewhere, so jump to it.
    int before = g_io_waiters;
    if (before) wait_events(0);
    if (g_io_waiters == before && deadline > g_virtual_now.load()) g_virtual_now.store(deadline);
    return;
  }
  int timeout = -1;
  if (deadline != kNoDeadline && !g_virtual) {
    Ticks left = deadline - monotonic_ms();
    if (left <= 0) return;
    timeout = left > 60'000 ? 60'000 : static_cast<int>(left);
  }
  // A set() after the check above has already written the eventfd: epoll_wait returns at once.
  wait_events(timeout);
}

void wake() noexcept {
  uint64_t one = 1;
  ssize_t ignored = write(poller().wake, &one, sizeof one);  // async-signal-safe
  (void)ignored;
}

void io_wait(int handle, bool for_write, detail::TaskNode* waiter) noexcept {
  if (handle < 0) return;
  if (static_cast<size_t>(handle) >= g_io.size()) g_io.resize(handle + 16);
  (for_write ? g_io[handle].writer : g_io[handle].reader) = waiter;
  ++g_io_waiters;
  update_epoll(handle);
}

detail::TaskNode* io_cancel(int handle, bool for_write) noexcept {
  if (handle < 0 || static_cast<size_t>(handle) >= g_io.size()) return nullptr;
  detail::TaskNode*& slot = for_write ? g_io[handle].writer : g_io[handle].reader;
  detail::TaskNode* waiter = slot;
  if (!waiter) return nullptr;
  slot = nullptr;
  --g_io_waiters;
  update_epoll(handle);
  return waiter;
}

void poll_io() noexcept {
  if (g_io_waiters) wait_events(0);
}

bool io_waiting() noexcept { return g_io_waiters > 0; }

namespace posix {
// Both may move the clock backwards: the loop re-reads it, since its last reading keys new ready
// tasks (see task_queue.h).
void use_virtual_time(bool on) noexcept {
  g_virtual = on;
  get_event_loop().now();
}
bool virtual_time() noexcept { return g_virtual; }
void set_virtual_ticks(Ticks t) noexcept {
  g_virtual_now = t;
  get_event_loop().now();
}
}  // namespace posix

}  // namespace asyncio::port
