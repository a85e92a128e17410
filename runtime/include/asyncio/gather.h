// SPDX-License-Identifier: MIT
// gather(): run several awaitables concurrently and collect their results in argument order, as
// MicroPython's asyncio.gather().
//
//   auto [a, b] = co_await asyncio::gather(fetch(1), fetch(2));          // std::tuple<int, int>
//   auto [x, y] = co_await asyncio::gather(asyncio::return_exceptions, t1, t2);
//   if (x.ok()) use(x.value()); else log(x.exception());
//   std::vector<int> all = co_await asyncio::gather(tasks);             // gather(*tasks)
//
// Coroutines become tasks. Without return_exceptions the first exception (in time) is raised and
// the other children keep running, detached (their later failures go to the exception handler);
// with it, each result is an Outcome holding a value or the exception (CancelledError included).
// Cancelling the gather cancels every unfinished child. A task that something already awaits, or
// the same task twice, is a RuntimeError. A void result is std::monostate. Task context.
#pragma once
#include <array>
#include <exception>
#include <optional>
#include <tuple>
#include <type_traits>
#include <variant>
#include <vector>

#include "asyncio/coro.h"
#include "asyncio/errors.h"
#include "asyncio/loop.h"
#include "asyncio/task.h"

namespace asyncio {

struct ReturnExceptions {};
inline constexpr ReturnExceptions return_exceptions{};

// The value of a void task in gather's results.
template <typename T>
using ValueOf = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

// One result of gather(return_exceptions, ...): a value or an exception.
template <typename T>
class Outcome {
 public:
  bool ok() const noexcept { return !exception_; }
  const T& value() const {
    if (exception_) std::rethrow_exception(exception_);
    return *value_;
  }
  std::exception_ptr exception() const noexcept { return exception_; }

  std::optional<T> value_;
  std::exception_ptr exception_;
};

namespace detail {

// Shared by the gather coroutine and its children's done-callbacks; lives in the gather frame.
struct GatherState : DoneHook {  // the hook goes on every unfinished child
  TaskNode* caller = nullptr;  // parked until done; cleared once woken
  size_t remaining = 0;
  bool return_exceptions = false;
  std::exception_ptr first_error;
};

// Registers `state` on each unfinished child and parks the caller until they are done (or, without
// return_exceptions, until the first one fails). Throws on misuse before touching anything.
class GatherJoin {
 public:
  GatherJoin(GatherState& s, TaskNode* const* children, size_t n) noexcept : s_(s), children_(children), n_(n) {}
  bool await_ready();
  void await_suspend(std::coroutine_handle<> h);
  void await_resume();  // on CancelledError: cancels every unfinished child, then rethrows

 private:
  GatherState& s_;
  TaskNode* const* children_;
  size_t n_;
};

void gather_detach_children(TaskNode* const* children, size_t n) noexcept;

// After the join, without return_exceptions: the first failure is raised, the rest run on, detached.
inline void raise_first_error(const GatherState& s, TaskNode* const* children, size_t n) {
  if (!s.first_error) return;
  gather_detach_children(children, n);
  std::rethrow_exception(s.first_error);
}

template <typename T>
Task<T> promote(Task<T> t) {
  return t;
}
template <typename T>
Task<T> promote(Coro<T>&& c) {
  return create_task(std::move(c), "gather");
}

template <typename T>
struct is_task_list : std::false_type {};
template <typename T>
struct is_task_list<std::vector<Task<T>>> : std::true_type {};
template <typename... A>
inline constexpr bool any_task_list = (is_task_list<std::remove_cvref_t<A>>::value || ...);

template <typename T>
ValueOf<T> value_of(const Task<T>& t) {
  if constexpr (std::is_void_v<T>) {
    t.result();
    return {};
  } else {
    return t.result();
  }
}

template <typename T>
Outcome<ValueOf<T>> outcome_of(const Task<T>& t) {
  Outcome<ValueOf<T>> o;
  try {
    o.value_ = value_of(t);
  } catch (...) {
    o.exception_ = std::current_exception();
  }
  return o;
}

template <bool kReturnExceptions, typename... T>
auto gather_tasks(Task<T>... tasks)
    -> Coro<std::conditional_t<kReturnExceptions, std::tuple<Outcome<ValueOf<T>>...>, std::tuple<ValueOf<T>...>>> {
  std::array<TaskNode*, sizeof...(T)> nodes{tasks.node()...};
  GatherState state;
  state.return_exceptions = kReturnExceptions;
  co_await GatherJoin(state, nodes.data(), nodes.size());
  raise_first_error(state, nodes.data(), nodes.size());
  if constexpr (kReturnExceptions)
    co_return std::make_tuple(outcome_of(tasks)...);
  else
    co_return std::make_tuple(value_of(tasks)...);
}

// The awaitables made tasks left to right -- in a braced list, whose elements are evaluated in
// order (function arguments are not: GCC evaluates them right to left) -- then gathered.
template <bool kReturnExceptions, typename... A>
auto gather_in_order(A&&... awaitables) {
  std::tuple<decltype(promote(std::forward<A>(awaitables)))...> tasks{promote(std::forward<A>(awaitables))...};
  return std::apply([](auto&... t) { return gather_tasks<kReturnExceptions>(std::move(t)...); }, tasks);
}

}  // namespace detail

// Runs the awaitables (tasks or coroutines) concurrently; results in argument order. Coroutines
// become tasks left to right, so the first argument starts first, as in MicroPython.
template <typename... A>
  requires(!detail::any_task_list<A...>)
auto gather(A&&... awaitables) {
  return detail::gather_in_order<false>(std::forward<A>(awaitables)...);
}

// The same, with each exception in place of its result instead of raised.
template <typename... A>
  requires(!detail::any_task_list<A...>)
auto gather(ReturnExceptions, A&&... awaitables) {
  return detail::gather_in_order<true>(std::forward<A>(awaitables)...);
}

namespace detail {
template <bool kReturnExceptions, typename T>
auto gather_list(std::vector<Task<T>> tasks)
    -> Coro<std::vector<std::conditional_t<kReturnExceptions, Outcome<ValueOf<T>>, ValueOf<T>>>> {
  std::vector<TaskNode*> nodes;
  nodes.reserve(tasks.size());
  for (const Task<T>& t : tasks) nodes.push_back(t.node());
  GatherState state;
  state.return_exceptions = kReturnExceptions;
  co_await GatherJoin(state, nodes.data(), nodes.size());
  raise_first_error(state, nodes.data(), nodes.size());
  std::vector<std::conditional_t<kReturnExceptions, Outcome<ValueOf<T>>, ValueOf<T>>> results;
  results.reserve(tasks.size());
  for (const Task<T>& t : tasks) {
    if constexpr (kReturnExceptions)
      results.push_back(outcome_of(t));
    else
      results.push_back(value_of(t));
  }
  co_return results;
}
}  // namespace detail

// MicroPython's gather(*tasks): a list of tasks made at run time, all of one result type; the
// results in list order (an empty list gives an empty one).
template <typename T>
auto gather(std::vector<Task<T>> tasks) {
  return detail::gather_list<false>(std::move(tasks));
}
template <typename T>
auto gather(ReturnExceptions, std::vector<Task<T>> tasks) {
  return detail::gather_list<true>(std::move(tasks));
}

}  // namespace asyncio
