// SPDX-License-Identifier: GPL-2.0-or-later
// ARM semihosting, the ecosystem's way for test firmware to print and exit on emulators (the same
// ELF runs on qemu-system-arm -semihosting): SYS_WRITEC, SYS_WRITE0, SYS_WRITE, SYS_CLOCK, SYS_EXIT.
#include <stdint.h>

namespace {

uint32_t semihost(uint32_t op, const void* arg) {
  register uint32_t r0 __asm("r0") = op;
  register const void* r1 __asm("r1") = arg;
  __asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

constexpr uint32_t SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04, SYS_WRITE = 0x05, SYS_CLOCK = 0x10, SYS_EXIT_EXTENDED = 0x20;
constexpr uint32_t ADP_Stopped_ApplicationExit = 0x20026;

}  // namespace

int main() {
  semihost(SYS_WRITE0, "semihosting: write0\n");
  char c = 'C';
  semihost(SYS_WRITEC, &c);
  const char text[] = "-writec, write\n";
  uint32_t block[3] = {1, reinterpret_cast<uint32_t>(text), sizeof text - 1};  // stdout, buffer, length
  uint32_t not_written = semihost(SYS_WRITE, block);
  uint32_t clock_cs = semihost(SYS_CLOCK, nullptr);
  volatile uint32_t spin = 0;
  for (int i = 0; i < 200000; ++i) spin = spin + 1;  // ~1.3 ms of virtual time at 64 MHz: not 1 cs yet
  uint32_t later_cs = semihost(SYS_CLOCK, nullptr);
  const char* verdict = not_written == 0 && later_cs >= clock_cs ? "semihosting: ok\n" : "semihosting: WRONG\n";
  semihost(SYS_WRITE0, verdict);
  uint32_t exit_block[2] = {ADP_Stopped_ApplicationExit, 7};  // reason, exit status
  semihost(SYS_EXIT_EXTENDED, exit_block);
  for (;;) {
  }
}
