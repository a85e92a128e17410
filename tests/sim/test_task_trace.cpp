// The trace port with real firmware: the board port's hook reports what the runtime does, named
// and in order, and with the port disabled the firmware installs no hook at all. Tagged [trace].
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "elf_image.h"
#include "machine.h"

using namespace sim;
using devices::TaskEventKind;
using devices::TaskState;
using devices::WaitReason;

namespace {
ElfImage firmware(const char* name) { return ElfImage::load(std::string(ASYNCBOARD_FIRMWARE_DIR) + "/" + name); }
}  // namespace

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
