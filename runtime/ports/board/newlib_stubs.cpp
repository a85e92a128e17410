// SPDX-License-Identifier: MIT
// newlib's system calls that do not depend on where output goes: the heap (from the end of .bss up
// to the main stack's reserve, as board_sections.ld lays it out) and the file calls a bare-metal
// program has no use for. Shared by the board's syscalls.cpp and by ports/qemu_mps2, which add
// _write and _exit for their own machine.
#include <errno.h>
#include <stddef.h>
#include <sys/stat.h>

extern "C" {
extern char __heap_start, __heap_end;

// The heap's break, under a name tools find in the symbol table: newlib's malloc rarely gives memory
// back, so the break is the heap's high-water mark -- the simulator's tests read it to show that a
// misbehaving network client cannot grow the firmware's memory without limit.
__attribute__((used)) char* asyncio_heap_break = &__heap_start;

void* _sbrk(ptrdiff_t increment) {
  char* brk = asyncio_heap_break;
  if (brk + increment > &__heap_end || brk + increment < &__heap_start) {
    errno = ENOMEM;
    return reinterpret_cast<void*>(-1);
  }
  asyncio_heap_break = brk + increment;
  return brk;
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
