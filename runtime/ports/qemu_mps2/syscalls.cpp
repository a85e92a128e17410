// newlib's system calls for test firmware on QEMU's mps2-an385: stdout and stderr go out through
// ARM semihosting (SYS_WRITE0), exit() ends QEMU with the status (SYS_EXIT_EXTENDED). asyncboard
// speaks the same calls, so output and status compare line for line across the two machines.
#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>

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
extern char __heap_start, __heap_end;

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
  const uint32_t block[2] = {kApplicationExit, static_cast<uint32_t>(status)};
  semihost(kSysExitExtended, block);
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
