// SPDX-License-Identifier: GPL-2.0-or-later
// Declarative register maps in the spirit of Renode's peripheral models: a device lists its
// registers (offset, name, read and write behaviour) once, and every access is dispatched through
// the table. Accesses to offsets nobody declared, writes to read-only registers and non-word
// accesses are reported by name to a diagnostics sink instead of crashing or vanishing.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "board/register_definitions.h"

namespace devices {

struct Register {
  uint32_t offset;
  const char* name;
  std::function<uint32_t()> read;         // empty: write-only, reads as 0 and are reported
  std::function<void(uint32_t)> write;    // empty: read-only, writes are ignored and reported
  bool sub_word = false;                  // byte and halfword accesses allowed (writes: read-modify-write)
  // With sub_word: a byte or halfword write reaches `write` as its lane alone, every other bit 0 --
  // for write-one-to-clear registers, where writing back what was read would clear the other lanes.
  bool lanes_only = false;
};

// Receives one line per odd access, e.g. "GPIOA: write to read-only register IN (0x08) ignored".
using DiagnosticSink = std::function<void(const std::string&)>;

class RegisterMap {
 public:
  // `definition` is the peripheral's table from devices/registers.yaml: the registers must be exactly
  // those (offsets, names, and a read handler iff readable, a write handler iff writable). A device
  // model that drifted from the definition throws std::logic_error naming every difference.
  RegisterMap(std::string device_name, std::vector<Register> registers, board::definition::RegisterTable definition);
  // A map with no definition to check against (the core's architectural registers, tests).
  RegisterMap(std::string device_name, std::vector<Register> registers);

  uint32_t read(uint32_t offset, unsigned size_bytes) const;
  void write(uint32_t offset, unsigned size_bytes, uint32_t value) const;

  void set_diagnostics(DiagnosticSink sink) { diagnostics_ = std::move(sink); }
  const std::string& device_name() const { return device_name_; }
  const Register* find(uint32_t offset) const;
  const std::vector<Register>& registers() const { return registers_; }

  // Sends "<device>: <what>" to the diagnostics sink. Public so a device can report odd uses that
  // only its own behaviour can see (e.g. reading an empty receive FIFO).
  void report(const std::string& what) const;

 private:
  std::string device_name_;
  std::vector<Register> registers_;
  DiagnosticSink diagnostics_;
};

}  // namespace devices
