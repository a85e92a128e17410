// SPDX-License-Identifier: GPL-2.0-or-later
#include <catch2/catch.hpp>

#include <optional>

#include "board/registers.h"
#include "devices/timebase.h"
#include "diagnostic_log.h"
#include "fake_scheduler.h"

using devices::Timebase;
using devices::testing::DiagnosticLog;
using devices::testing::FakeScheduler;
namespace tb = board::timebase;

namespace {
uint32_t rd(Timebase& t, uint32_t offset) { return t.registers().read(offset, 4); }
void wr(Timebase& t, uint32_t offset, uint32_t value) { t.registers().write(offset, 4, value); }

// As firmware reads the counter: low half first, then the latched high half.
uint64_t read_count(Timebase& t) {
  uint32_t lo = rd(t, tb::COUNT_LO);
  uint32_t hi = rd(t, tb::COUNT_HI);
  return (uint64_t{hi} << 32) | lo;
}

// As firmware arms a deadline: low half, then the high half that arms.
void arm_at(Timebase& t, uint64_t us) {
  wr(t, tb::CMP_LO, static_cast<uint32_t>(us));
  wr(t, tb::CMP_HI, static_cast<uint32_t>(us >> 32));
}

bool matched(Timebase& t) { return (rd(t, tb::STATUS) & tb::STATUS_MATCH) != 0; }

constexpr uint64_t kUs = 1000;  // nanoseconds
}  // namespace

