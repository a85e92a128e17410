// SPDX-License-Identifier: GPL-2.0-or-later
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "board/registers.h"
#include "devices/gpio_port.h"
#include "diagnostic_log.h"

using devices::GpioPort;
using devices::testing::DiagnosticLog;
namespace gpio = board::gpio;

namespace {
uint32_t rd(GpioPort& port, uint32_t offset) { return port.registers().read(offset, 4); }
void wr(GpioPort& port, uint32_t offset, uint32_t value) { port.registers().write(offset, 4, value); }

// Records every (pin, level) the port reports.
struct ChangeLog {
  std::vector<std::pair<int, bool>> changes;
  explicit ChangeLog(GpioPort& port) {
    port.on_level_change([this](int pin, bool level) { changes.emplace_back(pin, level); });
  }
};
}  // namespace

TEST_CASE("a GPIO port comes out of reset with everything zero", "[gpio]") {
  GpioPort port("GPIOA");
  for (uint32_t offset : {gpio::DIR, gpio::OUT, gpio::IN, gpio::PULLUP, gpio::PULLDOWN, gpio::IRQ_RISE,
                          gpio::IRQ_FALL, gpio::IRQ_STATUS})
    CHECK(rd(port, offset) == 0);
  CHECK(port.levels() == 0);
  CHECK_FALSE(port.irq().level());
}

TEST_CASE("an output pin's level is its OUT bit, set, cleared and toggled by writing 1s", "[gpio]") {
  GpioPort port("GPIOA");
  wr(port, gpio::DIR, 0x0060);
  wr(port, gpio::SET, 1u << 5);
  CHECK(rd(port, gpio::OUT) == 0x0020);
  CHECK(port.pin_level(5));
  CHECK_FALSE(port.pin_level(6));
  CHECK(rd(port, gpio::IN) == 0x0020);

  wr(port, gpio::TOGGLE, 0x0060);
  CHECK(rd(port, gpio::OUT) == 0x0040);
  CHECK(rd(port, gpio::IN) == 0x0040);

  wr(port, gpio::CLR, 0x0040);
  CHECK(rd(port, gpio::OUT) == 0);
  CHECK(rd(port, gpio::IN) == 0);

  wr(port, gpio::OUT, 0x0020);
  CHECK(rd(port, gpio::IN) == 0x0020);
}

TEST_CASE("the OUT latch of an input pin does not reach the pin", "[gpio]") {
  GpioPort port("GPIOA");
  wr(port, gpio::OUT, 0x0001);
  CHECK(rd(port, gpio::IN) == 0);
  wr(port, gpio::DIR, 0x0001);
  CHECK(rd(port, gpio::IN) == 1);
}

