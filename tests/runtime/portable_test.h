// SPDX-License-Identifier: GPL-2.0-or-later
// What a runtime test may use so that the same source runs on the Linux host (under Catch2, in
// virtual time) and on the emulated board (compiled as firmware, reporting through the UART):
//   TEST_CASE("name"), CHECK, CHECK_FALSE, REQUIRE, CHECK_THROWS_AS, CHECK_THROWS_WITH, CHECK_NOTHROW
//   asyncio_test::Start start;   -- first line of every test case: on the host it switches to
//                                   virtual time; everywhere it notes the tick the test starts at
//   start.elapsed()              -- milliseconds since the test case started
//   asyncio_test::compute_for_ms(n)  -- the current task keeps the CPU for n ms without yielding
// Host-only tests (threads, signals) sit inside #if ASYNCIO_TEST_HOST.
// Never write co_await inside a CHECK/REQUIRE: Catch repeats the expression in an unevaluated
// `false && (expr)` and GCC 12's coroutine lowering evaluates a co_await there anyway (the await
// runs more than once). Await into a variable, then check it. (CHECK_THROWS_AS, CHECK_THROWS_WITH and
// CHECK_NOTHROW evaluate their expression exactly once, on both sides: a co_await there is fine.)
#pragma once
#include "asyncio/port.h"

#if defined(__arm__)
#define ASYNCIO_TEST_HOST 0
#include "board_test.h"
#else
#define ASYNCIO_TEST_HOST 1
#include <catch2/catch.hpp>

#include "asyncio/ports/posix.h"
#endif

namespace asyncio_test {

struct Start {
  Start() {
#if ASYNCIO_TEST_HOST
    asyncio::port::posix::use_virtual_time(true);
    asyncio::port::posix::set_virtual_ticks(1000);
    at = asyncio::port::ticks_ms();
#else
    // The board's clock runs with every instruction (64,000 a millisecond). Start on a fresh tick
    // so that a test's set-up does not straddle a millisecond boundary, as on the host, where
    // virtual time stands still while tasks run.
    asyncio::Ticks before = asyncio::port::ticks_ms();
    while ((at = asyncio::port::ticks_ms()) == before) {
    }
#endif
  }
  ~Start() {
#if ASYNCIO_TEST_HOST
    asyncio::port::posix::use_virtual_time(false);
#endif
  }
  asyncio::Ticks elapsed() const { return asyncio::port::ticks_ms() - at; }
  asyncio::Ticks at;
};

inline void compute_for_ms(asyncio::Ticks ms) {
#if ASYNCIO_TEST_HOST
  asyncio::port::posix::set_virtual_ticks(asyncio::port::ticks_ms() + ms);
#else
  asyncio::Ticks until = asyncio::port::ticks_ms() + ms;
  while (asyncio::port::ticks_ms() < until) {
  }
#endif
}

}  // namespace asyncio_test
