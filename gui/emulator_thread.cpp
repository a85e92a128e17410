// SPDX-License-Identifier: GPL-2.0-or-later
#include "emulator_thread.h"

#include "firmware_memory.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>

#include "elf_image.h"
#include "machine.h"
#include "scenario.h"
#include "scenario_recorder.h"
#include "scenario_runner.h"
#include "thread_priority.h"
#include <fstream>

namespace gui {

using devices::Nanoseconds;
using Clock = std::chrono::steady_clock;

const char* to_string(RunState s) {
  switch (s) {
    case RunState::Paused: return "paused";
    case RunState::Running: return "running";
    case RunState::Exited: return "exited";
    case RunState::Faulted: return "faulted";
    case RunState::Replaying: return "replaying";
    case RunState::NoFirmware: return "no firmware";
  }
  return "?";
}

namespace {

std::string irq_name(int e) {
  switch (e) {
    case 15: return "SysTick";
    case 16 + board::kGpioAIrq: return "GPIOA";
    case 16 + board::kUart0Irq: return "UART0";
    case 16 + board::kTimebaseIrq: return "TIMEBASE";
    case 16 + board::kNet0Irq: return "NET0";
    case 16 + board::kTimer0Irq: return "TIMER0";
    case 16 + board::kTimer1Irq: return "TIMER1";
    default: return e >= 16 ? fmt::format("IRQ{}", e - 16) : fmt::format("exception {}", e);
  }
}

bool write_whole_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  return static_cast<bool>(f.flush());
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

// The Machine being shown and the bookkeeping its observers keep. Observers run inside
// Machine::run_until() on the emulator thread, so they only append to thread-local buffers;
// publish() hands the buffers over under the lock, once per slice.
struct EmulatorThread::Live {
  std::unique_ptr<sim::Machine> owned;  // null while showing a replay's machine
  sim::Machine* m = nullptr;
  bool collect_history = true;
  // Per task serial: time run so far, and when it was last resumed (0: not running).
  std::vector<Nanoseconds> run_ns, resumed_at;
  // A task woken through a flag by an interrupt: the handler and its entry, until the task resumes.
  struct Woken { int exception; Nanoseconds entry; };
  std::vector<std::optional<Woken>> woken_by;
  int last_handler = 0;
  Nanoseconds last_handler_entry = 0;
  std::array<std::optional<Nanoseconds>, sim::exception::kCount> latency{};
  std::array<std::string, sim::exception::kCount> latency_task{};
  History batch;  // collected since the last publish
  uint64_t dropped = 0;
  size_t console_seen = 0;

  template <typename T>
  static T& at(std::vector<T>& v, uint32_t serial) {
    if (serial >= v.size()) v.resize(std::max<size_t>(serial + 1, v.size() * 2));
    return v[serial];
  }

  void attach() {
    m->trace_port().on_event([this](const devices::TaskEvent& e, const devices::TaskRecord& r) {
      using K = devices::TaskEventKind;
      if (e.kind == K::Resumed) {
        at(resumed_at, e.serial) = e.at;
        auto& w = at(woken_by, e.serial);
        if (w) {
          latency[w->exception] = e.at - w->entry;
          latency_task[w->exception] = r.label();
          w.reset();
        }
      } else if (e.kind == K::Suspended || e.kind == K::Finished) {
        Nanoseconds& since = at(resumed_at, e.serial);
        if (since) at(run_ns, e.serial) += e.at - since;
        since = 0;
      } else if (e.kind == K::InterruptWoke && last_handler) {
        at(woken_by, e.serial) = Woken{last_handler, last_handler_entry};
      }
      if (!collect_history) return;
      if (e.kind == K::Created) batch.names.emplace_back(e.serial, r.label());
      if (batch.tasks.size() < kMaxPendingChanges)
        batch.tasks.push_back(TaskChange{e.at, e.serial, e.kind, e.state, e.waits_on, e.waker});
      else
        ++dropped;
    });
    m->on_exception([this](int exception, bool entry) {
      Nanoseconds now = m->clock().now_ns();
      if (entry && exception >= 15) {
        last_handler = exception;
        last_handler_entry = now;
      }
      if (collect_history && batch.irqs.size() < kMaxPendingChanges) batch.irqs.push_back(IrqMark{now, exception, entry});
    });
  }
};

EmulatorThread::EmulatorThread(EmulatorOptions options)
    : options_(std::move(options)), snapshot_(std::make_shared<Snapshot>()) {  // sequence 0: nothing yet
  speed_ = options_.speed;
  thread_ = std::thread([this] { main(); });
}

EmulatorThread::~EmulatorThread() {
  quit_ = true;
  commands_.push(Command{Command::Quit, {}, 0});
  if (thread_.joinable()) thread_.join();
}

std::shared_ptr<const Snapshot> EmulatorThread::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return snapshot_;
}

std::shared_ptr<const Snapshot> EmulatorThread::wait_for_snapshot(uint64_t sequence,
                                                                  std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mutex_);
  published_.wait_for(lock, timeout, [&] { return snapshot_ && snapshot_->sequence > sequence; });
  return snapshot_;
}

