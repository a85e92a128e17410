// SPDX-License-Identifier: GPL-2.0-or-later
// The trace port: where the firmware's asyncio runtime reports task events. The device stamps each
// event with virtual time, keeps every task's name, state, what it waits on and wake count (what
// the dashboard, the trace export and the expect-task step read), and passes each event to
// observers. Two ways in:
//
// The trace ring (what the board port uses): at start-up the firmware writes the address of its
// asyncio::TraceRing to RING; the runtime then stores one word per event into that ring in RAM,
// and the simulator calls drain() at the end of every basic block that wrote one (so an event's
// time is that of a store to the port in the same block). drain() reads the rest from the task's
// record, at the offsets the ring's header gives (board/trace_ring.h):
//
//   firmware:  ring.words[head % size] = task | code;  [ring.words[...] = waker;]  ring.head = head + 1
//   drain():   state, waits-on, name (Created), frame bytes and due tick (Suspended) from *task
//
// Stimulus registers, in the spirit of ARM's ITM (for firmware without a ring; a store per field):
//
//   firmware:  TASK = node;  [NAME = ...;]  [WAKER = ...;]  [FRAMES = ...;  [DUE = ...;]]
//              EVENT = code | state << 8 | waits-on << 16
//
// Writing EVENT commits one event about the task last written to TASK, taking what was written
// since the last EVENT: the NAME (the hook sends it with Created), for Woke the WAKER (the task that
// set the Event, released the Lock or finished; 0: none), for Suspended the FRAMES (bytes the task
// holds in the frame pool) and, going to sleep, when it is DUE. The codes are board::trace's.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "devices/event_scheduler.h"
#include "devices/guest_memory.h"
#include "devices/register_map.h"

namespace devices {

// The values are the wire codes of board/registers.h (namespace trace), which equal asyncio's.
enum class TaskEventKind : uint8_t { Created, Resumed, Suspended, Finished, InterruptWoke, Woke };
enum class TaskState : uint8_t { Ready, Running, Sleeping, Waiting, Done, Failed, Cancelled };
enum class WaitReason : uint8_t { None, Sleep, Event, Lock, Flag, Stream, Task, WaitFor, Gather };
inline constexpr int kTaskStateCount = 7;
inline constexpr int kWaitReasonCount = 9;

// The names scenarios and traces use: "created", ..., "woke"; "ready", "running", ...; "", "sleep",
// "event", "lock", "flag", "stream", "task", "wait-for", "gather".
const char* to_string(TaskEventKind kind);
const char* to_string(TaskState state);
const char* to_string(WaitReason reason);

// One task as the port has heard of it.
struct TaskRecord {
  uint32_t serial = 0;  // 1, 2, ... in order of creation: unique, while a task's id (its memory) is reused
  uint32_t id = 0;      // what firmware wrote to TASK
  std::string name;     // "" if the task has none
  TaskState state = TaskState::Ready;
  WaitReason waits_on = WaitReason::None;
  uint32_t wakes = 0;        // times it was resumed
  Nanoseconds since = 0;     // when it entered its present state
  uint32_t frame_bytes = 0;  // its record and coroutine frames, as of its latest suspension (0: not reported)
  uint32_t due_ms = 0;       // sleeping: when it is due, in ms of the board's time base

  bool finished() const { return state >= TaskState::Done; }
  // The name, or "task <serial>" for a task without one.
  std::string label() const { return name.empty() ? "task " + std::to_string(serial) : name; }
};

// One committed event; `state` and `waits_on` are the task's after it.
struct TaskEvent {
  Nanoseconds at = 0;
  TaskEventKind kind = TaskEventKind::Created;
  uint32_t serial = 0;
  TaskState state = TaskState::Ready;
  WaitReason waits_on = WaitReason::None;
  uint32_t waker = 0;  // Woke: the serial of the task that woke it (0: none, or not heard of)
};

class TracePort {
 public:
  static constexpr size_t kMaxNameLength = 48;      // longer names are cut there
  static constexpr size_t kFinishedTasksKept = 256;  // older finished tasks are forgotten

  TracePort(std::string name, EventScheduler& clock, const GuestMemory& memory);
  // The register table captures `this`: the port stays where it was built.
  TracePort(const TracePort&) = delete;
  TracePort& operator=(const TracePort&) = delete;

  const std::string& name() const { return name_; }
  RegisterMap& registers() { return registers_; }
  const RegisterMap& registers() const { return registers_; }

  // CTRL.ENABLED, as the simulator decides it (firmware reads it once at start-up). While disabled
  // the stimulus registers drop what is written to them, as ITM's do.
  void set_enabled(bool on) { enabled_ = on; }
  bool enabled() const { return enabled_; }

  // The ring's `head` word, once the firmware has handed over a valid ring: the simulator compares
  // it with ring_taken() at every block and calls drain() when they differ.
  std::optional<uint32_t> ring_head_address() const;
  uint32_t ring_taken() const { return ring_tail_; }
  // Takes the ring's words written since the last drain (none without a ring, or while disabled).
  void drain();
  // Called when RING accepts a ring (the simulator then starts watching its head).
  void on_ring(std::function<void()> f) { ring_observer_ = std::move(f); }

  // Every committed event goes to every observer, in registration order, with the task after it.
  void on_event(std::function<void(const TaskEvent&, const TaskRecord&)> observer);

  // The tasks heard of, in order of creation: every live one and the latest finished ones.
  std::vector<const TaskRecord*> tasks() const;
  // The most recently created task with this name (finished or not); nullptr if none.
  const TaskRecord* find(std::string_view name) const;
  const TaskRecord* task(uint32_t serial) const;

 private:
  void commit(uint32_t value, Nanoseconds now);
  void attach_ring(uint32_t address);
  bool read_word(uint32_t address, uint32_t& out) const;
  void take_ring_word(uint32_t word, uint32_t waker, Nanoseconds now);
  TaskRecord& record_for(uint32_t id, bool created, Nanoseconds now);
  std::string read_name(uint32_t address) const;
  void forget_old_finished();

  std::string name_;
  EventScheduler& clock_;
  const GuestMemory& memory_;
  bool enabled_ = false;
  uint32_t task_ = 0;          // TASK as last written
  uint32_t name_address_ = 0;  // NAME since the last EVENT; 0: none
  uint32_t waker_ = 0;         // WAKER since the last EVENT; 0: none
  std::optional<uint32_t> frames_, due_;  // FRAMES and DUE since the last EVENT
  uint32_t next_serial_ = 1;
  std::map<uint32_t, TaskRecord> tasks_;          // by serial
  std::unordered_map<uint32_t, TaskRecord*> live_;  // id -> the unfinished task with that id (in tasks_)
  TaskRecord* last_ = nullptr;  // the live task of the latest event: Suspended follows Resumed for the same task
  std::deque<uint32_t> finished_;                 // serials of finished tasks, oldest first
  struct Ring {
    uint32_t address = 0, size = 0;
    uint8_t state, reason, name, frame_bytes, key;  // offsets in a TaskNode
    uint32_t node_span;                             // the bytes of a TaskNode read
    const uint8_t* words;                           // the ring's words and head in host memory (RAM
    const uint8_t* head;                            // stays where it is for the machine's life)
  };
  std::optional<Ring> ring_;
  uint32_t ring_tail_ = 0;  // words taken so far
  std::function<void()> ring_observer_;
  std::deque<std::function<void(const TaskEvent&, const TaskRecord&)>> observers_;
  RegisterMap registers_;
};

}  // namespace devices
