// SPDX-License-Identifier: GPL-2.0-or-later
// What tools read from a task: name, state, what it waits on, when it is due, wakes and time run.
#include <string>

#include "asyncio/asyncio.h"
#include "portable_test.h"

using asyncio::Coro;

TEST_CASE("a task reports its state, wait reason, due tick, wake count and time run") {
  asyncio_test::Start start;
  asyncio::get_event_loop().set_run_time_stats(true);
  asyncio::run([](asyncio_test::Start& st) -> Coro<> {
    asyncio::Event go;
    auto worker = asyncio::create_task([](asyncio::Event& go) -> Coro<> {
      for (int i = 0; i < 3; ++i) {
        asyncio_test::compute_for_ms(10);  // keeps the CPU: counts as time run
        co_await asyncio::sleep_ms(100);
      }
      co_await go.wait();
      throw std::runtime_error("worker failed");
    }(go), "worker");
    CHECK(std::string(worker.name()) == "worker");
    CHECK(worker.state() == asyncio::TaskState::Ready);
    co_await asyncio::sleep_ms(1);
    CHECK(worker.state() == asyncio::TaskState::Sleeping);
    CHECK(worker.waiting_on() == asyncio::WaitReason::Sleep);
    CHECK(worker.due() == st.at + 110);
    CHECK(worker.wake_count() == 1);
    co_await asyncio::sleep_ms(400);  // past the worker's last sleep (it ends at 330 ms)
    CHECK(worker.state() == asyncio::TaskState::Waiting);
    CHECK(worker.waiting_on() == asyncio::WaitReason::Event);
    CHECK(worker.wake_count() == 4);
    CHECK(worker.time_run_ms() == 30);
    CHECK(std::string(asyncio::to_string(worker.state())) == "waiting");
    CHECK(std::string(asyncio::to_string(worker.waiting_on())) == "Event");
    go.set();
    try {
      co_await worker;
    } catch (const std::runtime_error&) {
    }
    CHECK(worker.state() == asyncio::TaskState::Failed);
    CHECK(std::string(asyncio::to_string(worker.state())) == "failed");
  }(start));
  asyncio::get_event_loop().set_run_time_stats(false);
}

TEST_CASE("without run-time stats a task's time run stays 0, and wakes are still counted") {
  asyncio_test::Start start;
  asyncio::run([]() -> Coro<> {
    auto worker = asyncio::create_task([]() -> Coro<> {
      asyncio_test::compute_for_ms(10);
      co_await asyncio::sleep_ms(5);
    }());
    co_await asyncio::sleep_ms(50);
    CHECK(worker.done());
    CHECK(worker.wake_count() == 2);
    CHECK(worker.time_run_ms() == 0);
  }());
}