void EmulatorThread::take_history(History& out) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (out.generation != pending_.generation) {  // a reset or load: what the GUI holds is stale
    out = History{};
    out.generation = pending_.generation;
  }
  out.tasks.insert(out.tasks.end(), pending_.tasks.begin(), pending_.tasks.end());
  out.irqs.insert(out.irqs.end(), pending_.irqs.begin(), pending_.irqs.end());
  out.names.insert(out.names.end(), pending_.names.begin(), pending_.names.end());
  out.dropped += pending_.dropped;
  pending_.tasks.clear();
  pending_.irqs.clear();
  pending_.names.clear();
  pending_.dropped = 0;
}

void EmulatorThread::main() {
  thread_id_ = current_thread_id();
  if (!options_.file.empty() && load(options_.file) && options_.start_running) state_ = RunState::Running;
  publish(true);
  while (!quit_) {
    for (const Command& c : commands_.drain()) handle(c);
    if (quit_) break;
    if (state_ == RunState::Running) {
      run_slice();
    } else {
      publish(false);
      commands_.wait_until(Clock::now() + std::chrono::milliseconds(50));
    }
  }
  if (recorder_) stop_recording();
}

bool EmulatorThread::load(const std::string& file) {
  std::unique_ptr<sim::Scenario> scenario;
  std::string firmware = file;
  try {
    if (ends_with(file, ".yaml") || ends_with(file, ".yml")) {
      scenario = std::make_unique<sim::Scenario>(sim::parse_scenario_file(file));
      firmware = sim::locate_firmware(scenario->firmware, scenario->path);
    }
    auto image = std::make_unique<sim::ElfImage>(sim::ElfImage::load(firmware));
    // The Machine refers to the image: drop the old machine before the old image.
    live_.reset();
    image_ = std::move(image);
    scenario_ = std::move(scenario);
    firmware_path_ = firmware;
    scenario_path_ = scenario_ ? file : "";
    message_.clear();
    reset();
    return true;
  } catch (const std::exception& e) {  // ScenarioError, ElfError, CpuError: shown, the old board stays
    message_ = e.what();
    return false;
  }
}

void EmulatorThread::reset() {
  if (recorder_) stop_recording();
  live_.reset();
  if (!image_) return;
  live_ = std::make_unique<Live>();
  live_->owned = std::make_unique<sim::Machine>(*image_);
  live_->m = live_->owned.get();
  live_->collect_history = options_.collect_history;
  if (scenario_) live_->m->network().set_config(scenario_->network);
  live_->attach();
  ++generation_;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_ = History{};
    pending_.generation = generation_;
  }
  if (state_ == RunState::NoFirmware || state_ == RunState::Faulted || state_ == RunState::Exited ||
      state_ == RunState::Replaying)
    state_ = RunState::Paused;
  wall_anchor_ = rate_wall_ = Clock::now();
  virtual_anchor_ = 0;
  rate_instructions_ = 0;
  rate_virtual_ = 0;
  publish(true);
}

