// SPDX-License-Identifier: MIT
// machine::UART: the board's console UART as an asyncio stream, after MicroPython's machine.UART
// wrapped in asyncio.StreamReader. Received bytes are moved by the UART's receive interrupt into a
// buffer and wake the waiting task through a ThreadSafeFlag; a task awaits whole lines:
//
//   machine::UART console(0);                         // 115200 baud, 8N1: the board's UART0
//   for (;;) {
//     std::string line = co_await console.readline();   // through the '\n', which is included
//     ...
//   }
//
// One UART object at a time (the interrupt handler serves that one). Task context, except that
// nothing here may be awaited from two tasks at once (like a StreamReader). Writing is plain:
// the board's transmitter takes each byte at once, so write() never waits.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include <string>
#include <string_view>

#include "asyncio/coro.h"
#include "asyncio/thread_safe_flag.h"

namespace machine {

class UART {
 public:
  static constexpr size_t kBufferSize = 256;  // received bytes waiting for a reader
  static constexpr size_t kLineLimit = 256;   // readline() returns a longer line in pieces this long

  // Throws std::invalid_argument for an id other than 0. The baud rate is the board's (115200);
  // another is accepted as on an emulator, where the wire has no speed of its own.
  explicit UART(int id, uint32_t baudrate = 115200);
  ~UART();
  UART(const UART&) = delete;
  UART& operator=(const UART&) = delete;

  // Bytes received and not read yet.
  size_t any() const;
  // Waits for at least one byte, then returns up to n of those waiting.
  asyncio::Coro<std::string> read(size_t n);
  // Waits for a whole line and returns it with its '\n' (or kLineLimit bytes of a longer one).
  asyncio::Coro<std::string> readline();
  void write(std::string_view data);
  // Bytes lost because the buffer was full when they arrived (a reader that does not keep up).
  uint32_t overruns() const;

 private:
  size_t take(std::string& out, size_t n, bool through_newline);
  asyncio::ThreadSafeFlag received_;
};

}  // namespace machine
