// SPDX-License-Identifier: GPL-2.0-or-later
#include "trace_recorder.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

#include "board/memory_map.h"
#include "machine.h"

namespace sim {

namespace {

std::string exception_name(int e) {
  switch (e) {
    case 2: return "NMI";
    case 3: return "HardFault";
    case 4: return "MemManage";
    case 5: return "BusFault";
    case 6: return "UsageFault";
    case 11: return "SVCall";
    case 14: return "PendSV";
    case 15: return "SysTick";
    case 16: return "GPIOA";
    case 17: return "UART0";
    case 18: return "TIMEBASE";
    case 16 + board::kTimer0Irq: return "TIMER0";
    case 16 + board::kTimer1Irq: return "TIMER1";
    default: return e >= 16 ? fmt::format("IRQ{}", e - 16) : fmt::format("exception {}", e);
  }
}

// JSON string contents (the JUnit escaping is XML; JSON needs its own).
std::string json_text(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x80) {
      out += fmt::format("\\u{:04x}", c < 0x20 ? c : 0xFFFD);  // non-ASCII bytes: not guaranteed UTF-8
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// Microseconds with nanosecond digits, as every timestamp in the file.
std::string micros(uint64_t ns) { return fmt::format("{:.3f}", static_cast<double>(ns) / 1000.0); }

// A task slice's name: its state, and for a waiting task what it waits on.
std::string slice_name(devices::TaskState state, devices::WaitReason waits_on) {
  if (state == devices::TaskState::Waiting && waits_on != devices::WaitReason::None)
    return fmt::format("waiting on {}", devices::to_string(waits_on));
  return devices::to_string(state);
}

}  // namespace

TraceRecorder::TraceRecorder(Machine& m) : machine_(m) {
  m.on_exception([this, &m](int e, bool entry) {
    events_.push_back({m.clock().now_ns(), entry ? 'B' : 'E', e, exception_name(e)});
  });
  m.on_console_line([this](const ConsoleLine& l) { events_.push_back({l.at, 'i', 0, l.text}); });
  led_names_ = m.led_names();
  for (size_t k = 0; k < led_names_.size(); ++k) events_.push_back({0, 'C', -1 - static_cast<int>(k), led_names_[k], 0});
  m.gpio_a().on_level_change([this, &m](int pin, bool) {
    for (size_t k = 0; k < led_names_.size(); ++k) {
      devices::Led* led = m.find_led(led_names_[k]);
      if (led && led->pin() == pin) events_.push_back({m.clock().now_ns(), 'C', -1 - static_cast<int>(k), led_names_[k], led->lit()});
    }
  });
  m.trace_port().on_event([this](const devices::TaskEvent& e, const devices::TaskRecord& task) {
    if (!task_labels_.count(e.serial))
      task_labels_[e.serial] = task.name.empty() ? fmt::format("task #{}", task.serial) : "task " + task.name;
    task_events_.push_back(e);
  });
}

std::vector<TraceRecorder::HandlerRun> TraceRecorder::handler_runs(uint64_t now) const {
  std::vector<HandlerRun> runs;
  std::map<int, size_t> open;  // track -> its run begun and not yet ended
  for (const Event& e : events_) {
    if (e.phase == 'B') {
      open[e.track] = runs.size();
      runs.push_back({e.track, e.at_ns, now});
    } else if (e.phase == 'E' && open.count(e.track)) {
      runs[open[e.track]].end = e.at_ns;
      open.erase(e.track);
    }
  }
  return runs;
}

// Each task's track: consecutive slices named by its state (a new slice whenever the name
// changes), an instant for how it ended, and a flow arrow into each "ready" slice it was woken
// into:
//  - through a ThreadSafeFlag (InterruptWoke): from the latest handler run that ended by the wake
//    and began after the task started waiting -- the loop reports that a flag woke the task, not
//    which handler set it. (A flag set from task context has no such handler, and no arrow.)
//  - by an Event, a Lock or a task's end (Woke): from the waker's track at that instant, or from
//    the handler running then, if one is (Event.set() called from an interrupt handler, which is
//    not safe: scenarios/030-event-from-isr shows why).
void TraceRecorder::task_tracks(std::string& out, uint64_t now) const {
  struct Wake {
    uint64_t waited_from, at, ready_until;
    uint32_t serial;
    uint32_t waker = 0;  // Woke: the waking task's serial (0: an interrupt's flag, or unknown)
    bool by_task = false;
  };
  std::vector<Wake> wakes;
  std::map<uint32_t, std::vector<const devices::TaskEvent*>> by_task;
  for (const devices::TaskEvent& e : task_events_) by_task[e.serial].push_back(&e);
  for (const auto& [serial, events] : by_task) {
    int tid = kTaskTrackBase + static_cast<int>(serial);
    out += fmt::format(",\n  {{\"name\": \"thread_name\", \"ph\": \"M\", \"pid\": 1, \"tid\": {}, \"args\": {{\"name\": \"{}\"}}}}",
                       tid, json_text(task_labels_.at(serial)));
    struct Slice {
      std::string name;
      uint64_t begin;
      const devices::TaskEvent* opened_by;
    };
    std::optional<Slice> open;
    std::optional<size_t> pending_wake;  // the wake whose ready slice is open
    auto close = [&](uint64_t at) {
      if (!open) return;
      const devices::TaskEvent& e = *open->opened_by;
      std::string waits_on = e.waits_on == devices::WaitReason::None
                                 ? ""
                                 : fmt::format(", \"waits_on\": \"{}\"", devices::to_string(e.waits_on));
      out += fmt::format(",\n  {{\"name\": \"{}\", \"ph\": \"X\", \"ts\": {}, \"dur\": {}, \"pid\": 1, \"tid\": {}, "
                         "\"args\": {{\"state\": \"{}\"{}}}}}",
                         open->name, micros(open->begin), micros(at - open->begin), tid, devices::to_string(e.state),
                         waits_on);
      if (pending_wake) wakes[*pending_wake].ready_until = at;
      pending_wake.reset();
      open.reset();
    };
    for (const devices::TaskEvent* e : events) {
      if (e->kind == devices::TaskEventKind::Finished) {
        close(e->at);
        out += fmt::format(",\n  {{\"name\": \"{}\", \"ph\": \"i\", \"s\": \"t\", \"ts\": {}, \"pid\": 1, \"tid\": {}}}",
                           devices::to_string(e->state), micros(e->at), tid);
        continue;
      }
      std::string name = slice_name(e->state, e->waits_on);
      if (open && open->name == name) continue;
      uint64_t waited_from = open ? open->begin : e->at;
      close(e->at);
      open = Slice{name, e->at, e};
      if (e->kind == devices::TaskEventKind::InterruptWoke || e->kind == devices::TaskEventKind::Woke) {
        pending_wake = wakes.size();
        wakes.push_back({waited_from, e->at, now, serial, e->waker, e->kind == devices::TaskEventKind::Woke});
      }
    }
    close(now);
  }

  std::sort(wakes.begin(), wakes.end(), [](const Wake& a, const Wake& b) {
    return a.at != b.at ? a.at < b.at : a.serial < b.serial;
  });
  std::vector<HandlerRun> runs = handler_runs(now);
  int flow = 0;
  for (const Wake& w : wakes) {
    const HandlerRun* from = nullptr;
    if (w.by_task) {  // the handler running at the wake, innermost first
      for (const HandlerRun& r : runs)
        if (r.begin <= w.at && w.at < r.end && (!from || r.begin >= from->begin)) from = &r;
    } else {
      for (const HandlerRun& r : runs)
        if (r.begin >= w.waited_from && r.end <= w.at && (!from || r.end >= from->end)) from = &r;
    }
    int source_track = 0;
    uint64_t source_at = 0;
    if (from) {
      source_track = from->track;
      source_at = w.by_task ? w.at : from->begin + (from->end - from->begin) / 2;
    } else if (w.by_task && w.waker && task_labels_.count(w.waker)) {
      // Just before the wake, inside the waker's running slice (which a finishing waker closes at
      // the wake's instant).
      source_track = kTaskTrackBase + static_cast<int>(w.waker);
      source_at = w.at > 0 ? w.at - 1 : 0;
    } else {
      continue;
    }
    ++flow;
    // Each end inside its slice, so both bind to the enclosing slice whatever the viewer's order
    // of events at equal timestamps.
    out += fmt::format(",\n  {{\"name\": \"woke\", \"cat\": \"{}\", \"ph\": \"s\", \"id\": {}, \"ts\": {}, \"pid\": 1, \"tid\": {}}}",
                       w.by_task ? "wake-task" : "wake", flow, micros(source_at), source_track);
    out += fmt::format(",\n  {{\"name\": \"woke\", \"cat\": \"{}\", \"ph\": \"f\", \"bp\": \"e\", \"id\": {}, \"ts\": {}, "
                       "\"pid\": 1, \"tid\": {}}}",
                       w.by_task ? "wake-task" : "wake", flow, micros(w.at + (w.ready_until - w.at) / 2),
                       kTaskTrackBase + static_cast<int>(w.serial));
  }
}

std::string TraceRecorder::json() const {
  std::string out = "{\"displayTimeUnit\": \"ns\", \"traceEvents\": [\n";
  out += "  {\"name\": \"process_name\", \"ph\": \"M\", \"pid\": 1, \"args\": {\"name\": \"asyncboard\"}}";
  std::set<int> tracks;
  for (const Event& e : events_) {
    if (e.phase == 'C' || !tracks.insert(e.track).second) continue;
    std::string name = e.track == 0 ? "console" : "IRQ " + e.name;
    out += fmt::format(",\n  {{\"name\": \"thread_name\", \"ph\": \"M\", \"pid\": 1, \"tid\": {}, \"args\": {{\"name\": \"{}\"}}}}",
                       e.track, json_text(name));
  }
  for (const Event& e : events_) {
    double us = static_cast<double>(e.at_ns) / 1000.0;
    if (e.phase == 'C') {
      out += fmt::format(",\n  {{\"name\": \"{}\", \"ph\": \"C\", \"ts\": {:.3f}, \"pid\": 1, \"args\": {{\"lit\": {}}}}}",
                         json_text(e.name), us, e.value);
    } else if (e.phase == 'i') {
      out += fmt::format(",\n  {{\"name\": \"{}\", \"ph\": \"i\", \"s\": \"t\", \"ts\": {:.3f}, \"pid\": 1, \"tid\": 0}}",
                         json_text(e.name), us);
    } else {
      out += fmt::format(",\n  {{\"name\": \"{}\", \"ph\": \"{}\", \"ts\": {:.3f}, \"pid\": 1, \"tid\": {}}}",
                         json_text(e.name), e.phase, us, e.track);
    }
  }
  task_tracks(out, machine_.clock().now_ns());
  return out + "\n]}\n";
}

}  // namespace sim
