// SPDX-License-Identifier: GPL-2.0-or-later
// ticks_ms(), ticks_add() and ticks_diff() as MicroPython's time module defines them: ticks_diff(a, b)
// is how far a is after b (negative when before), ticks_add() moves a tick value, and ticks_ms()
// counts the milliseconds sleep_ms() sleeps.
#include "asyncio/asyncio.h"
#include "portable_test.h"

using asyncio::Coro;

TEST_CASE("ticks_diff and ticks_add follow MicroPython's time module") {
  asyncio_test::Start start;
  asyncio::Ticks t = asyncio::ticks_ms();
  CHECK(asyncio::ticks_diff(asyncio::ticks_add(t, 25), t) == 25);
  CHECK(asyncio::ticks_diff(t, asyncio::ticks_add(t, 25)) == -25);
  CHECK(asyncio::ticks_diff(asyncio::ticks_add(t, -7), t) == -7);
  CHECK(asyncio::ticks_diff(t, t) == 0);
}

TEST_CASE("ticks_ms counts the milliseconds a task sleeps") {
  asyncio_test::Start start;
  int64_t waited = -1;
  bool deadline_passed = false;
  asyncio::run([](int64_t& w, bool& passed) -> Coro<> {
    asyncio::Ticks t0 = asyncio::ticks_ms();
    asyncio::Ticks deadline = asyncio::ticks_add(t0, 50);
    co_await asyncio::sleep_ms(50);
    w = asyncio::ticks_diff(asyncio::ticks_ms(), t0);
    passed = asyncio::ticks_diff(deadline, asyncio::ticks_ms()) <= 0;
  }(waited, deadline_passed));
  CHECK(waited >= 50);
  CHECK(waited < 60);
  CHECK(deadline_passed);
}
