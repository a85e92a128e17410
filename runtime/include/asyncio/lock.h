// SPDX-License-Identifier: MIT
// Lock: mutual exclusion between tasks, as MicroPython's asyncio.Lock.
//
//   asyncio::Lock lock;
//   {
//     auto held = co_await lock.scoped();   // the C++ form of `async with lock:`
//     ...                                   // released when `held` goes out of scope, however
//   }
//
// Waiters get the lock in the order they asked, handed over by release(): as in MicroPython, the
// lock is then unlocked (locked() is false) but reserved for that waiter until it runs, and a task
// that arrives meanwhile queues behind it rather than barging in. Task context only.
#pragma once
#include <coroutine>
#include <utility>

#include "asyncio/detail/task_node.h"

namespace asyncio {

class Lock {
 public:
  Lock() noexcept = default;
  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;

  // True while some task holds the lock; false between release() handing it to a waiter and that
  // waiter running (MicroPython's Lock.locked()).
  bool locked() const noexcept { return locked_; }
  // Releases the lock, handing it to the first waiter if there is one (which takes it when it
  // runs). Throws RuntimeError ("Lock not acquired") if the lock is not held -- also during a
  // hand-over, as MicroPython's Lock.release().
  void release();

  class Acquire {
   public:
    explicit Acquire(Lock& l) noexcept : lock_(l) {}
    bool await_ready() noexcept;  // takes a free lock (not locked, not handed over) without suspending
    void await_suspend(std::coroutine_handle<> h);
    void await_resume() const;

   protected:
    Lock& lock_;
    bool suspended_ = false;
  };
  // Waits until the lock is free and takes it.
  Acquire acquire() noexcept { return Acquire(*this); }

  // Releases a held lock when it goes out of scope (or on release()).
  class Guard {
   public:
    explicit Guard(Lock* l) noexcept : lock_(l) {}
    Guard(Guard&& o) noexcept : lock_(std::exchange(o.lock_, nullptr)) {}
    Guard& operator=(Guard&&) = delete;
    ~Guard() {
      if (lock_) lock_->release();
    }
    void release() { std::exchange(lock_, nullptr)->release(); }

   private:
    Lock* lock_;
  };
  struct ScopedAcquire : Acquire {
    using Acquire::Acquire;
    Guard await_resume() const {
      Acquire::await_resume();
      return Guard(&lock_);
    }
  };
  // Acquires, and returns a Guard that releases: `auto held = co_await lock.scoped();`.
  ScopedAcquire scoped() noexcept { return ScopedAcquire(*this); }

 private:
  bool locked_ = false;
  detail::TaskNode* handed_to_ = nullptr;  // released to this waiter, which has not run yet
  detail::WaitQueue waiters_;
};

}  // namespace asyncio
