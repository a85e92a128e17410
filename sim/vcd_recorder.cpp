// SPDX-License-Identifier: GPL-2.0-or-later
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
    real_.push_back(false);
  }
  for (const std::string& led : m.led_names()) {
    names_.push_back(led);
    initial_.push_back(m.find_led(led)->lit());
    real_.push_back(false);
  }
  first_brightness_ = names_.size();
  for (const std::string& led : m.led_names()) {
    names_.push_back(led + "_brightness");
    initial_.push_back(m.find_led(led)->brightness());
    real_.push_back(true);
  }
  port.on_level_change([this, &m](int pin, bool level) {
    uint64_t now = m.clock().now_ns();
    changes_.push_back({now, pin, level ? 1.0 : 0.0});
    // The LEDs on that pin follow it (their own observers ran first: duty observers precede level ones).
    for (size_t i = 16; i < first_brightness_; ++i) {
      devices::Led* led = m.find_led(names_[i]);
      if (led && led->pin() == pin) changes_.push_back({now, static_cast<int>(i), led->lit() ? 1.0 : 0.0});
    }
  });
  port.on_duty_change([this, &m](int pin, double) {
    for (size_t i = first_brightness_; i < names_.size(); ++i) {
      devices::Led* led = m.find_led(names_[i - first_brightness_ + 16]);
      if (led && led->pin() == pin) changes_.push_back({m.clock().now_ns(), static_cast<int>(i), led->brightness()});
    }
  });
}

std::string VcdRecorder::value(size_t signal, double v) const {
  if (real_[signal]) return fmt::format("r{:g} {}\n", v, code(static_cast<int>(signal)));
  return fmt::format("{}{}\n", v != 0 ? 1 : 0, code(static_cast<int>(signal)));
}

std::string VcdRecorder::vcd(const Machine& m) const {
  std::string out;
  out += "$date asyncboard run $end\n$version asyncboard $end\n$timescale 1ns $end\n";
  out += fmt::format("$comment {} $end\n", m.image().path());
  out += "$scope module board $end\n";
  for (size_t i = 0; i < names_.size(); ++i)
    out += fmt::format("$var {} {} $end\n", real_[i] ? "real 64" : "wire 1", code(static_cast<int>(i)) + " " + names_[i]);
  out += "$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n";
  for (size_t i = 0; i < names_.size(); ++i) out += value(i, initial_[i]);
  out += "$end\n";
  // LED states are re-read after every pin change: keep only real changes, as a viewer expects.
  std::vector<double> current = initial_;
  uint64_t last = 0;
  for (const Change& c : changes_) {
    if (current[c.signal] == c.value) continue;
    current[c.signal] = c.value;
    if (c.at_ns != last) {
      out += fmt::format("#{}\n", c.at_ns);
      last = c.at_ns;
    }
    out += value(c.signal, c.value);
  }
  out += fmt::format("#{}\n", m.clock().now_ns());
  return out;
}

}  // namespace sim
