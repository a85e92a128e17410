// SPDX-License-Identifier: MIT
// asyncio_bench: the runtime's speed and size on the Linux host, printed next to CPython's asyncio
// doing the same work in the same run (asyncio_bench.py beside this file, run by this program).
//
//   build/bin/asyncio_bench [--json] [--runs N] [--quick] [--no-python]
//
// Figures: task switches per second with 1, 10, 1000 and 100,000 tasks; Event ping-pong round trips
// per second; a ThreadSafeFlag round trip set from another thread (median, µs); bytes per task.
// Speeds are medians of --runs runs; the machine is shared, so read ratios, not absolutes.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "asyncio/asyncio.h"

namespace {

using Clock = std::chrono::steady_clock;
using asyncio::Coro;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

struct Phase {
  int tasks, rounds, remaining;
  Clock::time_point start, first_done;
  asyncio::Event done;
};

Coro<> yielder(Phase& p) {
  for (int i = 0; i < p.rounds; ++i) co_await asyncio::sleep_ms(0);
  if (p.remaining == p.tasks) p.first_done = Clock::now();  // every task has yielded rounds-1 times
  if (--p.remaining == 0) p.done.set();
}

// Switches per second: as the board bench, timed from all tasks started to the first one leaving.
double switches_per_second(int tasks, int rounds) {
  return asyncio::run([](int tasks, int rounds) -> Coro<double> {
    Phase p{tasks, rounds, tasks, {}, {}, {}};
    for (int i = 0; i < tasks; ++i) asyncio::create_task(yielder(p));
    co_await asyncio::sleep_ms(0);
    p.start = Clock::now();
    co_await p.done.wait();
    co_return static_cast<double>(tasks) * (rounds - 1) / std::chrono::duration<double>(p.first_done - p.start).count();
  }(tasks, rounds));
}

double event_round_trips_per_second(int rounds) {
  return asyncio::run([](int rounds) -> Coro<double> {
    asyncio::Event ping, pong;
    auto ponger = asyncio::create_task([](asyncio::Event& ping, asyncio::Event& pong, int rounds) -> Coro<> {
      for (int i = 0; i < rounds; ++i) {
        co_await ping.wait();
        ping.clear();
        pong.set();
      }
    }(ping, pong, rounds));
    co_await asyncio::sleep_ms(0);
    auto t0 = Clock::now();
    for (int i = 0; i < rounds; ++i) {
      ping.set();
      co_await pong.wait();
      pong.clear();
    }
    double rate = rounds / seconds_since(t0);
    co_await ponger;
    co_return rate;
  }(rounds));
}

// Another thread sets a ThreadSafeFlag; the waiting task answers through an atomic the thread
// spins on. Median round trip in microseconds.
double cross_thread_round_trip_us(int rounds) {
  asyncio::ThreadSafeFlag request;
  std::atomic<bool> reply{false};
  std::vector<double> samples;
  samples.reserve(rounds);
  std::thread peer([&] {
    for (int i = 0; i < rounds; ++i) {
      auto t0 = Clock::now();
      request.set();
      while (!reply.load(std::memory_order_acquire)) {
      }
      reply.store(false, std::memory_order_relaxed);
      samples.push_back(seconds_since(t0) * 1e6);
    }
  });
  asyncio::run([](asyncio::ThreadSafeFlag& request, std::atomic<bool>& reply, int rounds) -> Coro<> {
    for (int i = 0; i < rounds; ++i) {
      co_await request.wait();
      reply.store(true, std::memory_order_release);
    }
  }(request, reply, rounds));
  peer.join();
  return median(samples);
}

double bytes_per_task(int tasks) {
  return asyncio::run([](int tasks) -> Coro<double> {
    asyncio::Event release;
    size_t before = asyncio::frame_stats().bytes_in_use;
    std::vector<asyncio::Task<>> ts;
    ts.reserve(tasks);
    for (int i = 0; i < tasks; ++i) ts.push_back(asyncio::create_task([](asyncio::Event& e) -> Coro<> { co_await e.wait(); }(release)));
    double per_task = static_cast<double>(asyncio::frame_stats().bytes_in_use - before) / tasks;
    release.set();
    for (auto& t : ts) co_await t;
    co_return per_task;
  }(tasks));
}

// Runs the CPython twin and reads its JSON (flat numbers only).
std::map<std::string, double> run_python(const std::string& script, bool quick) {
  std::map<std::string, double> out;
  std::string cmd = fmt::format("python3 '{}'{} 2>/dev/null", script, quick ? " --quick" : "");
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  std::string text;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) text.append(buf, n);
  if (pclose(p) != 0) return {};
  for (size_t i = 0; (i = text.find('"', i)) != std::string::npos;) {
    size_t end = text.find('"', i + 1);
    if (end == std::string::npos) break;
    std::string key = text.substr(i + 1, end - i - 1);
    size_t colon = text.find(':', end);
    if (colon == std::string::npos) break;
    out[key] = std::strtod(text.c_str() + colon + 1, nullptr);
    i = colon;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  bool json = false, quick = false, python = true;
  int runs = 3;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--json")) json = true;
    else if (!std::strcmp(argv[i], "--quick")) quick = true;
    else if (!std::strcmp(argv[i], "--no-python")) python = false;
    else if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else {
      std::fprintf(stderr, "usage: asyncio_bench [--json] [--runs N] [--quick] [--no-python]\n");
      return 2;
    }
  }
  int scale = quick ? 10 : 1;
  struct Figure {
    const char* key;
    const char* label;
    std::vector<double> samples;
  };
  std::vector<Figure> figures = {
      {"switches_per_second_1_task", "task switches/s, 1 task", {}},
      {"switches_per_second_10_tasks", "task switches/s, 10 tasks", {}},
      {"switches_per_second_1000_tasks", "task switches/s, 1000 tasks", {}},
      {"switches_per_second_100000_tasks", "task switches/s, 100000 tasks", {}},
      {"event_round_trips_per_second", "Event ping-pong round trips/s", {}},
      {"cross_thread_round_trip_us", "ThreadSafeFlag round trip from a thread, us", {}},
      {"bytes_per_task", "bytes per task", {}},
  };
  for (int r = 0; r < runs; ++r) {
    figures[0].samples.push_back(switches_per_second(1, 2'000'000 / scale));
    figures[1].samples.push_back(switches_per_second(10, 200'000 / scale));
    figures[2].samples.push_back(switches_per_second(1000, 2'000 / scale));
    figures[3].samples.push_back(switches_per_second(100'000, std::max(3, 20 / scale)));
    figures[4].samples.push_back(event_round_trips_per_second(1'000'000 / scale));
    figures[5].samples.push_back(cross_thread_round_trip_us(20'000 / scale));
    figures[6].samples.push_back(bytes_per_task(10'000 / scale));
  }
  std::string script = std::string(ASYNCIO_BENCH_DIR) + "/asyncio_bench.py";
  std::map<std::string, double> cpython = python ? run_python(script, quick) : std::map<std::string, double>{};

  if (json) {
    std::string s = fmt::format("{{\"runs\": {}", runs);
    for (auto& f : figures) {
      s += fmt::format(", \"{}\": {:.1f}", f.key, median(f.samples));
      if (cpython.count(f.key)) s += fmt::format(", \"cpython_{}\": {:.1f}", f.key, cpython[f.key]);
    }
    std::printf("%s}\n", s.c_str());
    return 0;
  }
  std::printf("%-46s %14s %14s %10s\n", "figure (host)", "asyncio C++", "CPython", "ratio");
  for (auto& f : figures) {
    double ours = median(f.samples);
    if (cpython.count(f.key)) {
      double theirs = cpython[f.key];
      bool lower_is_better = std::string(f.key) == "cross_thread_round_trip_us" || std::string(f.key) == "bytes_per_task";
      double ratio = lower_is_better ? theirs / ours : ours / theirs;
      std::printf("%-46s %14.1f %14.1f %9.1fx\n", f.label, ours, theirs, ratio);
    } else {
      std::printf("%-46s %14.1f %14s %10s\n", f.label, ours, python ? "(no python3)" : "-", "");
    }
  }
  std::printf("medians of %d runs; CPython measured once in the same run; ratio > 1: C++ better.\n"
              "Targets: switch rate >= 100x CPython; cross-thread round trip < 20 us "
              "(MicroPython's unix port polls every 1 ms: ~2.2 ms).\n",
              runs);
  return 0;
}
