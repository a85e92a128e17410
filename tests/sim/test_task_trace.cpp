// SPDX-License-Identifier: GPL-2.0-or-later
// The trace port with real firmware: the board port's hook reports what the runtime does, named
// and in order, and with the port disabled the firmware installs no hook at all. Tagged [trace].
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "elf_image.h"
#include "firmware_image.h"
#include "machine.h"

using namespace sim;
using devices::TaskEventKind;
using devices::TaskState;
using devices::WaitReason;

TEST_CASE("button-flag: the task is named, waits on the flag, and an interrupt wakes it", "[trace]") {
  ElfImage image = firmware("button_flag.elf");
  Machine m(image);
  std::vector<devices::TaskEvent> events;
  m.trace_port().on_event([&events](const devices::TaskEvent& e, const devices::TaskRecord&) { events.push_back(e); });
  REQUIRE(m.run_until(Machine::kForever) == StopReason::Idle);

  auto tasks = m.trace_port().tasks();
  REQUIRE(tasks.size() == 1);
  const devices::TaskRecord& main = *tasks[0];
  CHECK(main.name == "main");  // asyncio::run() names its task
  CHECK(main.state == TaskState::Waiting);
  CHECK(main.waits_on == WaitReason::Flag);
  CHECK(main.wakes == 1);
  REQUIRE(events.size() == 3);
  CHECK(events[0].kind == TaskEventKind::Created);
  CHECK(events[1].kind == TaskEventKind::Resumed);
  CHECK(events[2].kind == TaskEventKind::Suspended);
  CHECK(events[0].at < events[1].at);

  m.find_button("B1")->press();
  devices::Nanoseconds pressed_at = m.clock().now_ns();
  REQUIRE(m.run_until(Machine::kForever) == StopReason::Idle);
  REQUIRE(events.size() == 6);
  CHECK(events[3].kind == TaskEventKind::InterruptWoke);
  CHECK(events[3].state == TaskState::Ready);
  CHECK(events[3].at > pressed_at);
  CHECK(events[4].kind == TaskEventKind::Resumed);
  CHECK(events[5].kind == TaskEventKind::Suspended);
  CHECK(events[5].waits_on == WaitReason::Flag);
  CHECK(main.wakes == 2);
}

TEST_CASE("cancel-cleanup: a cancelled task and a finished one end as the runtime says", "[trace]") {
  ElfImage image = firmware("cancel_cleanup.elf");
  Machine m(image);
  REQUIRE(m.run_until(Machine::kForever) == StopReason::Exited);
  const devices::TaskRecord* blink = m.trace_port().find("blink");
  const devices::TaskRecord* main = m.trace_port().find("main");
  REQUIRE(blink);
  REQUIRE(main);
  CHECK(blink->state == TaskState::Cancelled);
  CHECK(main->state == TaskState::Done);
  CHECK(main->serial < blink->serial);  // main created blink
}

TEST_CASE("with the trace port disabled the firmware installs no hook and runs fewer instructions", "[trace]") {
  ElfImage image = firmware("button_flag.elf");
  Machine traced(image), quiet(image);
  quiet.set_trace_enabled(false);
  for (Machine* m : {&traced, &quiet}) {
    REQUIRE(m->run_until(Machine::kForever) == StopReason::Idle);
    m->find_button("B1")->press();
    REQUIRE(m->run_until(Machine::kForever) == StopReason::Idle);
    CHECK(m->console().size() == 2);
  }
  CHECK(traced.trace_port().tasks().size() == 1);
  CHECK(quiet.trace_port().tasks().empty());
  CHECK(quiet.instructions() < traced.instructions());
}

TEST_CASE("memory bench: each sleeper reports the bytes it holds and when it is due", "[trace]") {
  ElfImage image = firmware("bench_memory.elf");  // 100 tasks that sleep 1000 ms; main marks the pool's figures
  Machine m(image);
  std::vector<uint32_t> marks;
  m.on_mark([&marks](const Mark& mark) { marks.push_back(mark.id); });
  REQUIRE(m.run_until(m.clock().from_ns_ceil(500'000'000)) == StopReason::TimeReached);
  REQUIRE(marks.size() == 2);
  uint32_t pool_bytes_per_task = marks[0];  // the pool's own count: blocks rounded up to 8 bytes
  int sleepers = 0;
  for (const devices::TaskRecord* t : m.trace_port().tasks()) {
    if (t->name == "main") continue;
    ++sleepers;
    CHECK(t->state == TaskState::Sleeping);
    CHECK(t->due_ms == 1000);               // slept at 0 ms for 1000 ms
    CHECK(t->frame_bytes <= pool_bytes_per_task);  // as requested: each block is rounded up in the pool
    CHECK(t->frame_bytes + 16 > pool_bytes_per_task);  // two blocks, each rounded by less than 8
  }
  CHECK(sleepers == 100);
}
