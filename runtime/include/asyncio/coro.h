// SPDX-License-Identifier: MIT
// Coro<T>: the return type of an asyncio coroutine -- what `async def` is in Python.
//
//   asyncio::Coro<int> answer() { co_await asyncio::sleep_ms(10); co_return 42; }
//
// A Coro is lazy: it starts when awaited (inline, in the awaiting task, with no trip through the
// scheduler) or when handed to create_task()/run(). Its frame comes from allocate_frame().
//
// A body with no co_await and no co_return is not a coroutine but an ordinary function that never
// returns its Coro: every build that links the runtime compiles with -Werror=return-type, so
//   asyncio::Coro<> task() { std::puts("task"); }    // error: no return statement
// fails to compile; write `co_return;` at its end. (A body that only throws compiles, and throws
// in its caller: give it a co_return after the throw's condition, or any co_await.)
#pragma once
#include <coroutine>
#include <exception>
#include <optional>
#include <utility>

#include "asyncio/detail/task_node.h"
#include "asyncio/frame_allocator.h"

namespace asyncio {

namespace detail {

// Where a finished coroutine goes next: its awaiter, or (for a task's root) back to the loop.
std::coroutine_handle<> on_coroutine_end(PromiseCore& p) noexcept;

template <typename T>
struct ResultSlot {
  std::optional<T> value;
  void return_value(T v) { value.emplace(std::move(v)); }
};
template <>
struct ResultSlot<void> {
  void return_void() noexcept {}
};

struct FinalAwaiter {
  bool await_ready() const noexcept { return false; }
  template <typename P>
  std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
    return on_coroutine_end(h.promise());
  }
  void await_resume() const noexcept {}
};

}  // namespace detail

template <typename T = void>
class [[nodiscard]] Coro {
 public:
  struct promise_type : detail::PromiseCore, detail::ResultSlot<T> {
    Coro get_return_object() noexcept { return Coro(std::coroutine_handle<promise_type>::from_promise(*this)); }
    std::suspend_always initial_suspend() const noexcept { return {}; }
    detail::FinalAwaiter final_suspend() const noexcept { return {}; }
    void unhandled_exception() noexcept { this->exception = std::current_exception(); }
    static void* operator new(size_t size) { return detail::allocate_coro_frame(size); }
    static void operator delete(void* p, size_t size) noexcept { detail::free_coro_frame(p, size); }
  };
  using Handle = std::coroutine_handle<promise_type>;

  Coro(Coro&& other) noexcept : h_(std::exchange(other.h_, {})) {}
  Coro& operator=(Coro&& other) noexcept {
    if (this != &other) {
      if (h_) h_.destroy();
      h_ = std::exchange(other.h_, {});
    }
    return *this;
  }
  Coro(const Coro&) = delete;
  Coro& operator=(const Coro&) = delete;
  ~Coro() {
    if (h_) h_.destroy();
  }

  // Awaiting runs the coroutine inline in the awaiting task (symmetric transfer, no stack growth).
  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiter) noexcept {
    h_.promise().continuation = awaiter;
    return h_;
  }
  T await_resume() {
    promise_type& p = h_.promise();
    if (p.exception) std::rethrow_exception(p.exception);
    if constexpr (!std::is_void_v<T>) return std::move(*p.value);
  }

  // For create_task(): hands the frame over to a task, which then owns it.
  Handle release() noexcept { return std::exchange(h_, {}); }

 private:
  explicit Coro(Handle h) noexcept : h_(h) {}
  Handle h_;
};

}  // namespace asyncio
