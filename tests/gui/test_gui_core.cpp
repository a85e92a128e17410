// SPDX-License-Identifier: GPL-2.0-or-later
// The dashboard's logic without a window: the command queue, the emulator thread (commands in,
// consistent snapshots out, a recording that replays), the timeline's history and the test
// script's parser.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <sys/resource.h>

#include "command_queue.h"
#include "emulator_thread.h"
#include "scenario.h"
#include "scenario_runner.h"
#include "test_script.h"
#include "thread_priority.h"
#include "timeline_store.h"

using namespace std::chrono_literals;
using gui::Command;

namespace {

const std::string kButtonFlag = std::string(ASYNCBOARD_FIRMWARE_DIR) + "/button_flag.elf";

// Waits (up to 10 s of wall time) for a snapshot satisfying `ok`.
template <typename Pred>
std::shared_ptr<const gui::Snapshot> wait_for(gui::EmulatorThread& emu, Pred ok) {
  auto deadline = std::chrono::steady_clock::now() + 10s;
  auto s = emu.snapshot();
  while (!(s && ok(*s)) && std::chrono::steady_clock::now() < deadline) s = emu.wait_for_snapshot(s ? s->sequence : 0, 100ms);
  return s;
}

bool led_lit(const gui::Snapshot& s, const std::string& name) {
  for (const auto& l : s.leds)
    if (l.name == name) return l.lit;
  return false;
}

}  // namespace

TEST_CASE("the command queue hands over commands in order, once") {
  gui::CommandQueue q;
  q.push({Command::Press, "B1", 0});
  q.push({Command::SetSpeed, {}, 10});
  auto c = q.drain();
  REQUIRE(c.size() == 2);
  CHECK(c[0].kind == Command::Press);
  CHECK(c[0].text == "B1");
  CHECK(c[1].value == 10);
  CHECK(q.drain().empty());
}

TEST_CASE("the command queue's wait ends early when a command arrives") {
  gui::CommandQueue q;
  std::thread t([&] {
    std::this_thread::sleep_for(20ms);
    q.push({Command::Run, {}, 0});
  });
  auto start = std::chrono::steady_clock::now();
  q.wait_until(start + 10s);
  CHECK(std::chrono::steady_clock::now() - start < 5s);
  t.join();
  CHECK(q.drain().size() == 1);
}

