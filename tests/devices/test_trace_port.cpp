// SPDX-License-Identifier: GPL-2.0-or-later
// The trace port without the CPU: firmware's stores are register writes, guest memory is a small
// fake holding the task names, virtual time is the fake scheduler's.
#include <catch2/catch.hpp>

#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "board/registers.h"
#include "devices/trace_port.h"
#include "diagnostic_log.h"
#include "fake_scheduler.h"

using devices::TaskEvent;
using devices::TaskEventKind;
using devices::TaskRecord;
using devices::TaskState;
using devices::TracePort;
using devices::WaitReason;
using devices::testing::DiagnosticLog;
using devices::testing::FakeScheduler;
namespace trace = board::trace;

namespace {

// Guest memory as a few byte ranges; anything else is unmapped.
class FakeMemory : public devices::GuestMemory {
 public:
  void put(uint32_t address, const std::string& bytes) { regions_[address] = bytes; }
  bool read(uint32_t address, void* out, size_t size) const override {
    for (const auto& [base, bytes] : regions_) {
      if (address >= base && address + size <= base + bytes.size()) {
        std::memcpy(out, bytes.data() + (address - base), size);
        return true;
      }
    }
    return false;
  }
  bool write(uint32_t, const void*, size_t) override { return false; }

 private:
  std::map<uint32_t, std::string> regions_;
};

struct Board {
  FakeScheduler clock;
  FakeMemory memory;
  TracePort port{"TRACE", clock, memory};
  Board() { port.set_enabled(true); }

  void wr(uint32_t offset, uint32_t value) { port.registers().write(offset, 4, value); }
  // What the board port's hook stores for one event.
  void event(uint32_t task, uint32_t code, uint32_t state, uint32_t reason = trace::REASON_NONE, uint32_t name = 0) {
    wr(trace::TASK, task);
    if (name) wr(trace::NAME, name);
    wr(trace::EVENT, code | state << trace::EVENT_STATE_SHIFT | reason << trace::EVENT_REASON_SHIFT);
  }
};

constexpr uint32_t kWatcher = 0x2000'0100, kBlinker = 0x2000'0200;
constexpr uint32_t kWatcherName = 0x0800'1000, kBlinkerName = 0x0800'1010;

}  // namespace

TEST_CASE("CTRL reads ENABLED as the simulator set it, and stimulus writes are dropped while disabled", "[trace_port]") {
  Board b;
  CHECK(b.port.registers().read(trace::CTRL, 4) == trace::CTRL_ENABLED);
  b.port.set_enabled(false);
  CHECK(b.port.registers().read(trace::CTRL, 4) == 0);
  b.event(kWatcher, trace::EVENT_CREATED, trace::STATE_READY);
  CHECK(b.port.tasks().empty());
}

TEST_CASE("Created names a task from guest memory and starts it ready", "[trace_port]") {
  Board b;
  b.memory.put(kWatcherName, std::string("watcher\0", 8));
  b.clock.advance_to(1500);
  b.event(kWatcher, trace::EVENT_CREATED, trace::STATE_READY, trace::REASON_NONE, kWatcherName);
  REQUIRE(b.port.tasks().size() == 1);
  const TaskRecord* t = b.port.find("watcher");
  REQUIRE(t != nullptr);
  CHECK(t->serial == 1);
  CHECK(t->id == kWatcher);
  CHECK(t->state == TaskState::Ready);
  CHECK(t->waits_on == WaitReason::None);
  CHECK(t->wakes == 0);
  CHECK(t->since == 1500);
  CHECK(b.port.find("blinker") == nullptr);
}

