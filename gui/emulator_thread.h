// SPDX-License-Identifier: GPL-2.0-or-later
// EmulatorThread: the Machine on its own thread, so the window stays responsive whatever the
// firmware does. The GUI talks to it only through Commands (a queue) and reads it only through
// Snapshots (an immutable copy published after each slice) and History batches (the task and
// interrupt changes the timeline draws). Nothing else is shared: the Machine, its observers and the
// scenario recorder belong to this thread alone.
#pragma once
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "command_queue.h"
#include "snapshot.h"

namespace sim {
class ElfImage;
class Machine;
class ScenarioRecorder;
struct Scenario;
}  // namespace sim

namespace gui {

struct EmulatorOptions {
  std::string file;      // a scenario (.yaml) or a firmware image (.elf)
  double speed = 1.0;    // 0: as fast as possible
  bool start_running = true;
  // Keep the timeline's history (off for the headless side of the benchmark).
  bool collect_history = true;
};

class EmulatorThread {
 public:
  explicit EmulatorThread(EmulatorOptions options);
  ~EmulatorThread();  // stops and joins the thread
  EmulatorThread(const EmulatorThread&) = delete;
  EmulatorThread& operator=(const EmulatorThread&) = delete;

  void post(Command c) { commands_.push(std::move(c)); }
  // The latest snapshot; never null (sequence 0, empty, until the thread's first publish).
  std::shared_ptr<const Snapshot> snapshot() const;
  // Moves the task and interrupt changes collected since the last call into `out` (appending).
  void take_history(History& out);
  // Blocks until a snapshot newer than `sequence` is published or `timeout` passes (tests, bench).
  std::shared_ptr<const Snapshot> wait_for_snapshot(uint64_t sequence, std::chrono::milliseconds timeout) const;
  // The emulator's OS thread id (0 until it has started: after the first snapshot it has).
  pid_t thread_id() const { return thread_id_; }

 private:
  struct Live;  // the Machine and everything observing it: emulator thread only
  void main();
  void handle(const Command& c);
  bool load(const std::string& file);
  void reset();
  void run_slice();
  void replay();
  void publish(bool force);
  std::shared_ptr<Snapshot> capture(sim::Machine& m) const;
  void attach(sim::Machine& m);
  void flush_recording_wait();
  void stop_recording();

  EmulatorOptions options_;
  CommandQueue commands_;
  std::thread thread_;
  std::atomic<pid_t> thread_id_{0};  // the OS's id of thread_, once it runs
  std::atomic<bool> quit_{false};

  // Shared with the GUI thread, under mutex_.
  mutable std::mutex mutex_;
  mutable std::condition_variable published_;
  std::shared_ptr<const Snapshot> snapshot_;
  History pending_;
  static constexpr size_t kMaxPendingChanges = 4'000'000;  // beyond this (GUI stalled) changes are dropped

  // Emulator thread only.
  std::unique_ptr<Live> live_;
  std::unique_ptr<sim::ElfImage> image_;
  std::unique_ptr<sim::Scenario> scenario_;
  std::string firmware_path_, scenario_path_;
  RunState state_ = RunState::NoFirmware;
  double speed_ = 1.0;
  std::string message_;
  uint64_t sequence_ = 0, generation_ = 0;
  std::chrono::steady_clock::time_point last_publish_{}, wall_anchor_{}, rate_wall_{};
  devices::Nanoseconds virtual_anchor_ = 0;
  uint64_t rate_instructions_ = 0;
  devices::Nanoseconds rate_virtual_ = 0;
  double mips_ = 0, virtual_per_real_ = 0;
  std::vector<std::string> replay_log_;
  sim::Machine* replay_machine_ = nullptr;  // during a replay: the scenario player's machine
  // Recording: inputs become steps; the time between them becomes waits (see flush_recording_wait).
  std::unique_ptr<sim::ScenarioRecorder> recorder_;
  std::string record_path_;
  devices::Nanoseconds record_mark_ = 0;   // virtual time the recorder has accounted for
  std::vector<std::string> record_console_;  // lines printed since the last flush
};

}  // namespace gui