void EmulatorThread::handle(const Command& c) {
  sim::Machine* m = live_ ? live_->m : nullptr;
  switch (c.kind) {
    case Command::Quit:
      quit_ = true;
      return;
    case Command::Load:
      if (load(c.text)) state_ = RunState::Running;
      publish(true);
      return;
    case Command::Reset:
      reset();
      return;
    case Command::SetSpeed:
      speed_ = c.value;
      wall_anchor_ = Clock::now();  // pace from here on at the new factor
      if (m) virtual_anchor_ = m->clock().now_ns();
      publish(true);
      return;
    default:
      break;
  }
  if (!m) return;
  switch (c.kind) {
    case Command::Run:
      if (state_ == RunState::Paused) {
        state_ = RunState::Running;
        wall_anchor_ = Clock::now();
        virtual_anchor_ = m->clock().now_ns();
      }
      break;
    case Command::Pause:
      if (state_ == RunState::Running) state_ = RunState::Paused;
      break;
    case Command::Step:
      if (state_ == RunState::Paused) {
        if (m->step() == sim::StopReason::Faulted) state_ = RunState::Faulted;
      }
      break;
    case Command::Press:
    case Command::Release:
      if (devices::Button* b = m->find_button(c.text)) {
        bool press = c.kind == Command::Press;
        if (press == b->pressed()) break;
        if (recorder_) {
          flush_recording_wait();
          recorder_->input(press ? "press" : "release", c.text);
        }
        press ? b->press() : b->release();
      }
      break;
    case Command::Type: {
      if (recorder_) flush_recording_wait();
      Nanoseconds start = m->clock().now_ns();
      sim::Cycles end = m->type_into_console(c.text);
      // As the type step does: the step lasts until the last byte has arrived, so the recorded
      // session and its replay continue from the same instant.
      if (m->run_until(end) == sim::StopReason::Faulted) state_ = RunState::Faulted;
      if (recorder_) {
        recorder_->type(c.text, m->clock().to_ns(end) - start);
        record_mark_ = m->clock().now_ns();
        flush_recording_wait();  // console lines printed while typing
      }
      break;
    }
    case Command::StartRecording:
      if (recorder_) stop_recording();
      recorder_ = std::make_unique<sim::ScenarioRecorder>();
      record_path_ = c.text;
      record_mark_ = m->clock().now_ns();
      record_console_.clear();
      live_->console_seen = m->console().size();
      // A recording starts from reset so the replay (which starts there too) sees the same board.
      if (m->clock().now() != 0) {
        auto keep = std::move(recorder_);
        std::string path = record_path_;
        reset();
        recorder_ = std::move(keep);
        record_path_ = path;
        record_mark_ = 0;
        live_->console_seen = 0;
      }
      message_ = "recording to " + record_path_;
      break;
    case Command::StopRecording:
      if (recorder_) stop_recording();
      break;
    case Command::Replay:
      replay();
      break;
    default:
      break;
  }
  publish(true);
}

// Time that passed since the recorder's mark becomes a wait step, followed by the console lines
// printed in it (checked at the wait's end, as the recorder's format says).
void EmulatorThread::flush_recording_wait() {
  sim::Machine& m = *live_->m;
  const auto& lines = m.console();
  Nanoseconds now = m.clock().now_ns();
  bool new_lines = live_->console_seen < lines.size();
  if (now > record_mark_ || new_lines) {
    if (now > record_mark_) recorder_->wait(now - record_mark_);
    record_mark_ = now;
    for (size_t i = live_->console_seen; i < lines.size(); ++i) recorder_->console(lines[i].text);
    live_->console_seen = lines.size();
  }
}

void EmulatorThread::stop_recording() {
  if (live_) flush_recording_wait();
  std::string yaml = recorder_->yaml(std::filesystem::path(record_path_).stem().string(),
                                     std::filesystem::absolute(firmware_path_).string());
  recorder_.reset();
  message_ = write_whole_file(record_path_, yaml)
                 ? "recorded the session into " + record_path_ + " (asyncboard run " + record_path_ + " replays it)"
                 : "cannot write " + record_path_;
}

