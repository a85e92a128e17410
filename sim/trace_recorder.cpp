#include "trace_recorder.h"

#include <fmt/format.h>

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

}  // namespace

TraceRecorder::TraceRecorder(Machine& m) {
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
  return out + "\n]}\n";
}

}  // namespace sim
