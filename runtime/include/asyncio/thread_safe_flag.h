// SPDX-License-Identifier: MIT
// ThreadSafeFlag: the one primitive that may be set from an interrupt handler, as MicroPython's
// asyncio.ThreadSafeFlag.
//
//   asyncio::ThreadSafeFlag flag;
//   void on_button() { flag.set(); }              // interrupt context
//   ... co_await flag.wait();                      // task context: suspends until set, then clears
//
// Contexts: set() -- any (interrupt handlers, other threads, POSIX signal handlers): it is a store
// plus a port wake, allocates nothing and takes no lock. wait() and clear() -- task context.
//
//   state   set()            wait() by T                      loop sees the set
//   clear ─────────► set ───────────────► (returns at once, clears)
//   clear ───────────────────────────────► armed (T waits) ─────────────────► T due; state
//                                                                            clears when T resumes
// One waiter at a time: a second concurrent wait() throws RuntimeError. Several set()s before the
// waiter runs count as one; clear() discards a set that nobody has waited for yet.
#pragma once
#include <atomic>
#include <coroutine>

#include "asyncio/detail/task_node.h"

namespace asyncio {

class Loop;

class ThreadSafeFlag {
 public:
  ThreadSafeFlag() noexcept = default;
  ThreadSafeFlag(const ThreadSafeFlag&) = delete;
  ThreadSafeFlag& operator=(const ThreadSafeFlag&) = delete;
  ~ThreadSafeFlag();

  // Sets the flag and wakes the waiter, if any. Any context.
  void set() noexcept;
  // Discards a set that no waiter has consumed yet. Task context.
  void clear() noexcept { state_.store(false, std::memory_order_relaxed); }
  // For tools and tests: whether a set is pending.
  bool is_set() const noexcept { return state_.load(std::memory_order_relaxed); }

  class Awaiter {
   public:
    explicit Awaiter(ThreadSafeFlag& f) noexcept : flag_(f) {}
    bool await_ready() const noexcept { return flag_.is_set(); }
    void await_suspend(std::coroutine_handle<> h);
    void await_resume() const;

   private:
    ThreadSafeFlag& flag_;
  };
  // Suspends until the flag is set (returns at once if it is), then clears it. Task context.
  Awaiter wait() noexcept { return Awaiter(*this); }

 private:
  friend class Loop;
  static void detach_waiter(detail::TaskNode* t) noexcept;
  std::atomic<bool> state_{false};
  detail::TaskNode* waiter_ = nullptr;
  ThreadSafeFlag* next_armed_ = nullptr;
  ThreadSafeFlag* prev_armed_ = nullptr;
};

namespace detail {
// The interrupt-safe inbox between set() and the loop: one word saying "some flag was set since the
// loop last looked". Ports read it inside their idle critical section.
bool wake_pending() noexcept;
}  // namespace detail

}  // namespace asyncio
