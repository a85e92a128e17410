// SPDX-License-Identifier: GPL-2.0-or-later
#include <catch2/catch.hpp>

#include <stdexcept>
#include <utility>
#include <vector>

#include "board/memory_map.h"
#include "board/registers.h"
#include "devices/button.h"
#include "devices/gpio_port.h"
#include "fake_scheduler.h"

using devices::Button;
using devices::GpioPort;
namespace gpio = board::gpio;

namespace {
uint32_t rd(GpioPort& port, uint32_t offset) { return port.registers().read(offset, 4); }
void wr(GpioPort& port, uint32_t offset, uint32_t value) { port.registers().write(offset, 4, value); }
constexpr uint32_t kB1 = 1u << board::kButtonB1Pin;
}  // namespace

TEST_CASE("B1 as the firmware sets it up: a press is a falling edge that raises the IRQ", "[button]") {
  GpioPort port("GPIOA");
  Button b1("B1", port, board::kButtonB1Pin);
  wr(port, gpio::PULLUP, kB1);
  wr(port, gpio::IRQ_FALL, kB1);
  REQUIRE(rd(port, gpio::IN) & kB1);  // released reads 1 through the pull-up
  REQUIRE_FALSE(port.irq().level());

  b1.press();
  CHECK(b1.pressed());
  CHECK((rd(port, gpio::IN) & kB1) == 0);
  CHECK(rd(port, gpio::IRQ_STATUS) == kB1);
  CHECK(port.irq().level());

  wr(port, gpio::IRQ_STATUS, kB1);  // the ISR acknowledges
  CHECK(rd(port, gpio::IRQ_STATUS) == 0);
  CHECK_FALSE(port.irq().level());

  b1.release();
  CHECK_FALSE(b1.pressed());
  CHECK(rd(port, gpio::IN) & kB1);
  CHECK(rd(port, gpio::IRQ_STATUS) == 0);  // rising edge, not enabled
  CHECK_FALSE(port.irq().level());
}

TEST_CASE("B1 with both edges enabled latches the release too", "[button]") {
  GpioPort port("GPIOA");
  Button b1("B1", port, board::kButtonB1Pin);
  wr(port, gpio::PULLUP, kB1);
  wr(port, gpio::IRQ_FALL, kB1);
  wr(port, gpio::IRQ_RISE, kB1);
  b1.press();
  wr(port, gpio::IRQ_STATUS, kB1);
  b1.release();
  CHECK(rd(port, gpio::IRQ_STATUS) == kB1);
  CHECK(port.irq().level());
}

TEST_CASE("an active-low button without the pull-up reads 0 pressed or not", "[button]") {
  GpioPort port("GPIOA");
  Button b1("B1", port, 0);
  wr(port, gpio::IRQ_FALL, 1);
  b1.press();
  CHECK_FALSE(port.pin_level(0));
  b1.release();
  CHECK_FALSE(port.pin_level(0));
  CHECK(rd(port, gpio::IRQ_STATUS) == 0);  // the pin never moved
}

TEST_CASE("an active-high button drives 1 when pressed and lets the pull-down win on release", "[button]") {
  GpioPort port("GPIOA");
  Button wake("WAKE", port, 3, /*active_low=*/false);
  wr(port, gpio::PULLDOWN, 1u << 3);
  wr(port, gpio::IRQ_RISE, 1u << 3);
  wake.press();
  CHECK(port.pin_level(3));
  CHECK(rd(port, gpio::IRQ_STATUS) == (1u << 3));
  wake.release();
  CHECK_FALSE(port.pin_level(3));
}

TEST_CASE("pressing twice is one press: one edge", "[button]") {
  GpioPort port("GPIOA");
  Button b1("B1", port, 0);
  wr(port, gpio::PULLUP, 1);
  int changes = 0;
  port.on_level_change([&changes](int, bool) { ++changes; });
  b1.press();
  b1.press();
  b1.release();
  b1.release();
  CHECK(changes == 2);
}

TEST_CASE("a button knows its name, pin and port", "[button]") {
  GpioPort port("GPIOA");
  Button b1("B1", port, 7);
  CHECK(b1.name() == "B1");
  CHECK(b1.pin() == 7);
  CHECK(&b1.port() == &port);
  CHECK_FALSE(b1.pressed());
}

TEST_CASE("a button on a pin the port lacks is refused with the names", "[button]") {
  GpioPort port("GPIOA");
  CHECK_THROWS_AS(Button("B9", port, 16), std::out_of_range);
  CHECK_THROWS_WITH(Button("B9", port, 16), Catch::Contains("B9") && Catch::Contains("GPIOA") && Catch::Contains("16"));
}

namespace {
// Presses (or releases) with bounce and records every level change of B1's pin with its time.
struct Chatter {
  devices::testing::FakeScheduler clock;
  GpioPort port{"GPIOA"};
  Button b1{"B1", port, board::kButtonB1Pin, true, &clock};
  std::vector<std::pair<devices::Nanoseconds, bool>> levels;
  Chatter() {
    wr(port, gpio::PULLUP, kB1);
    port.on_level_change([this](int pin, bool level) {
      if (pin == board::kButtonB1Pin) levels.emplace_back(clock.now_ns(), level);
    });
  }
};
}  // namespace

TEST_CASE("contact bounce: the pin chatters within the bounce time, then settles at the new level", "[button]") {
  Chatter c;
  c.b1.press(2'000'000);
  CHECK((rd(c.port, gpio::IN) & kB1) == 0);  // the first contact is at once
  c.clock.advance_by(2'000'000);
  CHECK((rd(c.port, gpio::IN) & kB1) == 0);  // settled: pressed
  size_t edges = c.levels.size();
  CHECK((edges == 5 || edges == 7 || edges == 9));  // the press, then 4, 6 or 8 flips
  for (size_t i = 1; i < edges; ++i) {
    CHECK(c.levels[i].first <= 2'000'000);
    CHECK(c.levels[i].first >= c.levels[i - 1].first);
    CHECK(c.levels[i].second != c.levels[i - 1].second);
  }
  CHECK(c.b1.transitions() == edges);
  c.levels.clear();
  c.b1.release(2'000'000);
  c.clock.advance_by(2'000'000);
  CHECK(c.levels.front().second);
  CHECK(c.levels.back().second);  // settled released: the pull-up
  CHECK(c.clock.pending() == 0);
}

TEST_CASE("contact bounce replays the same way, and a new press cuts the old chatter short", "[button]") {
  Chatter a, b;
  a.b1.press(3'000'000);
  b.b1.press(3'000'000);
  a.clock.advance_by(5'000'000);
  b.clock.advance_by(5'000'000);
  CHECK(a.levels == b.levels);  // seeded by the name and the use count: deterministic

  Chatter c;
  c.b1.press(3'000'000);
  c.b1.release();  // before any chatter: the pending flips are dropped
  c.clock.advance_by(5'000'000);
  CHECK(c.levels.size() == 2);
  CHECK(c.levels.back().second);
}

TEST_CASE("bounce without a clock is a clear error", "[button]") {
  GpioPort port("GPIOA");
  Button b1("B1", port, board::kButtonB1Pin);
  CHECK_THROWS_WITH(b1.press(1'000'000), "button B1: bounce needs a clock");
}
