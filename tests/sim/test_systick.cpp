// SPDX-License-Identifier: GPL-2.0-or-later
// SysTick's registers on virtual time, from the manual (ARMv7-M B3.3): COUNTFLAG comes from a count
// from 1 to 0 only, so RELOAD 0 does nothing; with no reference clock (CALIB.NOREF) CLKSOURCE reads
// as 1 and ignores writes.
#include <catch2/catch.hpp>

#include <cstdint>

#include "systick.h"
#include "virtual_clock.h"

namespace sim {

namespace {
constexpr uint32_t kCsr = 0x0, kRvr = 0x4, kCvr = 0x8, kCalib = 0xC;
constexpr uint32_t kEnable = 1u << 0, kTickInt = 1u << 1, kClkSource = 1u << 2, kCountFlag = 1u << 16;

struct Bench {
  VirtualClock clock{64'000'000};
  int pends = 0;
  SysTick systick{clock, [this] { ++pends; }};
  uint32_t rd(uint32_t offset) { return systick.registers().read(offset, 4); }
  void wr(uint32_t offset, uint32_t v) { systick.registers().write(offset, 4, v); }
  void run_for(Cycles c) {
    clock.advance_by(c);
    clock.deliver_due();
  }
};
}  // namespace

TEST_CASE("systick without a reference clock: CALIB.NOREF, CLKSOURCE reads 1 and ignores writes", "[systick]") {
  Bench b;
  CHECK((b.rd(kCalib) & (1u << 31)) != 0);
  CHECK((b.rd(kCsr) & kClkSource) != 0);  // from reset
  b.wr(kCsr, 0);
  CHECK((b.rd(kCsr) & kClkSource) != 0);
  b.wr(kCsr, kEnable | kTickInt);
  CHECK((b.rd(kCsr) & (kEnable | kTickInt | kClkSource)) == (kEnable | kTickInt | kClkSource));
}

TEST_CASE("systick COUNTFLAG and the interrupt come from counting 1 to 0", "[systick]") {
  Bench b;
  b.wr(kRvr, 99);
  b.wr(kCvr, 0);
  b.wr(kCsr, kEnable | kTickInt | kClkSource);
  b.run_for(50);
  CHECK((b.rd(kCsr) & kCountFlag) == 0);
  CHECK(b.pends == 0);
  b.run_for(60);  // past the first count to 0
  CHECK(b.pends == 1);
  CHECK((b.rd(kCsr) & kCountFlag) != 0);
  CHECK((b.rd(kCsr) & kCountFlag) == 0);  // the read cleared it
  b.run_for(100);
  CHECK(b.pends == 2);
  b.wr(kCvr, 5);  // clears the counter and COUNTFLAG
  CHECK((b.rd(kCsr) & kCountFlag) == 0);
}

TEST_CASE("systick RELOAD 0 has no effect: no COUNTFLAG, no interrupt, the counter stays 0", "[systick]") {
  Bench b;
  b.wr(kRvr, 0);
  b.wr(kCvr, 0);
  b.wr(kCsr, kEnable | kTickInt | kClkSource);
  b.run_for(1000);
  CHECK(b.rd(kCvr) == 0);
  CHECK((b.rd(kCsr) & kCountFlag) == 0);
  CHECK(b.pends == 0);

  // A RELOAD written while it sits at 0, enabled, is loaded and counted from.
  b.wr(kRvr, 49);
  b.run_for(1);
  CHECK(b.rd(kCvr) > 0);
  b.run_for(60);
  CHECK(b.pends == 1);
  CHECK((b.rd(kCsr) & kCountFlag) != 0);
}

TEST_CASE("systick RELOAD 0 while counting: the last count to 0 still counts, then it stops", "[systick]") {
  Bench b;
  b.wr(kRvr, 99);
  b.wr(kCvr, 0);
  b.wr(kCsr, kEnable | kTickInt | kClkSource);
  b.run_for(50);
  b.wr(kRvr, 0);
  b.run_for(100);
  CHECK(b.pends == 1);
  CHECK((b.rd(kCsr) & kCountFlag) != 0);
  b.run_for(1000);
  CHECK(b.pends == 1);
  CHECK(b.rd(kCvr) == 0);
}

}  // namespace sim
