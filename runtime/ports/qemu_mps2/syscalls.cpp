// SPDX-License-Identifier: MIT
// newlib's system calls for test firmware on QEMU's mps2-an385: stdout and stderr go out through
// ARM semihosting (SYS_WRITE0), exit() ends QEMU with the status (SYS_EXIT_EXTENDED). asyncboard
// speaks the same calls, so output and status compare line for line across the two machines. The
// heap and the other calls are the board's (ports/board/newlib_stubs.cpp).
#include <errno.h>
#include <stdint.h>

namespace {
uint32_t semihost(uint32_t op, const void* arg) {
  register uint32_t r0 __asm("r0") = op;
  register const void* r1 __asm("r1") = arg;
  __asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}
constexpr uint32_t kSysWrite0 = 0x04, kSysExitExtended = 0x20;
constexpr uint32_t kApplicationExit = 0x20026;
}  // namespace

extern "C" {
int _write(int fd, const char* buf, int len) {
  if (fd != 1 && fd != 2) {
    errno = EBADF;
    return -1;
  }
  char chunk[65];
  for (int done = 0; done < len;) {
    int n = 0;
    while (n < 64 && done + n < len) {
      chunk[n] = buf[done + n];
      ++n;
    }
    chunk[n] = 0;
    semihost(kSysWrite0, chunk);
    done += n;
  }
  return len;
}

[[noreturn]] void _exit(int status) {
  const uint32_t block[2] = {kApplicationExit, static_cast<uint32_t>(status)};
  semihost(kSysExitExtended, block);
  for (;;) __asm volatile("wfi");
}
}
