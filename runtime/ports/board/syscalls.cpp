// SPDX-License-Identifier: MIT
// newlib's system calls for the board: stdout/stderr go to UART0 and _exit reports the status to
// the simulator. The heap and the other calls are in newlib_stubs.cpp.
#include <errno.h>
#include <stdint.h>

#include "board/memory_map.h"
#include "board/registers.h"

namespace {
volatile uint32_t* reg(uint32_t base, uint32_t offset) { return reinterpret_cast<volatile uint32_t*>(base + offset); }
}  // namespace

extern "C" {
int _write(int fd, const char* buf, int len) {
  if (fd != 1 && fd != 2) {
    errno = EBADF;
    return -1;
  }
  for (int i = 0; i < len; ++i) {
    while (!(*reg(board::kUart0Base, board::uart::STATUS) & board::uart::STATUS_TX_READY)) {
    }
    *reg(board::kUart0Base, board::uart::DATA) = static_cast<uint8_t>(buf[i]);
  }
  return len;
}

[[noreturn]] void _exit(int status) {
  *reg(board::kSimControlBase, board::simctl::EXIT) = static_cast<uint32_t>(status);
  for (;;) __asm volatile("wfi");
}
}
