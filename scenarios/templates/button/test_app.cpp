// @NAME@'s task code on this machine (the runtime's POSIX port): ctest --test-dir build
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <vector>

#include "app.h"

TEST_CASE("each press toggles the LED") {
  asyncio::ThreadSafeFlag pressed;
  std::vector<bool> led;
  auto presser = [&]() -> asyncio::Coro<> {
    for (int i = 0; i < 3; ++i) {
      pressed.set();
      co_await asyncio::sleep_ms(1);  // the toggler runs before the next press
    }
  };
  auto both = [&]() -> asyncio::Coro<> {
    auto t = asyncio::create_task(presser());
    co_await toggle_on_press(pressed, [&led](bool on) { led.push_back(on); }, 3);
    co_await t;
  };
  asyncio::run(both());
  CHECK(led == std::vector<bool>{true, false, true});
}

TEST_CASE("presses before the task runs count once (a flag, not a counter)") {
  asyncio::ThreadSafeFlag pressed;
  std::vector<bool> led;
  auto check = [&]() -> asyncio::Coro<> {
    pressed.set();
    pressed.set();  // coalesces with the first
    auto t = asyncio::create_task(toggle_on_press(pressed, [&led](bool on) { led.push_back(on); }, 2));
    co_await asyncio::sleep_ms(5);
    CHECK(led == std::vector<bool>{true});
    pressed.set();
    co_await t;
  };
  asyncio::run(check());
  CHECK(led == std::vector<bool>{true, false});
}