TEST_CASE("register writes keep only the 16 pin bits", "[gpio]") {
  GpioPort port("GPIOA");
  wr(port, gpio::DIR, 0xFFFF'FFFF);
  wr(port, gpio::SET, 0xFFFF'FFFF);
  CHECK(rd(port, gpio::DIR) == 0xFFFF);
  CHECK(rd(port, gpio::OUT) == 0xFFFF);
  CHECK(rd(port, gpio::IN) == 0xFFFF);
  CHECK(port.levels() == 0xFFFF);
}

TEST_CASE("an undriven input reads its pull: up 1, down 0, none 0", "[gpio]") {
  GpioPort port("GPIOA");
  wr(port, gpio::PULLUP, 0x0003);
  wr(port, gpio::PULLDOWN, 0x0006);  // pin 1 has both: the pull-up wins
  CHECK(port.pin_level(0));
  CHECK(port.pin_level(1));
  CHECK_FALSE(port.pin_level(2));
  CHECK_FALSE(port.pin_level(3));
  CHECK(rd(port, gpio::IN) == 0x0003);
  CHECK(rd(port, gpio::PULLUP) == 0x0003);
  CHECK(rd(port, gpio::PULLDOWN) == 0x0006);
}

TEST_CASE("an external drive overrides the pull until released", "[gpio]") {
  GpioPort port("GPIOA");
  wr(port, gpio::PULLUP, 0x0001);
  wr(port, gpio::PULLDOWN, 0x0002);
  port.drive_input(0, false);
  port.drive_input(1, true);
  CHECK(rd(port, gpio::IN) == 0x0002);
  port.release_input(0);
  port.release_input(1);
  CHECK(rd(port, gpio::IN) == 0x0001);
}

TEST_CASE("an output pin ignores an external drive until it becomes an input", "[gpio]") {
  GpioPort port("GPIOA");
  wr(port, gpio::DIR, 0x0001);
  wr(port, gpio::SET, 0x0001);
  port.drive_input(0, false);
  CHECK(port.pin_level(0));
  wr(port, gpio::DIR, 0);
  CHECK_FALSE(port.pin_level(0));
}

TEST_CASE("IN is read-only and SET/CLR/TOGGLE are write-only, reported by port and register", "[gpio]") {
  GpioPort port("GPIOA");
  DiagnosticLog log;
  log.attach(port.registers());
  wr(port, gpio::IN, 1);
  CHECK(rd(port, gpio::IN) == 0);
  CHECK(rd(port, gpio::SET) == 0);
  CHECK(rd(port, gpio::TOGGLE) == 0);
  REQUIRE(log.lines.size() == 3);
  CHECK(log.lines[0] == "GPIOA: write of 0x1 to read-only register IN (0x08) ignored");
  CHECK(log.lines[1] == "GPIOA: read of write-only register SET (0x0C) returns 0");
  CHECK(log.lines[2] == "GPIOA: read of write-only register TOGGLE (0x14) returns 0");
}

TEST_CASE("an access past the port's registers is reported as unmapped", "[gpio]") {
  GpioPort port("GPIOB");
  DiagnosticLog log;
  log.attach(port.registers());
  CHECK(rd(port, 0x30) == 0);
  REQUIRE(log.lines.size() == 1);
  CHECK(log.lines[0] == "GPIOB: read of reserved offset 0x30 returns 0");
}

TEST_CASE("observers hear each real level change once, whatever caused it", "[gpio]") {
  GpioPort port("GPIOA");
  ChangeLog log(port);
  ChangeLog second(port);

  wr(port, gpio::PULLUP, 0x0001);  // pin 0 floats up
  wr(port, gpio::PULLUP, 0x0001);  // no change
  port.drive_input(0, false);
  port.drive_input(0, false);      // no change
  wr(port, gpio::DIR, 0x0020);     // pin 5 output, OUT=0: stays 0
  wr(port, gpio::SET, 0x0020);
  wr(port, gpio::PULLDOWN, 0x0004);  // pin 2 was 0 already
  port.release_input(0);

  std::vector<std::pair<int, bool>> expected{{0, true}, {0, false}, {5, true}, {0, true}};
  CHECK(log.changes == expected);
  CHECK(second.changes == expected);
}

TEST_CASE("one write that changes several pins reports each, in pin order", "[gpio]") {
  GpioPort port("GPIOA");
  wr(port, gpio::DIR, 0x8021);
  ChangeLog log(port);
  wr(port, gpio::OUT, 0x8021);
  std::vector<std::pair<int, bool>> expected{{0, true}, {5, true}, {15, true}};
  CHECK(log.changes == expected);
}

TEST_CASE("an observer that changes pins does not reorder what later observers see", "[gpio]") {
  GpioPort port("GPIOA");
  // Registered first: mirrors pin 0 onto pin 1 as an external wire would.
  port.on_level_change([&port](int pin, bool level) {
    if (pin == 0) port.drive_input(1, level);
  });
  ChangeLog log(port);
  port.drive_input(0, true);
  std::vector<std::pair<int, bool>> expected{{0, true}, {1, true}};
  CHECK(log.changes == expected);
  CHECK(port.levels() == 0x0003);
}

TEST_CASE("edges latch IRQ_STATUS only in the enabled direction", "[gpio]") {
  GpioPort port("GPIOA");
  wr(port, gpio::IRQ_RISE, 0x0001);
  wr(port, gpio::IRQ_FALL, 0x0002);
  CHECK(rd(port, gpio::IRQ_RISE) == 0x0001);
  CHECK(rd(port, gpio::IRQ_FALL) == 0x0002);

  port.drive_input(1, true);  // rising on a falling-only pin
  port.drive_input(0, true);  // rising on a rising-only pin
  CHECK(rd(port, gpio::IRQ_STATUS) == 0x0001);
  port.drive_input(1, false);  // falling on a falling-only pin
  port.drive_input(0, false);  // falling on a rising-only pin
  CHECK(rd(port, gpio::IRQ_STATUS) == 0x0003);
  CHECK(port.irq().level());
}

TEST_CASE("IRQ_STATUS clears only the bits written as 1, and the line drops when none remain", "[gpio]") {
  GpioPort port("GPIOA");
  wr(port, gpio::IRQ_RISE, 0x0003);
  port.drive_input(0, true);
  port.drive_input(1, true);
  REQUIRE(rd(port, gpio::IRQ_STATUS) == 0x0003);

  wr(port, gpio::IRQ_STATUS, 0);
  CHECK(rd(port, gpio::IRQ_STATUS) == 0x0003);
  wr(port, gpio::IRQ_STATUS, 0x0001);
  CHECK(rd(port, gpio::IRQ_STATUS) == 0x0002);
  CHECK(port.irq().level());
  wr(port, gpio::IRQ_STATUS, 0x0002);
  CHECK(rd(port, gpio::IRQ_STATUS) == 0);
  CHECK_FALSE(port.irq().level());
}

TEST_CASE("edges from register writes latch too, and enabling an edge does not latch the level", "[gpio]") {
  GpioPort port("GPIOA");
  wr(port, gpio::PULLUP, 0x0010);  // pin 4 already high before the enable
  wr(port, gpio::IRQ_RISE, 0x0030);
  CHECK(rd(port, gpio::IRQ_STATUS) == 0);

  wr(port, gpio::DIR, 0x0020);
  wr(port, gpio::TOGGLE, 0x0020);  // output edge on pin 5
  CHECK(rd(port, gpio::IRQ_STATUS) == 0x0020);
  wr(port, gpio::IRQ_STATUS, 0x0020);
  wr(port, gpio::PULLUP, 0);  // pin 4 falls: not enabled
  wr(port, gpio::PULLUP, 0x0010);  // pin 4 rises: enabled
  CHECK(rd(port, gpio::IRQ_STATUS) == 0x0010);
}

TEST_CASE("the IRQ line's sink sees the rising and falling of the line", "[gpio]") {
  GpioPort port("GPIOA");
  std::vector<bool> seen;
  port.irq().connect([&seen](bool level) { seen.push_back(level); });
  wr(port, gpio::IRQ_FALL, 0x0001);
  wr(port, gpio::PULLUP, 0x0001);
  port.drive_input(0, false);
  port.release_input(0);
  port.drive_input(0, false);  // second edge while still pending: the line stays high
  wr(port, gpio::IRQ_STATUS, 0x0001);
  CHECK(seen == std::vector<bool>{true, false});
}

TEST_CASE("pins outside 0..15 are refused with the port and pin named", "[gpio]") {
  GpioPort port("GPIOA");
  CHECK_THROWS_AS(port.drive_input(16, true), std::out_of_range);
  CHECK_THROWS_WITH(port.drive_input(16, true), Catch::Contains("GPIOA") && Catch::Contains("16"));
  CHECK_THROWS_WITH(port.release_input(-1), Catch::Contains("GPIOA") && Catch::Contains("-1"));
  CHECK_THROWS_WITH(port.pin_level(99), Catch::Contains("GPIOA") && Catch::Contains("99"));
  CHECK_NOTHROW(port.pin_level(15));
  CHECK_NOTHROW(port.drive_input(0, true));
}

TEST_CASE("ALT hands a pin to its alternate function: the peripheral's duty beats DIR and OUT", "[gpio]") {
  GpioPort port("GPIOA");
  ChangeLog levels(port);
  std::vector<std::pair<int, double>> duties;
  port.on_duty_change([&duties](int pin, double duty) { duties.emplace_back(pin, duty); });
  bool instantaneous = true;
  port.connect_alternate(5, [&instantaneous] { return instantaneous; });
  wr(port, gpio::DIR, 1u << 5);
  wr(port, gpio::SET, 1u << 5);
  CHECK(port.pin_duty(5) == 1.0);
  port.drive_alternate(5, 0.25);  // not selected yet: no effect
  CHECK(port.pin_duty(5) == 1.0);
  wr(port, gpio::ALT, 1u << 5);
  CHECK(rd(port, gpio::ALT) == 1u << 5);
  CHECK(port.pin_duty(5) == 0.25);
  CHECK(port.pin_level(5));  // a PWM waveform counts as high for observers and edges
  // IN reads the waveform at this instant.
  CHECK(rd(port, gpio::IN) == 1u << 5);
  instantaneous = false;
  CHECK(rd(port, gpio::IN) == 0);
  port.drive_alternate(5, 0.0);
  CHECK_FALSE(port.pin_level(5));
  port.drive_alternate(5, 1.0);
  CHECK(rd(port, gpio::IN) == 1u << 5);  // steady: the level, no need to ask
  wr(port, gpio::ALT, 0);                // back to GPIO: OUT is still 1
  CHECK(port.pin_duty(5) == 1.0);
  CHECK(duties == std::vector<std::pair<int, double>>{{5, 1.0}, {5, 0.25}, {5, 0.0}, {5, 1.0}});
  CHECK(levels.changes == std::vector<std::pair<int, bool>>{{5, true}, {5, false}, {5, true}});
}

TEST_CASE("a duty change from 0 is an edge: it sets IRQ_STATUS like any rising edge", "[gpio]") {
  GpioPort port("GPIOA");
  port.connect_alternate(6, [] { return false; });
  wr(port, gpio::ALT, 1u << 6);
  wr(port, gpio::IRQ_RISE, 1u << 6);
  port.drive_alternate(6, 0.5);
  CHECK(rd(port, gpio::IRQ_STATUS) == 1u << 6);
  wr(port, gpio::IRQ_STATUS, 1u << 6);
  port.drive_alternate(6, 0.75);  // brighter, still "high": no edge
  CHECK(rd(port, gpio::IRQ_STATUS) == 0);
}

TEST_CASE("ALT bits of pins without an alternate function are reported and change nothing", "[gpio]") {
  GpioPort port("GPIOA");
  DiagnosticLog log;
  log.attach(port.registers());
  port.connect_alternate(5, [] { return true; });
  wr(port, gpio::DIR, 1u << 3);
  wr(port, gpio::SET, 1u << 3);
  wr(port, gpio::ALT, (1u << 3) | (1u << 5));
  CHECK(port.pin_level(3));
  CHECK_FALSE(port.pin_level(5));  // selected, driven low (duty 0)
  REQUIRE(log.lines.size() == 1);
  CHECK(log.lines[0] == "GPIOA: ALT 0x0028: pins without an alternate function (0x0008) stay plain GPIO");
}

TEST_CASE("duty observers run before level observers for the same change", "[gpio]") {
  GpioPort port("GPIOA");
  std::vector<std::string> order;
  port.on_level_change([&order](int, bool) { order.push_back("level"); });
  port.on_duty_change([&order](int, double) { order.push_back("duty"); });
  wr(port, gpio::DIR, 1);
  wr(port, gpio::SET, 1);
  CHECK(order == std::vector<std::string>{"duty", "level"});
}