void EmulatorThread::run_slice() {
  sim::Machine& m = *live_->m;
  // Slices a few milliseconds long in wall time, so input is taken and the view updated often;
  // a whole number of microseconds, so recorded waits add up exactly (1 us = 64 cycles).
  Nanoseconds slice = speed_ > 0 ? std::clamp<Nanoseconds>(static_cast<Nanoseconds>(speed_ * 4e6), 100'000, 50'000'000)
                                 : 10'000'000;
  slice -= slice % 1000;
  sim::Cycles target = m.clock().now() + m.clock().from_ns_ceil(slice);
  sim::StopReason r = m.run_until(target);
  if (r == sim::StopReason::Idle) r = m.run_until(target);  // asleep with nothing scheduled: time passes anyway
  if (r == sim::StopReason::Faulted) {
    state_ = RunState::Faulted;
    message_ = "firmware fault: " + m.describe_fault();
  } else if (m.exit_status() && message_.empty()) {
    message_ = fmt::format("the firmware returned from main with status {}", *m.exit_status());
  }
  if (recorder_ && live_->console_seen < m.console().size()) flush_recording_wait();
  if (speed_ > 0) {
    auto due = wall_anchor_ + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>((m.clock().now_ns() - virtual_anchor_) / 1e9 / speed_));
    auto now = Clock::now();
    if (due < now - std::chrono::milliseconds(250)) {  // cannot keep this pace: do not race to catch up later
      wall_anchor_ = now;
      virtual_anchor_ = m.clock().now_ns();
    } else {
      publish(false);
      commands_.wait_until(due);  // a command (a click) ends the wait early
    }
  }
  publish(false);
}

void EmulatorThread::replay() {
  if (!scenario_) {
    message_ = "nothing to replay: load a scenario file (.yaml) first";
    return;
  }
  if (recorder_) stop_recording();
  replay_log_.clear();
  state_ = RunState::Replaying;
  live_.reset();  // the player builds its own machine; the live one restarts afterwards
  ++generation_;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_ = History{};
    pending_.generation = generation_;
  }
  std::unique_ptr<Live> shown;
  sim::MachineHooks hooks;
  hooks.started = [&](sim::Machine& m) {
    shown = std::make_unique<Live>();
    shown->m = &m;
    shown->collect_history = options_.collect_history;
    shown->attach();
    replay_machine_ = &m;
    std::swap(live_, shown);
  };
  hooks.finished = [&](sim::Machine&) { publish(true); };
  // The player prints a line per step: show each as it comes, with the board at that instant.
  sim::ScenarioResult result = sim::run_scenario(*scenario_, [&](const std::string& line) {
    replay_log_.push_back(line);
    publish(false);
  }, hooks);
  replay_log_.push_back(result.message);
  message_ = fmt::format("replay {}: {}", result.code == sim::kPassed ? "PASS" : "FAIL", result.message);
  // The player's machine is gone: back to a fresh live board, paused, the replay's log kept.
  live_.reset();
  replay_machine_ = nullptr;
  state_ = RunState::Paused;
  std::string keep = message_;
  reset();
  message_ = keep;
}

