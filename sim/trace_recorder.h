// The run as a Chrome trace-event / Perfetto JSON file (chrome://tracing, ui.perfetto.dev): one
// track per interrupt with its handler's time as slices, the console lines as instant events, and
// the LEDs as counters. Task tracks come from the firmware's trace port (peripherals issue).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace sim {

class Machine;

class TraceRecorder {
 public:
  // Starts recording `m` (before it runs).
  explicit TraceRecorder(Machine& m);
  TraceRecorder(const TraceRecorder&) = delete;
  TraceRecorder& operator=(const TraceRecorder&) = delete;

  // The JSON document, up to now.
  std::string json() const;

 private:
  struct Event {
    uint64_t at_ns;
    char phase;     // 'B' begin, 'E' end, 'i' instant, 'C' counter
    int track;      // exception number; 0: the console; -1 - k: LED k
    std::string name;
    int value = 0;  // counters
  };
  std::vector<Event> events_;
  std::vector<std::string> led_names_;
};

}  // namespace sim
