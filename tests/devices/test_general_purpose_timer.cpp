// SPDX-License-Identifier: GPL-2.0-or-later
// The general-purpose timer without a CPU: the counter from virtual time, periodic and one-shot
// update events, compare channels, write-1-to-clear STATUS, the IRQ line, PWM outputs as duties,
// and how few events it schedules.
#include <catch2/catch.hpp>

#include <utility>
#include <vector>

#include "board/registers.h"
#include "devices/general_purpose_timer.h"
#include "diagnostic_log.h"
#include "fake_scheduler.h"

using devices::GeneralPurposeTimer;
using devices::Nanoseconds;
using devices::testing::DiagnosticLog;
using devices::testing::FakeScheduler;
namespace tim = board::timer;

namespace {

constexpr Nanoseconds us(uint64_t v) { return v * 1'000; }
constexpr Nanoseconds ms(uint64_t v) { return v * 1'000'000; }

uint32_t rd(GeneralPurposeTimer& t, uint32_t offset) { return t.registers().read(offset, 4); }
void wr(GeneralPurposeTimer& t, uint32_t offset, uint32_t value) { t.registers().write(offset, 4, value); }

// The instants the IRQ line rose.
struct IrqEdges {
  std::vector<Nanoseconds> rises;
  IrqEdges(GeneralPurposeTimer& t, FakeScheduler& clock) {
    t.irq().connect([this, &clock](bool level) {
      if (level) rises.push_back(clock.now_ns());
    });
  }
};

}  // namespace

TEST_CASE("the counter ticks at the prescaled rate and wraps at PERIOD", "[timer]") {
  FakeScheduler clock;
  GeneralPurposeTimer t("TIMER0", clock);
  wr(t, tim::PRESCALER, 9);  // 1 MHz / 10: a tick every 10 us
  wr(t, tim::PERIOD, 100);
  CHECK(t.tick_ns() == us(10));
  CHECK(rd(t, tim::COUNT) == 0);
  clock.advance_to(us(50));
  CHECK(rd(t, tim::COUNT) == 0);  // not enabled: holds
  wr(t, tim::CTRL, tim::CTRL_ENABLE);
  clock.advance_to(us(50 + 259));
  CHECK(rd(t, tim::COUNT) == 25);
  CHECK(rd(t, tim::STATUS) == 0);
  clock.advance_to(us(50 + 1'055));
  CHECK(rd(t, tim::COUNT) == 5);  // 105 ticks: wrapped once
  CHECK(rd(t, tim::STATUS) == tim::STATUS_UPDATE);
  wr(t, tim::CTRL, 0);
  clock.advance_to(ms(5));
  CHECK(rd(t, tim::COUNT) == 5);  // stopped: holds where it was
  CHECK(t.count() == 5);
  CHECK_FALSE(t.running());
}

TEST_CASE("a periodic update interrupt rises every period, one scheduled event at a time", "[timer]") {
  FakeScheduler clock;
  GeneralPurposeTimer t("TIMER0", clock);
  IrqEdges edges(t, clock);
  wr(t, tim::PERIOD, 1000);  // 1 ms at 1 us ticks
  wr(t, tim::IRQ_ENABLE, tim::STATUS_UPDATE);
  wr(t, tim::CTRL, tim::CTRL_ENABLE);
  CHECK(clock.pending() == 1);
  for (int k = 1; k <= 5; ++k) {
    clock.advance_to(ms(k) - 1);
    CHECK_FALSE(t.irq().level());
    clock.advance_to(ms(k));
    REQUIRE(t.irq().level());
    CHECK(rd(t, tim::STATUS) == tim::STATUS_UPDATE);
    CHECK(clock.pending() == 0);  // the line is high: nothing to wait for until it is cleared
    clock.advance_to(ms(k) + us(200));  // the handler runs a little later
    wr(t, tim::STATUS, tim::STATUS_UPDATE);
    CHECK_FALSE(t.irq().level());
    CHECK(clock.pending() == 1);
  }
  CHECK(edges.rises == std::vector<Nanoseconds>{ms(1), ms(2), ms(3), ms(4), ms(5)});
}

TEST_CASE("compare channels raise their own status bits when the counter reaches them", "[timer]") {
  FakeScheduler clock;
  GeneralPurposeTimer t("TIMER0", clock);
  IrqEdges edges(t, clock);
  wr(t, tim::PERIOD, 1000);
  wr(t, tim::CMP0, 250);
  wr(t, tim::CMP1, 750);
  wr(t, tim::IRQ_ENABLE, tim::STATUS_CC0 | tim::STATUS_CC1);
  wr(t, tim::CTRL, tim::CTRL_ENABLE);
  clock.advance_to(us(250));
  CHECK(rd(t, tim::STATUS) == tim::STATUS_CC0);
  wr(t, tim::STATUS, tim::STATUS_CC0);
  clock.advance_to(us(750));
  CHECK(rd(t, tim::STATUS) == tim::STATUS_CC1);
  wr(t, tim::STATUS, 0xFF);
  clock.advance_to(us(1'250));
  // UPDATE (at 1 ms) is recorded too: STATUS holds every event, IRQ_ENABLE picks the line's.
  CHECK(rd(t, tim::STATUS) == (tim::STATUS_CC0 | tim::STATUS_UPDATE));
  CHECK(edges.rises == std::vector<Nanoseconds>{us(250), us(750), us(1'250)});
}

TEST_CASE("STATUS records every event, enabled or not, and write 1 clears only those bits", "[timer]") {
  FakeScheduler clock;
  GeneralPurposeTimer t("TIMER0", clock);
  wr(t, tim::PERIOD, 100);
  wr(t, tim::CMP0, 10);
  wr(t, tim::CMP1, 90);
  wr(t, tim::CTRL, tim::CTRL_ENABLE);
  clock.advance_to(us(50));
  CHECK(rd(t, tim::STATUS) == tim::STATUS_CC0);
  CHECK(clock.pending() == 0);  // no interrupt enabled: nothing scheduled at all
  clock.advance_to(us(350));
  CHECK(rd(t, tim::STATUS) == (tim::STATUS_UPDATE | tim::STATUS_CC0 | tim::STATUS_CC1));
  wr(t, tim::STATUS, tim::STATUS_CC0);
  CHECK(rd(t, tim::STATUS) == (tim::STATUS_UPDATE | tim::STATUS_CC1));
  CHECK_FALSE(t.irq().level());
  wr(t, tim::IRQ_ENABLE, tim::STATUS_CC1);  // enabling a bit already set raises the line
  CHECK(t.irq().level());
}

TEST_CASE("a compare of 0, or at or past PERIOD, never matches", "[timer]") {
  FakeScheduler clock;
  GeneralPurposeTimer t("TIMER0", clock);
  wr(t, tim::PERIOD, 100);
  wr(t, tim::CMP0, 100);
  wr(t, tim::CMP1, 0);
  wr(t, tim::IRQ_ENABLE, tim::STATUS_CC0 | tim::STATUS_CC1);
  wr(t, tim::CTRL, tim::CTRL_ENABLE);
  CHECK(clock.pending() == 0);
  clock.advance_to(ms(1));
  CHECK(rd(t, tim::STATUS) == tim::STATUS_UPDATE);
  CHECK_FALSE(t.irq().level());
}

TEST_CASE("a one-shot runs one period, raises UPDATE, then stops with COUNT 0 and ENABLE clear", "[timer]") {
  FakeScheduler clock;
  GeneralPurposeTimer t("TIMER0", clock);
  IrqEdges edges(t, clock);
  wr(t, tim::PERIOD, 500);
  wr(t, tim::CMP0, 200);
  wr(t, tim::IRQ_ENABLE, tim::STATUS_UPDATE | tim::STATUS_CC0);
  wr(t, tim::CTRL, tim::CTRL_ENABLE | tim::CTRL_ONE_SHOT);
  CHECK(t.running());
  clock.advance_to(us(200));
  CHECK(rd(t, tim::STATUS) == tim::STATUS_CC0);
  wr(t, tim::STATUS, tim::STATUS_CC0);
  clock.advance_to(us(499));
  CHECK(rd(t, tim::COUNT) == 499);
  clock.advance_to(us(500));
  CHECK(rd(t, tim::STATUS) == tim::STATUS_UPDATE);
  CHECK(rd(t, tim::CTRL) == tim::CTRL_ONE_SHOT);
  CHECK(rd(t, tim::COUNT) == 0);
  CHECK_FALSE(t.running());
  wr(t, tim::STATUS, tim::STATUS_UPDATE);
  CHECK(clock.pending() == 0);
  clock.advance_to(ms(10));
  CHECK(rd(t, tim::STATUS) == 0);
  CHECK(edges.rises == std::vector<Nanoseconds>{us(200), us(500)});
  // Enabling again runs another period from 0.
  wr(t, tim::CTRL, tim::CTRL_ENABLE | tim::CTRL_ONE_SHOT);
  clock.advance_to(ms(10) + us(500));
  CHECK(rd(t, tim::STATUS) == (tim::STATUS_CC0 | tim::STATUS_UPDATE));
  CHECK(rd(t, tim::CTRL) == tim::CTRL_ONE_SHOT);
}

TEST_CASE("an event the scheduler has not delivered yet is already in STATUS when firmware reads", "[timer]") {
  FakeScheduler clock;
  GeneralPurposeTimer t("TIMER0", clock);
  wr(t, tim::PERIOD, 1000);
  wr(t, tim::IRQ_ENABLE, tim::STATUS_UPDATE);
  wr(t, tim::CTRL, tim::CTRL_ENABLE | tim::CTRL_ONE_SHOT);
  clock.jump_to(us(1'500));  // past the end, nothing delivered
  CHECK(rd(t, tim::STATUS) == tim::STATUS_UPDATE);
  CHECK(t.irq().level());
  CHECK(rd(t, tim::CTRL) == tim::CTRL_ONE_SHOT);
  CHECK(clock.pending() == 0);  // the stale event went with it
}

TEST_CASE("writes while running: PRESCALER keeps the count, COUNT moves it, a shorter PERIOD wraps", "[timer]") {
  FakeScheduler clock;
  GeneralPurposeTimer t("TIMER0", clock);
  IrqEdges edges(t, clock);
  wr(t, tim::PERIOD, 1000);
  wr(t, tim::IRQ_ENABLE, tim::STATUS_UPDATE);
  wr(t, tim::CTRL, tim::CTRL_ENABLE);
  clock.advance_to(us(100));
  wr(t, tim::PRESCALER, 1);  // now 2 us per tick
  CHECK(rd(t, tim::COUNT) == 100);
  clock.advance_to(us(300));
  CHECK(rd(t, tim::COUNT) == 200);
  wr(t, tim::COUNT, 990);  // 10 ticks (20 us) before the wrap
  clock.advance_to(us(320));
  CHECK(edges.rises == std::vector<Nanoseconds>{us(320)});
  wr(t, tim::STATUS, tim::STATUS_UPDATE);
  clock.advance_to(us(420));
  CHECK(rd(t, tim::COUNT) == 50);
  wr(t, tim::PERIOD, 40);  // COUNT 50 is past the new period: it wraps now
  CHECK(rd(t, tim::COUNT) == 0);
  CHECK(rd(t, tim::STATUS) == tim::STATUS_UPDATE);
  CHECK(edges.rises.back() == us(420));
}

TEST_CASE("PWM: an output's duty is CMP / PERIOD while running, and costs no events", "[timer]") {
  FakeScheduler clock;
  GeneralPurposeTimer t("TIMER0", clock);
  std::vector<std::pair<int, double>> told;
  t.on_output_change([&told](int ch, double duty) { told.emplace_back(ch, duty); });
  wr(t, tim::PERIOD, 1000);  // 1 kHz
  wr(t, tim::CMP0, 250);
  wr(t, tim::CMP1, 1000);
  CHECK(told.empty());  // outputs not enabled: held low
  wr(t, tim::OUTPUT, 0b11);
  // Stopped: each output holds COUNT (0) < CMP.
  CHECK(told == std::vector<std::pair<int, double>>{{0, 1.0}, {1, 1.0}});
  wr(t, tim::CTRL, tim::CTRL_ENABLE);
  CHECK(t.output_duty(0) == 0.25);
  CHECK(t.output_duty(1) == 1.0);  // CMP at PERIOD: always high
  CHECK(clock.pending() == 0);
  clock.advance_to(ms(7) + us(100));
  CHECK(t.output_level(0));
  clock.advance_to(ms(7) + us(250));
  CHECK_FALSE(t.output_level(0));
  CHECK(t.output_level(1));
  wr(t, tim::CMP0, 500);
  CHECK(t.output_duty(0) == 0.5);
  wr(t, tim::CMP0, 0);
  CHECK(t.output_duty(0) == 0.0);
  wr(t, tim::OUTPUT, 0b10);
  wr(t, tim::CTRL, 0);  // stopped at COUNT 250 < CMP1: output 1 holds high
  CHECK(t.output_duty(1) == 1.0);
  CHECK(t.output_duty(0) == 0.0);
  CHECK(told == std::vector<std::pair<int, double>>{{0, 1.0}, {1, 1.0}, {0, 0.25}, {0, 0.5}, {0, 0.0}});
  CHECK(clock.pending() == 0);
}

TEST_CASE("a one-shot's outputs change when it stops, at the scheduled instant", "[timer]") {
  FakeScheduler clock;
  GeneralPurposeTimer t("TIMER0", clock);
  std::vector<std::pair<Nanoseconds, double>> told;
  t.on_output_change([&](int, double duty) { told.emplace_back(clock.now_ns(), duty); });
  wr(t, tim::PERIOD, 100);
  wr(t, tim::CMP0, 100);
  wr(t, tim::OUTPUT, 1);  // stopped, COUNT 0 < 100: high
  wr(t, tim::CMP0, 0);    // low
  wr(t, tim::CTRL, tim::CTRL_ENABLE | tim::CTRL_ONE_SHOT);
  wr(t, tim::CMP0, 50);  // a pulse: high for half the period
  clock.advance_to(ms(1));
  CHECK(told == std::vector<std::pair<Nanoseconds, double>>{{0, 1.0}, {0, 0.0}, {0, 0.5}, {us(100), 1.0}});
  CHECK_FALSE(t.running());
}

TEST_CASE("odd writes are reported by name and kept to 16 bits", "[timer]") {
  FakeScheduler clock;
  GeneralPurposeTimer t("TIMER1", clock);
  DiagnosticLog log;
  log.attach(t.registers());
  wr(t, tim::CTRL, tim::CTRL_ENABLE);
  CHECK_FALSE(t.running());
  wr(t, tim::PERIOD, 0x1'0010);
  CHECK(rd(t, tim::PERIOD) == 0x10);
  CHECK(t.running());  // a period at last
  wr(t, tim::COUNT, 0x20);
  CHECK(rd(t, tim::COUNT) == 0);
  wr(t, tim::CTRL, 0x80 | tim::CTRL_ENABLE);
  CHECK(rd(t, tim::CTRL) == tim::CTRL_ENABLE);
  wr(t, tim::OUTPUT, 0xFF);
  CHECK(rd(t, tim::OUTPUT) == 0b11);
  REQUIRE(log.lines.size() == 4);
  CHECK(log.lines[0] == "TIMER1: enabled with PERIOD 0: the counter holds until PERIOD is set");
  CHECK(log.lines[1] == "TIMER1: PERIOD 0x10010 does not fit 16 bits: 0x10 kept");
  CHECK(log.lines[2] == "TIMER1: COUNT 32 is not below PERIOD 16: the counter is set to 0");
  CHECK(log.lines[3] == "TIMER1: CTRL 0x81: only ENABLE and ONE_SHOT exist");
}

TEST_CASE("a timer that dies cancels its pending event", "[timer]") {
  FakeScheduler clock;
  {
    GeneralPurposeTimer t("TIMER0", clock);
    wr(t, tim::PERIOD, 10);
    wr(t, tim::IRQ_ENABLE, tim::STATUS_UPDATE);
    wr(t, tim::CTRL, tim::CTRL_ENABLE);
    CHECK(clock.pending() == 1);
  }
  CHECK(clock.pending() == 0);
}