std::shared_ptr<Snapshot> EmulatorThread::capture(sim::Machine& m) const {
  auto s = std::make_shared<Snapshot>();
  s->state = state_;
  s->speed = speed_;
  s->firmware = firmware_path_;
  s->scenario = scenario_path_;
  s->message = message_;
  s->now_ns = m.clock().now_ns();
  s->instructions = m.instructions();
  s->sleeping = m.sleeping();
  s->mips = mips_;
  s->virtual_per_real = virtual_per_real_;
  for (const std::string& name : m.led_names()) {
    devices::Led* led = m.find_led(name);
    s->leds.push_back(LedView{name, led->pin(), led->lit(), led->brightness()});
  }
  for (const std::string& name : m.button_names()) {
    devices::Button* b = m.find_button(name);
    s->buttons.push_back(ButtonView{name, b->pin(), b->pressed()});
  }
  s->pin_levels = m.gpio_a().levels();
  for (int p = 0; p < 16; ++p) s->pin_duty[p] = m.gpio_a().pin_duty(p);
  const auto& console = m.console();
  s->console_total = console.size();
  size_t first = console.size() > Snapshot::kConsoleKept ? console.size() - Snapshot::kConsoleKept : 0;
  for (size_t i = first; i < console.size(); ++i) s->console.push_back(console[i].text);
  std::vector<const devices::TaskRecord*> tasks = m.trace_port().tasks();
  s->tasks.reserve(tasks.size());
  Nanoseconds now = s->now_ns;
  for (const devices::TaskRecord* t : tasks) {
    TaskView v{t->serial, t->label(), t->state, t->waits_on, t->wakes, t->since, 0, t->frame_bytes, t->due_ms};
    if (t->serial < live_->run_ns.size()) v.run_ns = live_->run_ns[t->serial];
    if (t->serial < live_->resumed_at.size() && live_->resumed_at[t->serial]) v.run_ns += now - live_->resumed_at[t->serial];
    s->tasks.push_back(std::move(v));
  }
  sim::Nvic& nvic = m.nvic();
  for (int e = 15; e < sim::exception::kFirstExternal + 8; ++e) {
    IrqView v;
    v.exception = e;
    v.name = irq_name(e);
    v.enabled = nvic.enabled(e);
    v.pending = nvic.pending(e);
    v.active = nvic.active(e);
    v.taken = nvic.taken_count(e);
    v.latest_latency_ns = live_->latency[e];
    v.latest_woken = live_->latency_task[e];
    s->irqs.push_back(std::move(v));
  }
  s->connections = m.network().connections();
  s->memory = sim::read_firmware_memory(m);
  s->recording = recorder_ != nullptr;
  s->record_path = record_path_;
  s->replay_log = replay_log_;
  return s;
}

void EmulatorThread::publish(bool force) {
  auto now = Clock::now();
  if (!force && now - last_publish_ < std::chrono::milliseconds(15)) return;  // about the GUI's frame rate
  last_publish_ = now;
  std::shared_ptr<Snapshot> s;
  if (live_) {
    sim::Machine& m = *live_->m;
    if (now - rate_wall_ >= std::chrono::milliseconds(500)) {  // emulation rate, over half a second
      double wall = std::chrono::duration<double>(now - rate_wall_).count();
      mips_ = (m.instructions() - rate_instructions_) / wall / 1e6;
      virtual_per_real_ = (m.clock().now_ns() - rate_virtual_) / 1e9 / wall;
      rate_wall_ = now;
      rate_instructions_ = m.instructions();
      rate_virtual_ = m.clock().now_ns();
    }
    s = capture(m);
  } else {
    s = std::make_shared<Snapshot>();
    s->state = state_;
    s->message = message_;
    s->speed = speed_;
    s->replay_log = replay_log_;
  }
  s->sequence = ++sequence_;
  s->generation = generation_;
  std::lock_guard<std::mutex> lock(mutex_);
  snapshot_ = std::move(s);
  if (live_) {
    History& b = live_->batch;
    if (pending_.tasks.empty()) pending_.tasks.swap(b.tasks);
    else pending_.tasks.insert(pending_.tasks.end(), b.tasks.begin(), b.tasks.end());
    pending_.irqs.insert(pending_.irqs.end(), b.irqs.begin(), b.irqs.end());
    pending_.names.insert(pending_.names.end(), b.names.begin(), b.names.end());
    pending_.dropped += live_->dropped;
    b.tasks.clear();
    b.irqs.clear();
    b.names.clear();
    live_->dropped = 0;
    // The GUI takes the batches every frame; if it stops (minimised), keep memory bounded.
    if (pending_.tasks.size() > kMaxPendingChanges) {
      size_t cut = pending_.tasks.size() - kMaxPendingChanges;
      pending_.tasks.erase(pending_.tasks.begin(), pending_.tasks.begin() + cut);
      pending_.dropped += cut;
    }
    if (pending_.irqs.size() > kMaxPendingChanges)
      pending_.irqs.erase(pending_.irqs.begin(), pending_.irqs.begin() + (pending_.irqs.size() - kMaxPendingChanges));
  }
  published_.notify_all();
}

}  // namespace gui