TEST_CASE("a task's life: running, waiting on what it waits on, woken by an interrupt, done", "[trace_port]") {
  Board b;
  b.memory.put(kWatcherName, std::string("watcher\0", 8));
  std::vector<TaskEvent> events;
  b.port.on_event([&events](const TaskEvent& e, const TaskRecord&) { events.push_back(e); });

  b.event(kWatcher, trace::EVENT_CREATED, trace::STATE_READY, trace::REASON_NONE, kWatcherName);
  b.clock.advance_to(100);
  b.event(kWatcher, trace::EVENT_RESUMED, trace::STATE_READY);  // the loop says Ready; it is running
  const TaskRecord* t = b.port.find("watcher");
  CHECK(t->state == TaskState::Running);
  CHECK(t->wakes == 1);

  b.clock.advance_to(200);
  b.event(kWatcher, trace::EVENT_SUSPENDED, trace::STATE_WAITING, trace::REASON_FLAG);
  CHECK(t->state == TaskState::Waiting);
  CHECK(t->waits_on == WaitReason::Flag);
  CHECK(t->since == 200);

  b.clock.advance_to(5000);
  b.event(kWatcher, trace::EVENT_INTERRUPT_WOKE, trace::STATE_READY);
  CHECK(t->state == TaskState::Ready);
  CHECK(t->waits_on == WaitReason::None);

  b.clock.advance_to(5100);
  b.event(kWatcher, trace::EVENT_RESUMED, trace::STATE_READY);
  b.event(kWatcher, trace::EVENT_FINISHED, trace::STATE_DONE);
  CHECK(t->state == TaskState::Done);
  CHECK(t->finished());
  CHECK(t->wakes == 2);

  REQUIRE(events.size() == 6);
  CHECK(events[0].kind == TaskEventKind::Created);
  CHECK(events[2].kind == TaskEventKind::Suspended);
  CHECK(events[2].at == 200);
  CHECK(events[2].waits_on == WaitReason::Flag);
  CHECK(events[3].kind == TaskEventKind::InterruptWoke);
  CHECK(events[3].at == 5000);
  CHECK(events[5].state == TaskState::Done);
  for (const TaskEvent& e : events) CHECK(e.serial == 1);
}

