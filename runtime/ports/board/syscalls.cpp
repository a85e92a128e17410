// newlib's system calls for the board: stdout/stderr go to UART0, the heap grows from the end of
// .bss up to the main stack's reserve, and _exit reports the status to the simulator.
#include <errno.h>
#include <sys/stat.h>
#include <stdint.h>

#include "board/memory_map.h"
#include "board/registers.h"

namespace {
volatile uint32_t* reg(uint32_t base, uint32_t offset) { return reinterpret_cast<volatile uint32_t*>(base + offset); }
}  // namespace

extern "C" {
extern char __heap_start, __heap_end;

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

void* _sbrk(ptrdiff_t increment) {
  static char* brk = &__heap_start;
  if (brk + increment > &__heap_end || brk + increment < &__heap_start) {
    errno = ENOMEM;
    return reinterpret_cast<void*>(-1);
  }
  char* old = brk;
  brk += increment;
  return old;
}

[[noreturn]] void _exit(int status) {
  *reg(board::kSimControlBase, board::simctl::EXIT) = static_cast<uint32_t>(status);
  for (;;) __asm volatile("wfi");
}

int _read(int, char*, int) { errno = ENOSYS; return -1; }
int _close(int) { return -1; }
int _lseek(int, int, int) { return 0; }
int _isatty(int fd) { return fd <= 2; }
int _fstat(int, struct stat* st) {
  st->st_mode = S_IFCHR;
  return 0;
}
int _getpid() { return 1; }
int _kill(int, int) { errno = EINVAL; return -1; }
}
