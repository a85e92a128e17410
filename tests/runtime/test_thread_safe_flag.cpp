// SPDX-License-Identifier: GPL-2.0-or-later
// Semantics statements 20-24 (ThreadSafeFlag); threads and POSIX signals on the host only.
#include <string>

#include "asyncio/asyncio.h"
#include "portable_test.h"

#if ASYNCIO_TEST_HOST
#include <atomic>
#include <chrono>
#include <csignal>
#include <sys/time.h>
#include <thread>
#endif

using asyncio::Coro;
using asyncio::ThreadSafeFlag;

TEST_CASE("wait() on a set flag returns at once and clears it (21)") {
  asyncio_test::Start start;
  asyncio::run([]() -> Coro<> {
    ThreadSafeFlag flag;
    flag.set();
    CHECK(flag.is_set());
    co_await flag.wait();
    CHECK_FALSE(flag.is_set());
    CHECK(asyncio::current_task().state() == asyncio::TaskState::Running);
  }());
}

TEST_CASE("wait() suspends until set(), and several sets before the wake count as one (21)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l, const asyncio_test::Start& start) -> Coro<> {
    ThreadSafeFlag flag;
    auto waiter = asyncio::create_task(
        [](ThreadSafeFlag& f, std::string& l, const asyncio_test::Start& start) -> Coro<> {
          for (;;) {
            co_await f.wait();
            l += "woke@" + std::to_string(start.elapsed()) + " ";
          }
        }(flag, l, start));
    co_await asyncio::sleep_ms(10);
    CHECK(waiter.state() == asyncio::TaskState::Waiting);
    flag.set();
    flag.set();
    flag.set();
    co_await asyncio::sleep_ms(10);
    flag.set();
    co_await asyncio::sleep_ms(10);
    l += "end";
    waiter.cancel();  // it waits forever otherwise: the flag goes with this coroutine
    co_await asyncio::sleep_ms(0);
  }(log, start));
  CHECK(log == "woke@10 woke@20 end");
}

TEST_CASE("clear() before wait() discards a stale set (21)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l, const asyncio_test::Start& start) -> Coro<> {
    ThreadSafeFlag flag;
    flag.set();
    flag.clear();
    asyncio::create_task([](ThreadSafeFlag& f, std::string& l, const asyncio_test::Start& start) -> Coro<> {
      co_await f.wait();
      l += "woke@" + std::to_string(start.elapsed());
    }(flag, l, start));
    co_await asyncio::sleep_ms(5);
    CHECK(l.empty());
    flag.set();
    co_await asyncio::sleep_ms(1);
  }(log, start));
  CHECK(log == "woke@5");
}

TEST_CASE("a second concurrent waiter is a clear error, the first keeps waiting (22)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    ThreadSafeFlag flag;
    asyncio::create_task([](ThreadSafeFlag& f, std::string& l) -> Coro<> {
      co_await f.wait();
      l += "first ";
    }(flag, l));
    co_await asyncio::sleep_ms(1);
    try {
      co_await flag.wait();
      l += "second-waited ";
    } catch (const asyncio::RuntimeError& e) {
      l += std::string(e.what()).find("another task already waits") != std::string::npos ? "error " : "?";
    }
    flag.set();
    co_await asyncio::sleep_ms(1);
  }(log));
  CHECK(log == "error first ");
}

TEST_CASE("a woken waiter runs after the tasks already due (5)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    ThreadSafeFlag flag;
    asyncio::create_task([](ThreadSafeFlag& f, std::string& l) -> Coro<> {
      co_await f.wait();
      l += "waiter ";
    }(flag, l));
    co_await asyncio::sleep_ms(0);
    asyncio::create_task([](std::string& l) -> Coro<> {
      l += "due ";
      co_return;
    }(l));
    flag.set();  // does not run the waiter here...
    l += "after-set ";
    co_await asyncio::sleep_ms(0);  // ...nor before the tasks already due when the loop sees the set
    l += "main ";
    co_await asyncio::sleep_ms(0);
  }(log));
  CHECK(log == "after-set due main waiter ");
}

