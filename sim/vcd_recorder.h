// A Value Change Dump (IEEE 1364 VCD) of the board's signals, for GTKWave and other waveform
// viewers: GPIOA's 16 pins and the LEDs, each change at its virtual time (1 ns resolution).
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
    int signal;  // 0..15: PA0..PA15; 16..: the LEDs in board order
    bool value;
  };
  std::vector<std::string> names_;  // per signal
  std::vector<bool> initial_;
  std::vector<Change> changes_;
};

}  // namespace sim
