// SPDX-License-Identifier: GPL-2.0-or-later
// VirtualClock: cycle time at the core clock and the deterministic event queue.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "virtual_clock.h"

namespace sim {

namespace {
constexpr uint32_t kHz = 64'000'000;  // the board's core clock
}  // namespace

TEST_CASE("virtual clock starts at cycle 0 with nothing scheduled", "[virtual_clock]") {
  VirtualClock clock(kHz);
  CHECK(clock.core_hz() == kHz);
  CHECK(clock.now() == 0);
  CHECK(clock.now_ns() == 0);
  CHECK_FALSE(clock.next_event().has_value());
  CHECK(clock.next_event_cycle() == UINT64_MAX);
}

TEST_CASE("virtual clock converts between cycles and nanoseconds at the core clock", "[virtual_clock]") {
  VirtualClock clock(kHz);
  SECTION("whole microseconds and milliseconds") {
    CHECK(clock.to_ns(64) == 1'000);
    CHECK(clock.to_ns(64'000) == 1'000'000);
    CHECK(clock.to_ns(64'000'000) == 1'000'000'000);
    CHECK(clock.from_ns_ceil(1'000) == 64);
    CHECK(clock.from_ns_ceil(1'000'000) == 64'000);
    CHECK(clock.from_ns_ceil(1'000'000'000) == 64'000'000);
  }
  SECTION("from_ns_ceil rounds up to the first cycle at or after the instant") {
    CHECK(clock.from_ns_ceil(0) == 0);
    CHECK(clock.from_ns_ceil(1) == 1);    // 0.064 cycles
    CHECK(clock.from_ns_ceil(15) == 1);   // 0.96 cycles
    CHECK(clock.from_ns_ceil(16) == 2);   // 1.024 cycles
    CHECK(clock.from_ns_ceil(1'001) == 65);
  }
  SECTION("to_ns truncates a part-nanosecond") {
    CHECK(clock.to_ns(0) == 0);
    CHECK(clock.to_ns(1) == 15);  // 15.625 ns
    CHECK(clock.to_ns(3) == 46);  // 46.875 ns
  }
  SECTION("cycles survive the round trip, and the ceiling never lands before the instant") {
    for (Cycles c : {Cycles{0}, Cycles{1}, Cycles{2}, Cycles{3}, Cycles{63}, Cycles{64}, Cycles{65}, Cycles{999},
                     Cycles{64'000}, Cycles{123'456'789}, Cycles{64'000'000'000ull}}) {
      INFO("cycles " << c);
      CHECK(clock.from_ns_ceil(clock.to_ns(c)) == c);
    }
    for (devices::Nanoseconds ns = 0; ns < 2'000; ++ns) {
      INFO("ns " << ns);
      Cycles c = clock.from_ns_ceil(ns);
      REQUIRE(clock.to_ns(c) >= ns);
      if (c > 0) REQUIRE(clock.to_ns(c - 1) < ns);  // and it is the first such cycle
    }
  }
  SECTION("long runs do not overflow") {
    // 10 hours of nanoseconds times 64 MHz exceeds 64 bits in the intermediate product.
    devices::Nanoseconds ten_hours = 36'000ull * 1'000'000'000ull;
    CHECK(clock.from_ns_ceil(ten_hours) == 36'000ull * kHz);
    CHECK(clock.to_ns(36'000ull * kHz) == ten_hours);
  }
}

TEST_CASE("virtual clock now_ns follows now at the core clock", "[virtual_clock]") {
  VirtualClock clock(kHz);
  clock.advance_to(64'000);
  CHECK(clock.now_ns() == 1'000'000);
  clock.advance_by(32);
  CHECK(clock.now() == 64'032);
  CHECK(clock.now_ns() == 1'000'500);
}

TEST_CASE("virtual clock advance_to never moves time back", "[virtual_clock]") {
  VirtualClock clock(kHz);
  clock.advance_to(1'000);
  CHECK(clock.now() == 1'000);
  clock.advance_to(500);
  CHECK(clock.now() == 1'000);
  clock.advance_to(1'000);
  CHECK(clock.now() == 1'000);
  clock.advance_to(1'001);
  CHECK(clock.now() == 1'001);
}

TEST_CASE("virtual clock advancing time does not run events by itself", "[virtual_clock]") {
  VirtualClock clock(kHz);
  int runs = 0;
  clock.schedule_at_cycle(10, [&] { ++runs; });
  clock.advance_to(100);
  CHECK(runs == 0);
  clock.deliver_due();
  CHECK(runs == 1);
}

TEST_CASE("virtual clock runs events in time order, ties in scheduling order", "[virtual_clock]") {
  VirtualClock clock(kHz);
  std::string log;
  clock.schedule_at_cycle(30, [&] { log += 'c'; });
  clock.schedule_at_cycle(10, [&] { log += 'a'; });
  clock.schedule_at_cycle(20, [&] { log += 'b'; });
  clock.schedule_at_cycle(20, [&] { log += 'B'; });
  clock.schedule_at_cycle(10, [&] { log += 'A'; });
  clock.schedule_at_cycle(20, [&] { log += '2'; });
  clock.advance_to(100);
  clock.deliver_due();
  CHECK(log == "aAbB2c");
  CHECK_FALSE(clock.next_event().has_value());
}

TEST_CASE("virtual clock schedule_at takes nanoseconds and rounds up to a cycle", "[virtual_clock]") {
  VirtualClock clock(kHz);
  std::vector<int> order;
  clock.schedule_at(1'000'000, [&] { order.push_back(1); });  // 1 ms: cycle 64000
  clock.schedule_at(1, [&] { order.push_back(2); });          // 1 ns: cycle 1
  REQUIRE(clock.next_event() == Cycles{1});
  clock.advance_to(1);
  clock.deliver_due();
  CHECK(order == std::vector<int>{2});
  CHECK(clock.next_event() == Cycles{64'000});
  clock.advance_to(63'999);
  clock.deliver_due();
  CHECK(order == std::vector<int>{2});
  clock.advance_to(64'000);
  clock.deliver_due();
  CHECK(order == std::vector<int>{2, 1});
}

TEST_CASE("virtual clock deliver_due runs only the events due by now", "[virtual_clock]") {
  VirtualClock clock(kHz);
  std::vector<Cycles> ran_at;
  for (Cycles at : {Cycles{5}, Cycles{10}, Cycles{11}, Cycles{50}})
    clock.schedule_at_cycle(at, [&] { ran_at.push_back(clock.now()); });

  clock.deliver_due();  // at cycle 0: nothing is due
  CHECK(ran_at.empty());

  clock.advance_to(10);
  clock.deliver_due();
  CHECK(ran_at == std::vector<Cycles>{10, 10});  // 5 and 10 run, both seeing now() == 10
  CHECK(clock.next_event() == Cycles{11});

  clock.deliver_due();  // again at the same time: nothing more
  CHECK(ran_at.size() == 2);

  clock.advance_to(49);
  clock.deliver_due();
  CHECK(ran_at == std::vector<Cycles>{10, 10, 49});
  CHECK(clock.next_event() == Cycles{50});
}

TEST_CASE("virtual clock events scheduled in the past run on the next delivery", "[virtual_clock]") {
  VirtualClock clock(kHz);
  clock.advance_to(1'000);
  int runs = 0;
  clock.schedule_at_cycle(10, [&] { ++runs; });
  CHECK(clock.next_event_cycle() == 10);
  clock.deliver_due();
  CHECK(runs == 1);
  CHECK(clock.now() == 1'000);  // delivering does not move time
}

TEST_CASE("virtual clock events scheduled by an event for now also run", "[virtual_clock]") {
  VirtualClock clock(kHz);
  std::string log;
  clock.schedule_at_cycle(10, [&] {
    log += 'a';
    clock.schedule_at_cycle(clock.now(), [&] {
      log += 'b';
      clock.schedule_at_cycle(5, [&] { log += 'c'; });  // already past: due as well
    });
    clock.schedule_at_cycle(11, [&] { log += 'L'; });  // later: must wait
  });
  clock.schedule_at_cycle(10, [&] { log += 'x'; });  // scheduled before 'b', so it runs first
  clock.advance_to(10);
  clock.deliver_due();
  CHECK(log == "axbc");
  CHECK(clock.next_event() == Cycles{11});
  clock.advance_to(11);
  clock.deliver_due();
  CHECK(log == "axbcL");
}

TEST_CASE("virtual clock cancel forgets an event", "[virtual_clock]") {
  VirtualClock clock(kHz);
  std::string log;
  clock.schedule_at_cycle(10, [&] { log += 'a'; });
  devices::EventId b = clock.schedule_at_cycle(20, [&] { log += 'b'; });
  clock.schedule_at_cycle(30, [&] { log += 'c'; });
  CHECK(b != devices::kNoEvent);
  clock.cancel(b);
  clock.advance_to(100);
  clock.deliver_due();
  CHECK(log == "ac");
}

TEST_CASE("virtual clock event ids are distinct and never kNoEvent", "[virtual_clock]") {
  VirtualClock clock(kHz);
  std::vector<devices::EventId> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(clock.schedule_at_cycle(7, [] {}));
  for (size_t i = 0; i < ids.size(); ++i) {
    CHECK(ids[i] != devices::kNoEvent);
    for (size_t j = i + 1; j < ids.size(); ++j) CHECK(ids[i] != ids[j]);
  }
}

TEST_CASE("virtual clock cancel ignores unknown and already-run ids", "[virtual_clock]") {
  VirtualClock clock(kHz);
  int runs = 0;
  devices::EventId first = clock.schedule_at_cycle(10, [&] { ++runs; });
  clock.advance_to(10);
  clock.deliver_due();
  REQUIRE(runs == 1);

  devices::EventId later = clock.schedule_at_cycle(20, [&] { runs += 10; });
  clock.cancel(first);             // already ran
  clock.cancel(devices::kNoEvent);  // never an id
  clock.cancel(later + 1000);       // never issued
  CHECK(clock.next_event() == Cycles{20});
  clock.advance_to(20);
  clock.deliver_due();
  CHECK(runs == 11);

  clock.cancel(later);  // cancelling twice after running is harmless too
  clock.cancel(later);
  CHECK_FALSE(clock.next_event().has_value());
}

TEST_CASE("virtual clock an event can cancel another one due at the same time", "[virtual_clock]") {
  VirtualClock clock(kHz);
  std::string log;
  devices::EventId second = devices::kNoEvent;
  clock.schedule_at_cycle(10, [&] {
    log += 'a';
    clock.cancel(second);
  });
  second = clock.schedule_at_cycle(10, [&] { log += 'b'; });
  clock.schedule_at_cycle(10, [&] { log += 'c'; });
  clock.advance_to(10);
  clock.deliver_due();
  CHECK(log == "ac");
}

TEST_CASE("virtual clock next_event tracks scheduling, cancelling and delivery", "[virtual_clock]") {
  VirtualClock clock(kHz);
  auto next = [&] { return clock.next_event(); };

  devices::EventId at50 = clock.schedule_at_cycle(50, [] {});
  CHECK(next() == Cycles{50});
  CHECK(clock.next_event_cycle() == 50);

  devices::EventId at20 = clock.schedule_at_cycle(20, [] {});
  CHECK(next() == Cycles{20});
  CHECK(clock.next_event_cycle() == 20);

  clock.schedule_at_cycle(80, [] {});
  CHECK(clock.next_event_cycle() == 20);  // a later event does not move it

  clock.cancel(at20);
  CHECK(next() == Cycles{50});
  CHECK(clock.next_event_cycle() == 50);

  clock.cancel(at50 + 1000);  // unknown id: unchanged
  CHECK(clock.next_event_cycle() == 50);

  clock.advance_to(60);
  clock.deliver_due();
  CHECK(next() == Cycles{80});
  CHECK(clock.next_event_cycle() == 80);

  clock.advance_to(80);
  clock.deliver_due();
  CHECK_FALSE(next().has_value());
  CHECK(clock.next_event_cycle() == UINT64_MAX);
}

TEST_CASE("virtual clock next_event_cycle is current while an event runs", "[virtual_clock]") {
  VirtualClock clock(kHz);
  Cycles seen = 0;
  clock.schedule_at_cycle(10, [&] { seen = clock.next_event_cycle(); });
  clock.schedule_at_cycle(40, [] {});
  clock.advance_to(10);
  clock.deliver_due();
  CHECK(seen == 40);
}

TEST_CASE("virtual clock is usable through the device EventScheduler interface", "[virtual_clock]") {
  VirtualClock clock(kHz);
  devices::EventScheduler& scheduler = clock;
  std::vector<devices::Nanoseconds> seen;
  devices::EventId dropped = scheduler.schedule_at(500, [&] { seen.push_back(scheduler.now_ns()); });
  scheduler.schedule_at(2'000, [&] { seen.push_back(scheduler.now_ns()); });
  scheduler.cancel(dropped);
  clock.advance_to(clock.from_ns_ceil(2'000));
  clock.deliver_due();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0] == 2'000);
}

}  // namespace sim
