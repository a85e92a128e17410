// SPDX-License-Identifier: MIT
// Event: wakes every task waiting on it, as MicroPython's asyncio.Event.
//
//   asyncio::Event ready;
//   co_await ready.wait();   // in one task
//   ready.set();             // in another
//
// Task context only: set() is NOT interrupt-safe (it walks and changes the run queue, which the
// interrupted task may be changing too). From an interrupt handler, set a ThreadSafeFlag and let a
// task set the Event (one owner task fanning a flag out to many waiters).
#pragma once
#include <coroutine>

#include "asyncio/detail/task_node.h"

namespace asyncio {

class Event {
 public:
  Event() noexcept = default;
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;

  // True while the event is set.
  bool is_set() const noexcept { return state_; }
  // Sets the event and wakes every waiter, in the order they began waiting.
  void set() noexcept;
  // Resets the event; later wait() calls suspend again.
  void clear() noexcept { state_ = false; }

  class Awaiter {
   public:
    explicit Awaiter(Event& e) noexcept : event_(e) {}
    bool await_ready() const noexcept { return event_.state_; }
    void await_suspend(std::coroutine_handle<> h);
    // True, as MicroPython's Event.wait() returns (inline: a caller that ignores it pays nothing).
    bool await_resume() const {
      detail::raise_if_cancelled();
      return true;
    }

   private:
    Event& event_;
  };
  // Returns at once if the event is set; otherwise suspends until set() is called. Gives true.
  Awaiter wait() noexcept { return Awaiter(*this); }

 private:
  bool state_ = false;
  detail::WaitQueue waiters_;
};

}  // namespace asyncio