#if ASYNCIO_TEST_HOST
// Other threads and POSIX signal handlers exist on the host only; on the board, interrupts are what
// set flags from outside (the scenario tests and the simulator's tests cover those).

TEST_CASE("set() from another thread wakes a loop idling in real time (20, 24)") {
  asyncio::port::posix::use_virtual_time(false);
  ThreadSafeFlag flag;
  std::atomic<std::chrono::steady_clock::rep> set_at{0};
  std::thread setter([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    set_at = std::chrono::steady_clock::now().time_since_epoch().count();
    flag.set();
  });
  asyncio::run([](ThreadSafeFlag& f) -> Coro<> { co_await f.wait(); }(flag));
  auto woke_at = std::chrono::steady_clock::now().time_since_epoch().count();
  setter.join();
  // Woken by that set (not before it, and not by some timeout long after).
  CHECK(set_at.load() != 0);
  CHECK(woke_at >= set_at.load());
  CHECK(std::chrono::steady_clock::duration(woke_at - set_at.load()) < std::chrono::seconds(1));
}

namespace {
ThreadSafeFlag* g_signal_flag = nullptr;
void on_alarm(int) { g_signal_flag->set(); }
}  // namespace

TEST_CASE("set() from a POSIX signal handler wakes the loop (20, 24)") {
  asyncio::port::posix::use_virtual_time(false);
  ThreadSafeFlag flag;
  g_signal_flag = &flag;
  struct sigaction sa {};
  sa.sa_handler = on_alarm;
  sigaction(SIGALRM, &sa, nullptr);
  itimerval timer{};
  timer.it_value.tv_usec = 20'000;
  setitimer(ITIMER_REAL, &timer, nullptr);
  int wakes = 0;
  asyncio::run([](ThreadSafeFlag& f, int& w) -> Coro<> {
    co_await f.wait();
    ++w;
  }(flag, wakes));
  signal(SIGALRM, SIG_DFL);
  CHECK(wakes == 1);
}

TEST_CASE("no lost wake-up: sets racing the loop from a thread are all seen (23)") {
  asyncio::port::posix::use_virtual_time(false);
  ThreadSafeFlag request, reply;
  constexpr int kRounds = 2000;
  std::thread peer([&] {
    // Ping-pong: every set() of ours must produce exactly one wake, whenever it lands.
    for (int i = 0; i < kRounds; ++i) {
      request.set();
      while (!reply.is_set()) std::this_thread::yield();
      reply.clear();
    }
  });
  int wakes = asyncio::run([](ThreadSafeFlag& req, ThreadSafeFlag& rep) -> Coro<int> {
    int n = 0;
    while (n < kRounds) {
      co_await req.wait();
      ++n;
      rep.set();
    }
    co_return n;
  }(request, reply));
  peer.join();
  CHECK(wakes == kRounds);
}

#endif  // ASYNCIO_TEST_HOST

TEST_CASE("ours: a flag destroyed while a task waits on it leaves the task parked and safe to cancel (21)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    asyncio::Task<> waiter;
    {
      ThreadSafeFlag flag;
      waiter = asyncio::create_task([](ThreadSafeFlag& f, std::string& l) -> Coro<> {
        try {
          co_await f.wait();
          l += "woke ";
        } catch (const asyncio::CancelledError&) {
          l += "cancelled ";
        }
      }(flag, l));
      co_await asyncio::sleep_ms(1);
    }  // the flag goes; the waiter no longer points at it
    co_await asyncio::sleep_ms(1);
    l += waiter.done() ? "done " : "still waiting ";
    waiter.cancel();
    co_await asyncio::sleep_ms(0);
    l += waiter.done() ? "done" : "not done";
  }(log));
  CHECK(log == "still waiting cancelled done");
}
