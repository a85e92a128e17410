// @NAME@'s task code on this machine (the runtime's POSIX port): ctest --test-dir build
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <vector>

#include "app.h"

TEST_CASE("blink starts on and alternates, as often as asked") {
  std::vector<bool> led;
  asyncio::run(blink([&led](bool on) { led.push_back(on); }, 20, 4));
  CHECK(led == std::vector<bool>{true, false, true, false});
}

TEST_CASE("blink leaves the loop to other tasks while it waits") {
  std::vector<char> order;
  // (Lambdas that are coroutines and capture: they must outlive their coroutine, as these do.)
  auto other = [&order]() -> asyncio::Coro<> {
    order.push_back('o');
    co_return;
  };
  auto both = [&]() -> asyncio::Coro<> {
    auto t = asyncio::create_task(other());
    co_await blink([&order](bool) { order.push_back('b'); }, 20, 2);
    co_await t;
  };
  asyncio::run(both());
  CHECK(order == std::vector<char>{'b', 'o', 'b'});
}
