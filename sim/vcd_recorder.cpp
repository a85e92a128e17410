#include "vcd_recorder.h"

#include <fmt/format.h>

#include "machine.h"

namespace sim {

namespace {

// VCD identifiers: short printable codes from '!' on.
std::string code(int signal) {
  std::string s;
  do {
    s += static_cast<char>('!' + signal % 94);
    signal /= 94;
  } while (signal > 0);
  return s;
}

}  // namespace

VcdRecorder::VcdRecorder(Machine& m) {
  devices::GpioPort& port = m.gpio_a();
  for (int pin = 0; pin < 16; ++pin) {
    names_.push_back(fmt::format("PA{}", pin));
    initial_.push_back(port.pin_level(pin));
  }
  for (const std::string& led : m.led_names()) {
    names_.push_back(led);
    initial_.push_back(m.find_led(led)->lit());
  }
  port.on_level_change([this, &m](int pin, bool level) {
    uint64_t now = m.clock().now_ns();
    changes_.push_back({now, pin, level});
    // The LEDs on that pin follow it (their own observers have run or will run at this instant).
    for (size_t i = 16; i < names_.size(); ++i) {
      devices::Led* led = m.find_led(names_[i]);
      if (led && led->pin() == pin) changes_.push_back({now, static_cast<int>(i), led->lit()});
    }
  });
}

std::string VcdRecorder::vcd(const Machine& m) const {
  std::string out;
  out += "$date asyncboard run $end\n$version asyncboard $end\n$timescale 1ns $end\n";
  out += fmt::format("$comment {} $end\n", m.image().path());
  out += "$scope module board $end\n";
  for (size_t i = 0; i < names_.size(); ++i)
    out += fmt::format("$var wire 1 {} {} $end\n", code(static_cast<int>(i)), names_[i]);
  out += "$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n";
  for (size_t i = 0; i < names_.size(); ++i) out += fmt::format("{}{}\n", initial_[i] ? 1 : 0, code(static_cast<int>(i)));
  out += "$end\n";
  // LED states are re-read after every pin change: keep only real changes, as a viewer expects.
  std::vector<bool> value = initial_;
  uint64_t last = 0;
  for (const Change& c : changes_) {
    if (value[c.signal] == c.value) continue;
    value[c.signal] = c.value;
    if (c.at_ns != last) {
      out += fmt::format("#{}\n", c.at_ns);
      last = c.at_ns;
    }
    out += fmt::format("{}{}\n", c.value ? 1 : 0, code(c.signal));
  }
  out += fmt::format("#{}\n", m.clock().now_ns());
  return out;
}

}  // namespace sim
