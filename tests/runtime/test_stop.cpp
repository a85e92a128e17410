// SPDX-License-Identifier: GPL-2.0-or-later
// Loop.stop() (statement 28): run_forever() runs the tasks already due when stop() was called,
// then returns -- not the tasks that become due afterwards. Ported line by line from
// micropython/stop.py; the expected lines are what MicroPython's unix port prints (stop.exp).
#include <string>

#include "asyncio/asyncio.h"
#include "portable_test.h"

using asyncio::Coro;

namespace {
Coro<> spinner(std::string& log) {
  for (int n = 0; n < 50; ++n) {  // bounded, so that a run_forever() that never stops still ends
    log += "spin " + std::to_string(n) + "\n";
    co_await asyncio::sleep_ms(0);
  }
}

Coro<> late(std::string& log) {
  log += "late ran\n";
  co_return;
}

Coro<> stopper(std::string& log) {
  log += "stop\n";
  asyncio::Loop& loop = asyncio::get_event_loop();
  loop.stop();
  loop.create_task(late(log));  // created after stop(): not due when stop() was called
  log += "after stop\n";
  co_await asyncio::sleep_ms(0);
  log += "stopper resumed\n";
  loop.stop();
}
}  // namespace

TEST_CASE("stop(): run_forever() returns once the tasks due at stop() have run (28, stop.py)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::Loop& loop = asyncio::get_event_loop();
  loop.create_task(spinner(log));
  loop.create_task(stopper(log));
  struct DropLeftovers {
    ~DropLeftovers() { asyncio::new_event_loop(); }  // the spinner is still queued: drop it
  } drop;
  loop.run_forever();
  log += "returned\n";
  REQUIRE(log == "spin 0\nstop\nafter stop\nspin 1\nreturned\n");
  loop.run_forever();
  log += "returned again\n";
  CHECK(log ==
        "spin 0\n"
        "stop\n"
        "after stop\n"
        "spin 1\n"
        "returned\n"
        "late ran\n"
        "stopper resumed\n"
        "spin 2\n"
        "returned again\n");
}

TEST_CASE("stop(): a timer that expired before stop() still runs first (28)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::Loop& loop = asyncio::get_event_loop();
  loop.create_task([](std::string& l) -> Coro<> {
    co_await asyncio::sleep_ms(5);
    l += "sleeper ";
  }(log));
  loop.create_task([](std::string& l) -> Coro<> {
    asyncio_test::compute_for_ms(10);  // the sleeper's timer expires meanwhile
    asyncio::get_event_loop().stop();
    l += "stop ";
    co_await asyncio::sleep_ms(0);
    l += "resumed ";
  }(log));
  loop.run_forever();
  CHECK(log == "stop sleeper ");
  asyncio::get_event_loop().create_task([]() -> Coro<> {
    asyncio::get_event_loop().stop();
    co_return;
  }());
  loop.run_forever();
  CHECK(log == "stop sleeper resumed ");
}
