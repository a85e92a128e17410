// SPDX-License-Identifier: GPL-2.0-or-later
#include <catch2/catch.hpp>

#include <cstddef>
#include <new>
#include <stdexcept>

#include "board/memory_map.h"
#include "board/registers.h"
#include "devices/gpio_port.h"
#include "devices/general_purpose_timer.h"
#include "devices/led.h"
#include "fake_scheduler.h"

using devices::GpioPort;
using devices::Led;
using devices::testing::FakeScheduler;
namespace gpio = board::gpio;

namespace {
void wr(GpioPort& port, uint32_t offset, uint32_t value) { port.registers().write(offset, 4, value); }
constexpr uint32_t kLed1 = 1u << board::kLed1Pin;
constexpr uint32_t kLed2 = 1u << board::kLed2Pin;
}  // namespace

TEST_CASE("LED1 lights when firmware drives its pin high, and the history has the times", "[led]") {
  FakeScheduler clock;
  GpioPort port("GPIOA");
  Led led1("LED1", port, board::kLed1Pin, clock);
  CHECK_FALSE(led1.lit());

  wr(port, gpio::DIR, kLed1);
  clock.advance_to(1'000);
  wr(port, gpio::SET, kLed1);
  CHECK(led1.lit());
  clock.advance_to(501'000);
  wr(port, gpio::TOGGLE, kLed1);
  CHECK_FALSE(led1.lit());

  REQUIRE(led1.history().size() == 2);
  CHECK(led1.history()[0].at == 1'000);
  CHECK(led1.history()[0].lit);
  CHECK(led1.history()[1].at == 501'000);
  CHECK_FALSE(led1.history()[1].lit);
}

TEST_CASE("an LED records changes of its own pin only, and only real ones", "[led]") {
  FakeScheduler clock;
  GpioPort port("GPIOA");
  Led led1("LED1", port, board::kLed1Pin, clock);
  Led led2("LED2", port, board::kLed2Pin, clock);
  wr(port, gpio::DIR, kLed1 | kLed2);
  wr(port, gpio::SET, kLed2);
  wr(port, gpio::SET, kLed2);  // already high
  wr(port, gpio::OUT, kLed2);  // same again
  CHECK(led1.history().empty());
  CHECK(led2.history().size() == 1);
  CHECK(led2.lit());
  CHECK_FALSE(led1.lit());
}

TEST_CASE("an active-low LED is lit while its pin is low", "[led]") {
  FakeScheduler clock;
  GpioPort port("GPIOA");
  wr(port, gpio::DIR, 1u << 9);
  Led status("STATUS", port, 9, clock, /*active_high=*/false);
  CHECK(status.lit());  // pin is low at construction
  wr(port, gpio::SET, 1u << 9);
  CHECK_FALSE(status.lit());
  REQUIRE(status.history().size() == 1);
  CHECK_FALSE(status.history()[0].lit);
}

TEST_CASE("an LED starts in the state of its pin and follows whatever drives it", "[led]") {
  FakeScheduler clock;
  GpioPort port("GPIOA");
  wr(port, gpio::PULLUP, 1u << 2);
  Led led("PULLED", port, 2, clock);
  CHECK(led.lit());
  CHECK(led.history().empty());
  port.drive_input(2, false);
  CHECK_FALSE(led.lit());
  CHECK(led.history().size() == 1);
}

TEST_CASE("an LED that dies before its port is no longer called", "[led]") {
  FakeScheduler clock;
  GpioPort port("GPIOA");
  wr(port, gpio::DIR, kLed1);
  // Build a second LED (on another pin) in the very storage of the first, so a stale observer of
  // the dead LED1 would land on a live object and show up in its history.
  alignas(Led) std::byte storage[sizeof(Led)];
  Led* led1 = new (storage) Led("LED1", port, board::kLed1Pin, clock);
  led1->~Led();
  Led* other = new (storage) Led("OTHER", port, 3, clock);
  wr(port, gpio::SET, kLed1);
  CHECK(other->history().empty());
  CHECK_FALSE(other->lit());
  other->~Led();
}

TEST_CASE("an LED knows its name and pin and refuses a pin the port lacks", "[led]") {
  FakeScheduler clock;
  GpioPort port("GPIOA");
  Led led1("LED1", port, board::kLed1Pin, clock);
  CHECK(led1.name() == "LED1");
  CHECK(led1.pin() == board::kLed1Pin);
  CHECK_THROWS_AS(Led("LED9", port, 16, clock), std::out_of_range);
  CHECK_THROWS_WITH(Led("LED9", port, -1, clock), Catch::Contains("LED9") && Catch::Contains("GPIOA"));
}

TEST_CASE("an LED on a steady pin is fully bright or dark", "[led]") {
  FakeScheduler clock;
  GpioPort port("GPIOA");
  Led led1("LED1", port, board::kLed1Pin, clock);
  CHECK(led1.brightness() == 0.0);
  wr(port, gpio::DIR, kLed1);
  wr(port, gpio::SET, kLed1);
  CHECK(led1.brightness() == 1.0);
}

TEST_CASE("an LED on a timer's PWM channel, through the pin's alternate function, shows the duty as brightness",
          "[led]") {
  namespace tim = board::timer;
  FakeScheduler clock;
  GpioPort port("GPIOA");
  devices::GeneralPurposeTimer timer("TIMER0", clock);
  // The board's wiring: TIMER0 channel 0 is PA5's alternate function.
  port.connect_alternate(board::kTimer0Ch0Pin, [&timer] { return timer.output_level(0); });
  timer.on_output_change([&port](int ch, double duty) {
    if (ch == 0) port.drive_alternate(board::kTimer0Ch0Pin, duty);
  });
  Led led1("LED1", port, board::kLed1Pin, clock);
  Led dimmed_low("LOW", port, board::kLed1Pin, clock, /*active_high=*/false);

  timer.registers().write(tim::PERIOD, 4, 1000);
  timer.registers().write(tim::CMP0, 4, 250);
  timer.registers().write(tim::OUTPUT, 4, 1);
  timer.registers().write(tim::CTRL, 4, tim::CTRL_ENABLE);
  CHECK(led1.brightness() == 0.0);  // the timer drives its output, but PA5 is still plain GPIO: dark
  clock.advance_to(1'000);
  wr(port, gpio::ALT, kLed1);
  CHECK(led1.brightness() == 0.25);
  CHECK(led1.lit());
  CHECK(dimmed_low.brightness() == 0.75);
  timer.registers().write(tim::CMP0, 4, 600);
  CHECK(led1.brightness() == 0.6);
  timer.registers().write(tim::CMP0, 4, 0);
  CHECK(led1.brightness() == 0.0);
  CHECK_FALSE(led1.lit());
  timer.registers().write(tim::CMP0, 4, 1000);
  CHECK(led1.brightness() == 1.0);
  // On and off, as a plain LED: brightness changes in between are not edges.
  REQUIRE(led1.history().size() == 3);
  CHECK(led1.history()[0].at == 1'000);
  CHECK(led1.history()[0].lit);
  CHECK_FALSE(led1.history()[1].lit);
  CHECK(led1.history()[2].lit);
  CHECK(clock.pending() == 0);  // PWM at any duty costs the scheduler nothing
}
