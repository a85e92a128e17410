// SPDX-License-Identifier: GPL-2.0-or-later
// A Value Change Dump (IEEE 1364 VCD) of the board's signals, for GTKWave and other waveform
// viewers: GPIOA's 16 pins and the LEDs (on/off wires, and each LED's brightness as a real
// variable, LED1_brightness: the PWM duty), each change at its virtual time (1 ns resolution).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace sim {

class Machine;

class VcdRecorder {
 public:
  // Starts recording `m` (before it runs): every pin level and LED change from now on.
  explicit VcdRecorder(Machine& m);
  VcdRecorder(const VcdRecorder&) = delete;
  VcdRecorder& operator=(const VcdRecorder&) = delete;

  // The whole dump, up to the machine's current time. `m` must be the machine given at construction.
  std::string vcd(const Machine& m) const;

 private:
  struct Change {
    uint64_t at_ns;
    int signal;  // 0..15: PA0..PA15; 16..: the LEDs in board order, then their brightness
    double value;
  };
  std::string value(size_t signal, double v) const;  // one value-change line
  std::vector<std::string> names_;  // per signal
  std::vector<double> initial_;
  std::vector<bool> real_;          // a real variable (brightness) rather than a wire
  size_t first_brightness_ = 0;
  std::vector<Change> changes_;
};

}  // namespace sim
