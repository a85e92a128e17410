// SPDX-License-Identifier: GPL-2.0-or-later
// gather() (statement 15): its arguments become tasks left to right, so the first one starts first,
// on every compiler (GCC evaluates function arguments right to left). Ported line by line from
// micropython/gather_order.py; the expected lines are what MicroPython's unix port prints.
#include <string>

#include "asyncio/asyncio.h"
#include "portable_test.h"

using asyncio::Coro;

namespace {
Coro<std::string> f(std::string name, std::string& log) {
  log += "start " + name + "\n";
  co_await asyncio::sleep_ms(0);
  log += "end " + name + "\n";
  co_return name;
}
}  // namespace

TEST_CASE("gather() starts its coroutines in argument order (15, gather_order.py)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    auto [a, b, c] = co_await asyncio::gather(f("a", l), f("b", l), f("c", l));
    l += "['" + a + "', '" + b + "', '" + c + "']\n";
  }(log));
  CHECK(log ==
        "start a\n"
        "start b\n"
        "start c\n"
        "end a\n"
        "end b\n"
        "end c\n"
        "['a', 'b', 'c']\n");
}

TEST_CASE("gather(return_exceptions) starts its coroutines in argument order too (15)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    auto [a, b] = co_await asyncio::gather(asyncio::return_exceptions, f("a", l), f("b", l));
    l += a.value() + b.value() + "\n";
  }(log));
  CHECK(log == "start a\nstart b\nend a\nend b\nab\n");
}
