// SPDX-License-Identifier: GPL-2.0-or-later
// The simulator-only control block: firmware ends the run with an exit status, marks instants
// for benchmarks and reports interrupts that have no handler and exceptions nobody caught. The device only reports the writes;
// the simulator decides what to do.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "devices/register_map.h"

namespace devices {

class SimControl {
 public:
  SimControl();
  // The register table captures `this`: the block stays where it was built.
  SimControl(const SimControl&) = delete;
  SimControl& operator=(const SimControl&) = delete;

  RegisterMap& registers() { return registers_; }
  const RegisterMap& registers() const { return registers_; }

  // Several observers allowed, called in registration order on every write. A write is one event
  // each time, even with the same value twice (two EXIT writes are two exits; two MARKs, two
  // instants). All the registers are write-only.
  void on_exit(std::function<void(uint32_t status)> observer);
  void on_mark(std::function<void(uint32_t id)> observer);
  // The startup code's default handler writes the exception number it was entered for.
  void on_unhandled(std::function<void(uint32_t exception)> observer);
  // The startup code's std::terminate handler writes the address of a description of the exception.
  void on_terminate(std::function<void(uint32_t address)> observer);

 private:
  std::vector<std::function<void(uint32_t)>> exit_observers_;
  std::vector<std::function<void(uint32_t)>> mark_observers_;
  std::vector<std::function<void(uint32_t)>> unhandled_observers_;
  std::vector<std::function<void(uint32_t)>> terminate_observers_;
  RegisterMap registers_;
};

}  // namespace devices