TEST_CASE("COUNT is whole microseconds of virtual time since reset", "[timebase]") {
  FakeScheduler clock;
  Timebase t("TIMEBASE", clock);
  CHECK(read_count(t) == 0);
  clock.advance_to(999);
  CHECK(read_count(t) == 0);
  clock.advance_to(1'234'567'999);
  CHECK(read_count(t) == 1'234'567);
  CHECK(t.count_us() == 1'234'567);
}

TEST_CASE("COUNT counts past 32 bits", "[timebase]") {
  FakeScheduler clock;
  Timebase t("TIMEBASE", clock);
  clock.advance_to((uint64_t{5} << 32) * kUs + 7 * kUs);
  CHECK(read_count(t) == (uint64_t{5} << 32) + 7);
}

TEST_CASE("reading COUNT_LO latches COUNT_HI, so a wrap between the two reads cannot tear", "[timebase]") {
  FakeScheduler clock;
  Timebase t("TIMEBASE", clock);
  clock.advance_to((uint64_t{0xFFFF'FFFF}) * kUs);  // low half at its last value
  uint32_t lo = rd(t, tb::COUNT_LO);
  clock.advance_by(2 * kUs);  // the low half wraps, the high half becomes 1
  uint32_t hi = rd(t, tb::COUNT_HI);
  CHECK(lo == 0xFFFF'FFFFu);
  CHECK(hi == 0);
  CHECK(read_count(t) == (uint64_t{1} << 32) + 1);
}

TEST_CASE("a compare at or before COUNT matches as soon as CMP_HI is written", "[timebase]") {
  FakeScheduler clock;
  Timebase t("TIMEBASE", clock);
  wr(t, tb::CTRL, tb::CTRL_IRQ);
  clock.advance_to(500 * kUs);

  SECTION("in the past") { arm_at(t, 100); }
  SECTION("exactly now") { arm_at(t, 500); }

  // The line and the state first: reading STATUS could itself catch up on a late match.
  CHECK(t.irq().level());
  CHECK_FALSE(t.armed());
  CHECK(clock.pending() == 0);
  CHECK(matched(t));
}

TEST_CASE("a future compare matches only when the clock reaches it", "[timebase]") {
  FakeScheduler clock;
  Timebase t("TIMEBASE", clock);
  wr(t, tb::CTRL, tb::CTRL_IRQ);
  arm_at(t, 250);
  CHECK(t.armed());
  CHECK(t.compare_us() == 250);
  CHECK(rd(t, tb::CMP_LO) == 250);
  CHECK(rd(t, tb::CMP_HI) == 0);

  clock.advance_to(250 * kUs - 1);
  CHECK_FALSE(matched(t));
  CHECK_FALSE(t.irq().level());
  CHECK(t.armed());

  clock.advance_to(250 * kUs);
  CHECK(t.irq().level());  // delivered by the scheduler, before any STATUS read
  CHECK_FALSE(t.armed());
  CHECK(matched(t));
}

TEST_CASE("a compare beyond 32 bits uses both halves", "[timebase]") {
  FakeScheduler clock;
  Timebase t("TIMEBASE", clock);
  uint64_t deadline = (uint64_t{1} << 32) + 10;
  arm_at(t, deadline);
  clock.advance_to(10 * kUs);  // the low half alone would match here
  CHECK_FALSE(matched(t));
  clock.advance_to(deadline * kUs);
  CHECK(matched(t));
}

TEST_CASE("writing CMP_LO alone does not arm", "[timebase]") {
  FakeScheduler clock;
  Timebase t("TIMEBASE", clock);
  clock.advance_to(100 * kUs);
  wr(t, tb::CMP_LO, 50);  // in the past: would match at once if it armed
  CHECK_FALSE(matched(t));
  CHECK_FALSE(t.armed());
  CHECK(clock.pending() == 0);
  wr(t, tb::CMP_LO, 200);
  clock.advance_to(300 * kUs);
  CHECK_FALSE(matched(t));
}

TEST_CASE("re-arming cancels the previous compare", "[timebase]") {
  FakeScheduler clock;
  Timebase t("TIMEBASE", clock);

  SECTION("to a later deadline") {
    arm_at(t, 100);
    arm_at(t, 200);
    CHECK(clock.pending() == 1);
    clock.advance_to(150 * kUs);
    CHECK_FALSE(matched(t));
    clock.advance_to(200 * kUs);
    CHECK(matched(t));
  }
  SECTION("to an earlier deadline") {
    arm_at(t, 200);
    arm_at(t, 100);
    clock.advance_to(100 * kUs);
    REQUIRE(matched(t));
    wr(t, tb::STATUS, tb::STATUS_MATCH);
    clock.advance_to(300 * kUs);
    CHECK_FALSE(matched(t));
  }
  SECTION("to a deadline already past") {
    clock.advance_to(50 * kUs);
    arm_at(t, 100);
    arm_at(t, 10);
    REQUIRE(matched(t));
    CHECK(clock.pending() == 0);
    wr(t, tb::STATUS, tb::STATUS_MATCH);
    clock.advance_to(300 * kUs);
    CHECK_FALSE(matched(t));
  }
}

TEST_CASE("STATUS write-1 clears MATCH and drops the line, writing 0 does not", "[timebase]") {
  FakeScheduler clock;
  Timebase t("TIMEBASE", clock);
  wr(t, tb::CTRL, tb::CTRL_IRQ);
  arm_at(t, 0);
  REQUIRE(t.irq().level());
  wr(t, tb::STATUS, 0);
  CHECK(matched(t));
  CHECK(t.irq().level());
  wr(t, tb::STATUS, tb::STATUS_MATCH);
  CHECK_FALSE(matched(t));
  CHECK_FALSE(t.irq().level());
}

TEST_CASE("CTRL_IRQ gates the line: MATCH alone does not raise it", "[timebase]") {
  FakeScheduler clock;
  Timebase t("TIMEBASE", clock);
  arm_at(t, 0);
  REQUIRE(matched(t));
  CHECK_FALSE(t.irq().level());
  wr(t, tb::CTRL, 0xFFFF'FFFF);
  CHECK(rd(t, tb::CTRL) == tb::CTRL_IRQ);
  CHECK(t.irq().level());  // enabling with MATCH pending raises it
  wr(t, tb::CTRL, 0);
  CHECK_FALSE(t.irq().level());
  CHECK(matched(t));  // disabling the line keeps the event
}

TEST_CASE("a compare is one-shot: it does not match again without re-arming", "[timebase]") {
  FakeScheduler clock;
  Timebase t("TIMEBASE", clock);
  arm_at(t, 10);
  clock.advance_to(10 * kUs);
  REQUIRE(matched(t));
  wr(t, tb::STATUS, tb::STATUS_MATCH);
  clock.advance_to(1'000 * kUs);
  CHECK_FALSE(matched(t));
}

TEST_CASE("STATUS read past the deadline matches even before the scheduler delivers", "[timebase]") {
  FakeScheduler clock;
  Timebase t("TIMEBASE", clock);
  wr(t, tb::CTRL, tb::CTRL_IRQ);
  arm_at(t, 100);
  clock.jump_to(120 * kUs);  // time moved, the event is not delivered yet
  CHECK(matched(t));
  CHECK(t.irq().level());
  CHECK(clock.pending() == 0);  // the late event is withdrawn, so it cannot match twice
}

TEST_CASE("a compare no 64-bit nanosecond clock reaches never matches", "[timebase]") {
  FakeScheduler clock;
  Timebase t("TIMEBASE", clock);
  SECTION("just past the reach: compare * 1000 would wrap to 384 ns") {
    arm_at(t, 18'446'744'073'709'552ull);
  }
  SECTION("all ones, firmware's 'never'") { arm_at(t, ~uint64_t{0}); }
  clock.advance_to(1'000'000 * kUs);
  CHECK_FALSE(matched(t));
  CHECK(t.armed());
}

TEST_CASE("a destroyed time base withdraws its pending compare", "[timebase]") {
  FakeScheduler clock;
  std::optional<Timebase> t;
  t.emplace("TIMEBASE", clock);
  arm_at(*t, 100);
  REQUIRE(clock.pending() == 1);
  t.reset();
  CHECK(clock.pending() == 0);
}

TEST_CASE("COUNT is read-only and odd accesses are reported with the time base's name", "[timebase]") {
  FakeScheduler clock;
  Timebase t("TIMEBASE", clock);
  DiagnosticLog log;
  log.attach(t.registers());
  clock.advance_to(42 * kUs);
  wr(t, tb::COUNT_LO, 0);
  wr(t, tb::COUNT_HI, 0);
  rd(t, 0x1C);
  CHECK(read_count(t) == 42);
  REQUIRE(log.lines.size() == 3);
  CHECK(log.lines[0] == "TIMEBASE: write of 0x0 to read-only register COUNT_LO (0x00) ignored");
  CHECK(log.lines[1] == "TIMEBASE: write of 0x0 to read-only register COUNT_HI (0x04) ignored");
  CHECK(log.lines[2] == "TIMEBASE: read of reserved offset 0x1C returns 0");
}

TEST_CASE("timebase COUNT_MS reads whole milliseconds since reset, wrapping at 32 bits", "[timebase]") {
  devices::testing::FakeScheduler clock;
  devices::Timebase tb("TIMEBASE", clock);
  CHECK(tb.registers().read(board::timebase::COUNT_MS, 4) == 0);
  clock.advance_to(1'999'999);  // 1.999999 ms
  CHECK(tb.registers().read(board::timebase::COUNT_MS, 4) == 1);
  clock.advance_to(4'294'967'296ull * 1'000'000 + 7'000'000);  // 2^32 ms + 7 ms
  CHECK(tb.registers().read(board::timebase::COUNT_MS, 4) == 7);
}