TEST_CASE("Woke takes the WAKER written before it: a live task, or one that has just finished", "[trace_port]") {
  Board b;
  std::vector<TaskEvent> events;
  b.port.on_event([&events](const TaskEvent& e, const TaskRecord&) { events.push_back(e); });
  b.event(kWatcher, trace::EVENT_CREATED, trace::STATE_READY);
  b.event(kBlinker, trace::EVENT_CREATED, trace::STATE_READY);
  b.event(kWatcher, trace::EVENT_SUSPENDED, trace::STATE_WAITING, trace::REASON_EVENT);
  b.event(kBlinker, trace::EVENT_RESUMED, trace::STATE_READY);
  b.wr(trace::WAKER, kBlinker);  // the blinker sets the Event
  b.event(kWatcher, trace::EVENT_WOKE, trace::STATE_READY);
  REQUIRE(events.back().kind == TaskEventKind::Woke);
  CHECK(events.back().serial == 1);
  CHECK(events.back().waker == 2);
  CHECK(b.port.task(1)->state == TaskState::Ready);

  // The watcher awaits the blinker, which finishes: its Woke names the finished task.
  b.event(kWatcher, trace::EVENT_SUSPENDED, trace::STATE_WAITING, trace::REASON_TASK);
  b.event(kBlinker, trace::EVENT_FINISHED, trace::STATE_DONE);
  b.wr(trace::WAKER, kBlinker);
  b.event(kWatcher, trace::EVENT_WOKE, trace::STATE_READY);
  CHECK(events.back().waker == 2);

  // No WAKER (I/O readiness), or one never heard of: no waker. WAKER is taken by one EVENT only.
  b.event(kWatcher, trace::EVENT_SUSPENDED, trace::STATE_WAITING, trace::REASON_STREAM);
  b.event(kWatcher, trace::EVENT_WOKE, trace::STATE_READY);
  CHECK(events.back().waker == 0);
  b.wr(trace::WAKER, 0x2000'0300);
  b.event(kWatcher, trace::EVENT_WOKE, trace::STATE_READY);
  CHECK(events.back().waker == 0);
  CHECK(std::string(devices::to_string(TaskEventKind::Woke)) == "woke");
}

TEST_CASE("Suspended takes FRAMES, and DUE when the task goes to sleep, other events leave them", "[trace_port]") {
  Board b;
  b.event(kWatcher, trace::EVENT_CREATED, trace::STATE_READY);
  const TaskRecord* t = b.port.task(1);
  CHECK(t->frame_bytes == 0);  // not reported yet
  b.wr(trace::FRAMES, 128);
  b.wr(trace::DUE, 1700);
  b.event(kWatcher, trace::EVENT_SUSPENDED, trace::STATE_SLEEPING, trace::REASON_SLEEP);
  CHECK(t->frame_bytes == 128);
  CHECK(t->due_ms == 1700);
  b.event(kWatcher, trace::EVENT_RESUMED, trace::STATE_READY);
  CHECK(t->frame_bytes == 128);  // as of its latest suspension
  b.wr(trace::FRAMES, 176);      // awaiting a coroutine inline: its frame counts too
  b.event(kWatcher, trace::EVENT_SUSPENDED, trace::STATE_WAITING, trace::REASON_EVENT);
  CHECK(t->frame_bytes == 176);
  CHECK(t->due_ms == 0);  // not sleeping
  // FRAMES and DUE go with the next EVENT only, whatever it is.
  b.wr(trace::FRAMES, 999);
  b.wr(trace::DUE, 5);
  b.event(kWatcher, trace::EVENT_WOKE, trace::STATE_READY);
  b.event(kWatcher, trace::EVENT_SUSPENDED, trace::STATE_SLEEPING, trace::REASON_SLEEP);
  CHECK(t->frame_bytes == 176);
  CHECK(t->due_ms == 0);
}

TEST_CASE("a finished task's memory reused by a new task is a new task", "[trace_port]") {
  Board b;
  b.memory.put(kWatcherName, std::string("watcher\0", 8));
  b.memory.put(kBlinkerName, std::string("blinker\0", 8));
  b.event(kWatcher, trace::EVENT_CREATED, trace::STATE_READY, trace::REASON_NONE, kWatcherName);
  b.event(kWatcher, trace::EVENT_FINISHED, trace::STATE_CANCELLED);
  b.event(kWatcher, trace::EVENT_CREATED, trace::STATE_READY, trace::REASON_NONE, kBlinkerName);
  b.event(kWatcher, trace::EVENT_RESUMED, trace::STATE_READY);

  auto tasks = b.port.tasks();
  REQUIRE(tasks.size() == 2);
  CHECK(tasks[0]->name == "watcher");
  CHECK(tasks[0]->state == TaskState::Cancelled);
  CHECK(tasks[0]->wakes == 0);
  CHECK(tasks[1]->name == "blinker");
  CHECK(tasks[1]->serial == 2);
  CHECK(tasks[1]->state == TaskState::Running);
}

TEST_CASE("find() names the most recently created task of that name", "[trace_port]") {
  Board b;
  b.memory.put(kWatcherName, std::string("worker\0", 7));
  b.event(kWatcher, trace::EVENT_CREATED, trace::STATE_READY, trace::REASON_NONE, kWatcherName);
  b.event(kWatcher, trace::EVENT_FINISHED, trace::STATE_DONE);
  b.event(kBlinker, trace::EVENT_CREATED, trace::STATE_READY, trace::REASON_NONE, kWatcherName);
  REQUIRE(b.port.find("worker") != nullptr);
  CHECK(b.port.find("worker")->serial == 2);
  CHECK(b.port.find("worker")->state == TaskState::Ready);
}

TEST_CASE("an unnamed task is labelled by its serial", "[trace_port]") {
  Board b;
  b.memory.put(kWatcherName, std::string("\0", 1));
  b.event(kWatcher, trace::EVENT_CREATED, trace::STATE_READY, trace::REASON_NONE, kWatcherName);
  b.event(kBlinker, trace::EVENT_RESUMED, trace::STATE_READY);  // never announced: an unnamed record
  auto tasks = b.port.tasks();
  REQUIRE(tasks.size() == 2);
  CHECK(tasks[0]->name.empty());
  CHECK(tasks[0]->label() == "task 1");
  CHECK(tasks[1]->label() == "task 2");
  CHECK(tasks[1]->state == TaskState::Running);
}

TEST_CASE("names are cut at the limit, and an unreadable name is reported", "[trace_port]") {
  Board b;
  DiagnosticLog log;
  log.attach(b.port.registers());
  b.memory.put(kWatcherName, std::string(100, 'x'));
  b.event(kWatcher, trace::EVENT_CREATED, trace::STATE_READY, trace::REASON_NONE, kWatcherName);
  CHECK(b.port.tasks()[0]->name == std::string(TracePort::kMaxNameLength, 'x'));
  b.event(kBlinker, trace::EVENT_CREATED, trace::STATE_READY, trace::REASON_NONE, 0x3000'0000);
  CHECK(b.port.tasks()[1]->name.empty());
  REQUIRE(log.lines.size() == 1);
  CHECK(log.lines[0] == "TRACE: task name at 0x30000000 is not readable memory");
}

TEST_CASE("an EVENT with an unknown code, state or reason is reported and ignored", "[trace_port]") {
  Board b;
  DiagnosticLog log;
  log.attach(b.port.registers());
  b.event(kWatcher, 9, trace::STATE_READY);
  b.event(kWatcher, trace::EVENT_SUSPENDED, 7);
  b.event(kWatcher, trace::EVENT_SUSPENDED, trace::STATE_WAITING, 9);
  CHECK(b.port.tasks().empty());
  REQUIRE(log.lines.size() == 3);
  CHECK(log.lines[0] == "TRACE: EVENT 0x00000009 ignored: event code 9, state 0 or waits-on 0 is unknown");
}

TEST_CASE("the stimulus registers are write-only and CTRL is read-only, by name", "[trace_port]") {
  Board b;
  DiagnosticLog log;
  log.attach(b.port.registers());
  CHECK(b.port.registers().read(trace::EVENT, 4) == 0);
  b.wr(trace::CTRL, 0);
  CHECK(b.port.enabled());
  REQUIRE(log.lines.size() == 2);
  CHECK(log.lines[0] == "TRACE: read of write-only register EVENT (0x0C) returns 0");
  CHECK(log.lines[1] == "TRACE: write of 0x0 to read-only register CTRL (0x00) ignored");
}

TEST_CASE("a NAME is taken by the next EVENT only", "[trace_port]") {
  Board b;
  b.memory.put(kWatcherName, std::string("watcher\0", 8));
  b.event(kWatcher, trace::EVENT_CREATED, trace::STATE_READY, trace::REASON_NONE, kWatcherName);
  b.event(kBlinker, trace::EVENT_CREATED, trace::STATE_READY);
  CHECK(b.port.tasks()[1]->name.empty());
}

TEST_CASE("only the latest finished tasks are kept", "[trace_port]") {
  Board b;
  b.event(0x2000'0000, trace::EVENT_CREATED, trace::STATE_READY);
  for (uint32_t i = 1; i <= TracePort::kFinishedTasksKept + 10; ++i) {
    b.event(0x2000'1000 + i * 64, trace::EVENT_CREATED, trace::STATE_READY);
    b.event(0x2000'1000 + i * 64, trace::EVENT_FINISHED, trace::STATE_DONE);
  }
  auto tasks = b.port.tasks();
  CHECK(tasks.size() == TracePort::kFinishedTasksKept + 1);
  CHECK(tasks[0]->serial == 1);                 // the live one stays
  CHECK(b.port.task(2) == nullptr);             // the oldest finished ones are gone
  CHECK(tasks.back()->serial == TracePort::kFinishedTasksKept + 11);
}
