// SPDX-License-Identifier: MIT
// The exceptions asyncio raises, named as in MicroPython's asyncio.
#pragma once
#include <stdexcept>
#include <string>

namespace asyncio {

// Misuse of the API: current_task() outside a loop, a second ThreadSafeFlag waiter, ...
class RuntimeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Delivered at a task's suspension point by Task::cancel(); may be caught, like in Python.
class CancelledError : public std::exception {
 public:
  const char* what() const noexcept override { return "CancelledError"; }
};

// Raised by wait_for() when the deadline passes first.
class TimeoutError : public std::exception {
 public:
  const char* what() const noexcept override { return "TimeoutError"; }
};

// A duration too long for the tick range (asyncio never lets a deadline wrap).
class OverflowError : public std::overflow_error {
 public:
  using std::overflow_error::overflow_error;
};

// A system-level failure (refused connection, unreachable host, reset), with the error number.
class OSError : public std::runtime_error {
 public:
  OSError(int error, const std::string& what) : std::runtime_error(what), errno_(error) {}
  int error() const noexcept { return errno_; }

 private:
  int errno_;
};

// A stream ended before readexactly() had its bytes.
class EOFError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace asyncio
