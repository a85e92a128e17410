// SPDX-License-Identifier: GPL-2.0-or-later
// Snapshot: what the dashboard draws, copied out of the Machine by the emulator thread after a
// slice of emulation. The GUI thread never touches the Machine: it reads the latest Snapshot (an
// immutable object shared by pointer), so a frame always shows one consistent instant.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "devices/trace_port.h"
#include "devices/virtual_network.h"
#include "firmware_memory.h"

namespace gui {

enum class RunState { Paused, Running, Exited, Faulted, Replaying, NoFirmware };
const char* to_string(RunState s);

struct LedView {
  std::string name;
  int pin = 0;
  bool lit = false;
  double brightness = 0;  // 0..1: the PWM duty, 1 or 0 on a steady pin
};

struct ButtonView {
  std::string name;
  int pin = 0;
  bool pressed = false;
};

struct TaskView {
  uint32_t serial = 0;
  std::string name;  // TaskRecord::label(): the name, or "task N"
  devices::TaskState state = devices::TaskState::Ready;
  devices::WaitReason waits_on = devices::WaitReason::None;
  uint32_t wakes = 0;
  devices::Nanoseconds since = 0;   // entered its present state
  devices::Nanoseconds run_ns = 0;  // virtual time spent running (Resumed..Suspended), counted by the dashboard
  uint32_t frame_bytes = 0;         // its record and coroutine frames, as of its latest suspension (0: unknown)
  uint32_t due_ms = 0;              // sleeping: when it is due (ms of the board's time base)
};

// One interrupt line (or SysTick) as the NVIC sees it.
struct IrqView {
  int exception = 0;  // 16 + line, or 15 for SysTick
  std::string name;   // GPIOA, UART0, ...
  bool enabled = false, pending = false, active = false;
  uint64_t taken = 0;
  // The latest interrupt-to-task latency: from this handler's entry to the Resumed of a task it
  // woke through a ThreadSafeFlag (InterruptWoke), in virtual time.
  std::optional<devices::Nanoseconds> latest_latency_ns;
  std::string latest_woken;  // that task's label
};

struct Snapshot {
  uint64_t sequence = 0;    // increases with every publish
  uint64_t generation = 0;  // increases with every reset or load: history from before is stale
  RunState state = RunState::NoFirmware;
  double speed = 1.0;       // multiple of real time; 0: as fast as possible
  std::string firmware;     // the image's path
  std::string scenario;     // the scenario file it came from, if any
  std::string message;      // a fault, an exit status, a load error, the last replay's result
  devices::Nanoseconds now_ns = 0;
  uint64_t instructions = 0;
  bool sleeping = false;    // the CPU is in WFI/WFE
  double mips = 0;          // emulated instructions per wall second, lately
  double virtual_per_real = 0;

  std::vector<LedView> leds;
  std::vector<ButtonView> buttons;
  uint32_t pin_levels = 0;  // GPIOA, bit n = pin n
  double pin_duty[16] = {};

  std::vector<std::string> console;  // the latest lines (at most kConsoleKept)
  uint64_t console_total = 0;        // lines printed since reset
  static constexpr size_t kConsoleKept = 500;

  std::vector<TaskView> tasks;
  std::vector<IrqView> irqs;
  std::vector<devices::ConnectionInfo> connections;
  sim::FirmwareMemory memory;  // the frame pool, the heap, this process's RSS

  bool recording = false;
  std::string record_path;
  std::vector<std::string> replay_log;  // the last replay's progress lines
};

// The history the timeline draws, handed over in batches (EmulatorThread::take_history).
struct TaskChange {
  devices::Nanoseconds at = 0;
  uint32_t serial = 0;
  devices::TaskEventKind kind = devices::TaskEventKind::Created;
  devices::TaskState state = devices::TaskState::Ready;
  devices::WaitReason waits_on = devices::WaitReason::None;
  uint32_t waker = 0;  // Woke: the waking task's serial (0: none)
};

struct IrqMark {
  devices::Nanoseconds at = 0;
  int exception = 0;
  bool entry = true;  // false: the handler returned
};

struct History {
  uint64_t generation = 0;
  std::vector<TaskChange> tasks;
  std::vector<IrqMark> irqs;
  std::vector<std::pair<uint32_t, std::string>> names;  // serial -> label, for tasks first seen in this batch
  uint64_t dropped = 0;  // changes not kept because the GUI fell behind
};

}  // namespace gui