TEST_CASE("the emulator thread: a press from the GUI wakes the task and lights the LED") {
  gui::EmulatorThread emu({kButtonFlag, 0, true, true});
  auto s = wait_for(emu, [](const gui::Snapshot& s) { return s.console_total >= 1 && !s.tasks.empty(); });
  REQUIRE(s);
  REQUIRE(s->state == gui::RunState::Running);
  CHECK(s->console[0] == "button-flag: press B1 to toggle LED1");
  CHECK_FALSE(led_lit(*s, "LED1"));
  uint32_t wakes = s->tasks.back().wakes;
  emu.post({Command::Press, "B1", 0});
  s = wait_for(emu, [](const gui::Snapshot& s) { return led_lit(s, "LED1"); });
  CHECK(led_lit(*s, "LED1"));
  s = wait_for(emu, [&](const gui::Snapshot& s) { return s.tasks.back().wakes > wakes; });
  CHECK(s->tasks.back().name == "main");
  CHECK(s->tasks.back().wakes == wakes + 1);
  // The interrupt's latency to the task it woke is measured.
  s = wait_for(emu, [](const gui::Snapshot& s) {
    for (const auto& i : s.irqs)
      if (i.name == "GPIOA") return i.latest_latency_ns.has_value();
    return false;
  });
  for (const auto& i : s->irqs)
    if (i.name == "GPIOA") {
      CHECK(i.taken == 1);
      REQUIRE(i.latest_latency_ns);
      CHECK(*i.latest_latency_ns > 0);
      CHECK(*i.latest_latency_ns < 100'000);  // a few microseconds at 64 MHz
      CHECK(i.latest_woken == "main");
    }
  // History for the timeline: the task's changes and GPIOA's handler run.
  gui::History h;
  emu.take_history(h);
  gui::TimelineStore tl;
  tl.add(h);
  REQUIRE(tl.tracks().size() == 1);
  CHECK(tl.tracks()[0].name == "main");
  CHECK_FALSE(tl.wakes().empty());
}

TEST_CASE("the emulator thread: pause stops virtual time, step runs one instruction") {
  gui::EmulatorThread emu({kButtonFlag, 0, true, true});
  wait_for(emu, [](const gui::Snapshot& s) { return s.console_total >= 1; });
  emu.post({Command::Pause, {}, 0});
  auto s = wait_for(emu, [](const gui::Snapshot& s) { return s.state == gui::RunState::Paused; });
  REQUIRE(s->state == gui::RunState::Paused);
  std::this_thread::sleep_for(50ms);
  s = emu.snapshot();
  auto t = s->now_ns;
  std::this_thread::sleep_for(50ms);
  CHECK(emu.snapshot()->now_ns == t);
  emu.post({Command::Press, "B1", 0});  // taken while paused: the pin changes, time does not
  s = wait_for(emu, [](const gui::Snapshot& s) { return s.buttons[0].pressed; });
  CHECK(s->buttons[0].pressed);
  CHECK(s->now_ns == t);
  CHECK_FALSE(led_lit(*s, "LED1"));
  // A step over the WFI runs until the sleep ends (as a debugger's does): the interrupt is taken,
  // the task runs, and the board stays paused.
  uint64_t i = s->instructions;
  emu.post({Command::Step, {}, 0});
  s = wait_for(emu, [&](const gui::Snapshot& s) { return s.instructions > i; });
  CHECK(s->instructions > i);
  CHECK(s->state == gui::RunState::Paused);
  i = s->instructions;
  std::this_thread::sleep_for(50ms);
  CHECK(emu.snapshot()->instructions == i);
}

TEST_CASE("the emulator thread: a recorded session replays headless") {
  std::string path = (std::filesystem::temp_directory_path() / "asyncboard-gui-core-session.yaml").string();
  std::filesystem::remove(path);
  {
    gui::EmulatorThread emu({kButtonFlag, 10, true, true});
    wait_for(emu, [](const gui::Snapshot& s) { return s.console_total >= 1; });
    emu.post({Command::StartRecording, path, 0});
    wait_for(emu, [](const gui::Snapshot& s) { return s.recording && s.now_ns > 20'000'000; });
    emu.post({Command::Press, "B1", 0});
    wait_for(emu, [](const gui::Snapshot& s) { return led_lit(s, "LED1"); });
    emu.post({Command::Release, "B1", 0});
    emu.post({Command::Type, "hi\n", 0});
    auto s = wait_for(emu, [](const gui::Snapshot& s) { return !s.buttons[0].pressed; });
    uint64_t seq = s->sequence;
    emu.post({Command::StopRecording, {}, 0});
    s = wait_for(emu, [&](const gui::Snapshot& s) { return s.sequence > seq && !s.recording; });
    CHECK(s->message.find("recorded the session") != std::string::npos);
  }
  std::ifstream f(path);
  std::stringstream text;
  text << f.rdbuf();
  CHECK(text.str().find("- press: B1") != std::string::npos);
  CHECK(text.str().find("- type: \"hi\\n\"") != std::string::npos);
  sim::Scenario sc = sim::parse_scenario_file(path);
  std::string log;
  sim::ScenarioResult r = sim::run_scenario(sc, [&](const std::string& l) { log += l + "\n"; });
  INFO(text.str() << log);
  CHECK(r.code == sim::kPassed);
  std::filesystem::remove(path);
}

TEST_CASE("the emulator thread reports a file it cannot load, and keeps running without one") {
  gui::EmulatorThread emu({"/nonexistent.elf", 1, true, true});
  auto s = wait_for(emu, [](const gui::Snapshot& s) { return !s.message.empty(); });
  CHECK(s->state == gui::RunState::NoFirmware);
  CHECK(s->message.find("nonexistent.elf") != std::string::npos);
}

TEST_CASE("the timeline store keeps changes per task, finds the one in effect, starts over on a new generation") {
  gui::TimelineStore tl;
  gui::History h;
  h.generation = 1;
  h.names = {{1, "main"}, {2, "worker"}};
  using S = devices::TaskState;
  using K = devices::TaskEventKind;
  h.tasks = {{10, 1, K::Created, S::Ready, {}},   {20, 1, K::Resumed, S::Running, {}},
             {30, 2, K::Created, S::Ready, {}},   {40, 1, K::Suspended, S::Waiting, devices::WaitReason::Flag},
             {45, 1, K::Suspended, S::Waiting, devices::WaitReason::Flag},  // no change: not kept
             {50, 1, K::InterruptWoke, S::Ready, {}}};
  h.irqs = {{48, 16, true}, {49, 16, false}};
  tl.add(h);
  REQUIRE(tl.tracks().size() == 2);
  const auto& main = tl.tracks()[0];
  CHECK(main.name == "main");
  CHECK(main.changes.size() == 4);
  CHECK(gui::TimelineStore::change_at(main, 5) == -1);
  CHECK(main.changes[gui::TimelineStore::change_at(main, 25)].state == S::Running);
  CHECK(main.changes[gui::TimelineStore::change_at(main, 45)].state == S::Waiting);
  REQUIRE(tl.handler_runs().size() == 1);
  CHECK(tl.handler_runs()[0].end == 49);
  // The wake is matched to the handler that ran before it (in the same batch).
  REQUIRE(tl.wakes().size() == 1);
  CHECK(tl.wakes()[0].handler_entry == 48);
  gui::History next;
  next.generation = 1;
  next.tasks = {{60, 2, K::InterruptWoke, S::Ready, {}}};
  tl.add(next);
  REQUIRE(tl.wakes().size() == 2);
  CHECK(tl.wakes().back().exception == 16);
  CHECK(tl.latest() == 60);
  // Woke: from the waking task -- unless a handler is running then (Event.set() from an interrupt).
  gui::History woke;
  woke.generation = 1;
  woke.tasks = {{70, 1, K::Woke, S::Ready, {}, 2}, {80, 1, K::Woke, S::Ready, {}, 0}};
  woke.irqs = {{90, 17, true}};
  woke.tasks.push_back({95, 2, K::Woke, S::Ready, {}, 1});
  tl.add(woke);
  REQUIRE(tl.task_wakes().size() == 1);  // the one at 80 names no waker: no arrow
  CHECK(tl.task_wakes()[0].waker == 2);
  CHECK(tl.task_wakes()[0].serial == 1);
  CHECK(tl.task_wakes()[0].at == 70);
  REQUIRE(tl.wakes().size() == 3);
  CHECK(tl.wakes().back().exception == 17);  // UART0's handler, still running at 95
  CHECK(tl.wakes().back().serial == 2);
  gui::History fresh;
  fresh.generation = 2;
  tl.add(fresh);
  CHECK(tl.tracks().empty());
  CHECK(tl.task_wakes().empty());
  CHECK(tl.generation() == 2);
}

TEST_CASE("favour_thread lowers every other thread of the process and leaves the favoured one") {
  std::atomic<pid_t> other{0};
  std::atomic<bool> done{false};
  std::thread worker([&] {
    other = gui::current_thread_id();
    while (!done) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });
  while (!other) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  pid_t me = gui::current_thread_id();
  int before = getpriority(PRIO_PROCESS, static_cast<id_t>(me));
  CHECK(gui::favour_thread(me, before + 3) >= 1);
  CHECK(getpriority(PRIO_PROCESS, static_cast<id_t>(other.load())) == before + 3);
  CHECK(getpriority(PRIO_PROCESS, static_cast<id_t>(me)) == before);
  done = true;
  worker.join();
}

TEST_CASE("the test script parser reads commands and rejects unknown ones with their line") {
  auto lines = gui::parse_test_script("# comment\nclick B1 hold-frames 4\n\ntype hello board\nexpect-console button pressed within 30\nquit\n");
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].line == 2);
  CHECK(lines[0].words == std::vector<std::string>{"click", "B1", "hold-frames", "4"});
  CHECK(lines[1].words == std::vector<std::string>{"type", "hello board"});
  CHECK(lines[2].words == std::vector<std::string>{"expect-console", "button pressed", "within", "30"});
  CHECK_THROWS_WITH(gui::parse_test_script("wait-frames 1\njump B1\n"), Catch::Contains("line 2: unknown command 'jump'"));
  CHECK_THROWS_WITH(gui::parse_test_script("expect-led LED1\n"), Catch::Contains("needs 2 argument"));
}
