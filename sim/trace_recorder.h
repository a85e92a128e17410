// SPDX-License-Identifier: GPL-2.0-or-later
// The run as a Chrome trace-event / Perfetto JSON file (chrome://tracing, ui.perfetto.dev): one
// track per interrupt with its handler's time as slices, one track per asyncio task with its states
// as slices (from the firmware's trace port), flow arrows from an interrupt handler to the task it
// woke (category "wake") and from a task to the task it woke through an Event, a Lock or its end
// ("wake-task"), the console lines as instant events, and the LEDs as counters.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "devices/trace_port.h"

namespace sim {

class Machine;

class TraceRecorder {
 public:
  // Task tracks are numbered from here (tid = kTaskTrackBase + the task's serial), above the
  // interrupt tracks (tid = exception number) and the console (tid 0).
  static constexpr int kTaskTrackBase = 1000;

  // Starts recording `m` (before it runs); `m` must outlive the recorder.
  explicit TraceRecorder(Machine& m);
  TraceRecorder(const TraceRecorder&) = delete;
  TraceRecorder& operator=(const TraceRecorder&) = delete;

  // The JSON document, up to now: slices still open end now.
  std::string json() const;

 private:
  struct Event {
    uint64_t at_ns;
    char phase;     // 'B' begin, 'E' end, 'i' instant, 'C' counter
    int track;      // exception number; 0: the console; -1 - k: LED k
    std::string name;
    int value = 0;  // counters
  };
  // A handler's run on an interrupt track.
  struct HandlerRun {
    int track;
    uint64_t begin, end;
  };

  std::vector<HandlerRun> handler_runs(uint64_t now) const;
  void task_tracks(std::string& out, uint64_t now) const;

  const Machine& machine_;
  std::vector<Event> events_;
  std::vector<std::string> led_names_;
  std::vector<devices::TaskEvent> task_events_;  // as the trace port committed them
  std::map<uint32_t, std::string> task_labels_;  // by serial
};

}  // namespace sim
