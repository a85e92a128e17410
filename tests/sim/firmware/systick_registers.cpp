// SPDX-License-Identifier: GPL-2.0-or-later
// SysTick's registers (ARMv7-M B3.3: its operation, SYST_CSR, SYST_RVR, SYST_CVR, SYST_CALIB), the
// counter always on the processor clock (CLKSOURCE 1):
// - RELOAD reads back; any write to SYST_CVR clears it to 0;
// - a disabled counter holds its value;
// - COUNTFLAG is set when the counter goes from 1 to 0, and cleared by a read of SYST_CSR and by a
//   write to SYST_CVR;
// - with TICKINT, the count to 0 pends SysTick (held here by PRIMASK, taken at cpsie); without it,
//   nothing is pended;
// (RELOAD 0 -- no COUNTFLAG, no interrupt: both come from a count from 1 to 0 -- is checked in
// tests/sim/test_systick.cpp instead: QEMU gets it right but says "Timer with delta zero,
// disabling" on the console the trace is read from.)
// - CALIB.NOREF 1 (no reference clock) means CLKSOURCE reads as 1 and ignores writes; with a
//   reference clock CLKSOURCE is writable. (Which one a machine has is IMPLEMENTATION DEFINED:
//   asyncboard has none, QEMU's MPS2 has one, so the trace prints only whether CLKSOURCE agrees.)
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nvic_access.h"

namespace {
constexpr uint32_t kEnable = 1u << 0, kTickInt = 1u << 1, kClkSource = 1u << 2, kCountFlag = 1u << 16;
constexpr uint32_t kPendStSet = 1u << 26, kNoRef = 1u << 31;
volatile uint32_t ticks = 0;

uint32_t cvr() { return scs(board::scs::SYST_CVR); }
unsigned long bit(uint32_t v, uint32_t mask) { return (v & mask) ? 1 : 0; }

// Waits, without reading SYST_CSR, until the counter has wrapped: its value went up (reloaded).
// A counter just started from 0 (a CVR write) reads 0 until its first clock loads RELOAD: that
// load is no count from 1 to 0, so it is skipped.
bool wait_for_wrap() {
  uint32_t previous = cvr();
  for (int i = 0; i < 1000 && previous == 0; ++i) previous = cvr();
  for (int i = 0; i < 200000; ++i) {
    uint32_t now = cvr();
    if (now > previous) return true;
    previous = now;
  }
  return false;
}

void spin(int n) {
  for (int i = 0; i < n; ++i) __asm volatile("" ::: "memory");
}

void start(uint32_t reload, uint32_t csr) {
  scs(board::scs::SYST_CSR) = 0;
  scs(board::scs::SYST_RVR) = reload;
  scs(board::scs::SYST_CVR) = 0;
  scs(board::scs::SYST_CSR) = csr;
}
}  // namespace

extern "C" void SysTick_Handler() { ticks = ticks + 1; }

int main() {
  scs(board::scs::SYST_CSR) = 0;
  scs(board::scs::SYST_RVR) = 0x123456;
  printf("RVR written 0x123456: reads 0x%06lX\n", static_cast<unsigned long>(scs(board::scs::SYST_RVR)));
  scs(board::scs::SYST_CVR) = 0x55;
  printf("CVR written 0x55 (disabled): reads %lu\n", static_cast<unsigned long>(cvr()));

  // Held while disabled.
  start(50000, kEnable | kClkSource);
  spin(200);
  scs(board::scs::SYST_CSR) = 0;
  uint32_t held = cvr();
  spin(200);
  printf("disabled mid-count: value %s, %s\n", held <= 50000 ? "within 0 .. RVR" : "OUT OF RANGE",
         cvr() == held ? "held" : "STILL MOVING");

  // COUNTFLAG: set by the wrap, cleared by the read that saw it.
  start(5000, kEnable | kClkSource);
  bool seen = false;
  for (int i = 0; i < 200000 && !seen; ++i) seen = scs(board::scs::SYST_CSR) & kCountFlag;
  uint32_t again = scs(board::scs::SYST_CSR);
  printf("COUNTFLAG after a wrap: %s; the next read: %lu\n", seen ? "seen" : "NEVER SEEN", bit(again, kCountFlag));

  // Cleared by a write to CVR (with one wrap behind us, unread); left set without one.
  start(50000, kEnable | kClkSource);
  bool wrapped = wait_for_wrap();
  scs(board::scs::SYST_CVR) = 0;
  uint32_t after_write = scs(board::scs::SYST_CSR);
  bool wrapped_again = wait_for_wrap();
  uint32_t unread = scs(board::scs::SYST_CSR);
  printf("COUNTFLAG after a wrap (%s) and a CVR write: %lu; after a wrap (%s) alone: %lu\n",
         wrapped ? "seen" : "NONE", bit(after_write, kCountFlag), wrapped_again ? "seen" : "NONE",
         bit(unread, kCountFlag));

  // TICKINT pends SysTick at the count to 0; without it nothing is pended.
  __asm volatile("cpsid i" ::: "memory");
  start(5000, kEnable | kTickInt | kClkSource);
  wrapped = wait_for_wrap();
  scs(board::scs::SYST_CSR) = 0;
  uint32_t pended = scs(board::scs::ICSR) & kPendStSet;
  uint32_t ran_masked = ticks;
  __asm volatile("cpsie i\n\tisb" ::: "memory");
  printf("TICKINT, wrapped (%s) under PRIMASK: PENDSTSET %lu, handler ran %lu, after cpsie %lu\n",
         wrapped ? "seen" : "NONE", bit(pended, kPendStSet), static_cast<unsigned long>(ran_masked),
         static_cast<unsigned long>(ticks));
  __asm volatile("cpsid i" ::: "memory");
  start(5000, kEnable | kClkSource);
  wrapped = wait_for_wrap();
  scs(board::scs::SYST_CSR) = 0;
  pended = scs(board::scs::ICSR) & kPendStSet;
  __asm volatile("cpsie i\n\tisb" ::: "memory");
  printf("no TICKINT, wrapped (%s): PENDSTSET %lu, handler ran %lu in all\n", wrapped ? "seen" : "NONE",
         bit(pended, kPendStSet), static_cast<unsigned long>(ticks));

  // CLKSOURCE against CALIB.NOREF.
  bool noref = scs(board::scs::SYST_CALIB) & kNoRef;
  scs(board::scs::SYST_CSR) = 0;
  uint32_t written_0 = scs(board::scs::SYST_CSR) & kClkSource;
  scs(board::scs::SYST_CSR) = kClkSource;
  uint32_t written_1 = scs(board::scs::SYST_CSR) & kClkSource;
  bool agrees = noref ? (written_0 && written_1) : (!written_0 && written_1);
  printf("CLKSOURCE written 0 and 1 reads as CALIB.NOREF prescribes: %s\n", agrees ? "yes" : "NO");
  scs(board::scs::SYST_CSR) = 0;
  exit(0);
}
