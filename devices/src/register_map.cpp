// SPDX-License-Identifier: GPL-2.0-or-later
#include "devices/register_map.h"

#include <stdexcept>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace devices {

RegisterMap::RegisterMap(std::string device_name, std::vector<Register> registers)
    : device_name_(std::move(device_name)), registers_(std::move(registers)) {}

RegisterMap::RegisterMap(std::string device_name, std::vector<Register> registers,
                         board::definition::RegisterTable definition)
    : RegisterMap(std::move(device_name), std::move(registers)) {
  using board::definition::Access;
  std::vector<std::string> differences;
  for (const auto& d : definition) {
    const Register* r = find(d.offset);
    if (!r) {
      differences.push_back(fmt::format("{} (0x{:02X}) is missing", d.name, d.offset));
      continue;
    }
    if (std::string_view(r->name) != d.name)
      differences.push_back(fmt::format("0x{:02X} is {} in the definition but {} here", d.offset, d.name, r->name));
    bool readable = d.access != Access::WriteOnly, writable = d.access != Access::ReadOnly;
    if (readable != static_cast<bool>(r->read) || writable != static_cast<bool>(r->write))
      differences.push_back(fmt::format("{} (0x{:02X}) is {} in the definition but {} here", d.name, d.offset,
                                        readable && writable ? "read/write" : readable ? "read-only" : "write-only",
                                        r->read && r->write ? "read/write" : r->read ? "read-only" : "write-only"));
  }
  for (const Register& r : registers_) {
    bool defined = false;
    for (const auto& d : definition) defined |= d.offset == r.offset;
    if (!defined) differences.push_back(fmt::format("{} (0x{:02X}) is not in the definition", r.name, r.offset));
  }
  if (!differences.empty())
    throw std::logic_error(fmt::format("{}: the register map differs from devices/registers.yaml: {} (change the "
                                       "model or the definition, then run python3 tools/gen_registers.py)",
                                       device_name_, fmt::join(differences, "; ")));
}

const Register* RegisterMap::find(uint32_t offset) const {
  for (const Register& r : registers_)
    if (r.offset == offset) return &r;
  return nullptr;
}

void RegisterMap::report(const std::string& what) const {
  if (diagnostics_) diagnostics_(fmt::format("{}: {}", device_name_, what));
}

uint32_t RegisterMap::read(uint32_t offset, unsigned size_bytes) const {
  const Register* r = find(offset & ~3u);
  if (!r) {
    report(fmt::format("read of reserved offset 0x{:02X} returns 0", offset));
    return 0;
  }
  bool sub_word_read = r->sub_word && (size_bytes == 1 || size_bytes == 2) && (offset & (size_bytes - 1)) == 0;
  if ((size_bytes != 4 || (offset & 3) != 0) && !sub_word_read)
    report(fmt::format("{}-byte read of {} (0x{:02X}): registers are 32-bit", size_bytes, r->name, offset));
  if (!r->read) {
    report(fmt::format("read of write-only register {} (0x{:02X}) returns 0", r->name, r->offset));
    return 0;
  }
  uint32_t value = r->read();
  unsigned shift = (offset & 3) * 8;
  if (size_bytes >= 4) return value;
  return (value >> shift) & ((1u << (size_bytes * 8)) - 1);
}

void RegisterMap::write(uint32_t offset, unsigned size_bytes, uint32_t value) const {
  const Register* r = find(offset & ~3u);
  if (!r) {
    report(fmt::format("write of 0x{:X} to reserved offset 0x{:02X} ignored", value, offset));
    return;
  }
  if (r->sub_word && r->read && r->write && (size_bytes == 1 || size_bytes == 2) && (offset & (size_bytes - 1)) == 0) {
    unsigned shift = (offset & 3) * 8;
    uint32_t mask = (size_bytes == 1 ? 0xFFu : 0xFFFFu) << shift;
    r->write((r->lanes_only ? 0 : r->read() & ~mask) | ((value << shift) & mask));
    return;
  }
  if (size_bytes != 4 || (offset & 3) != 0) {
    report(fmt::format("{}-byte write to {} (0x{:02X}) ignored: registers are 32-bit", size_bytes, r->name, offset));
    return;
  }
  if (!r->write) {
    report(fmt::format("write of 0x{:X} to read-only register {} (0x{:02X}) ignored", value, r->name, r->offset));
    return;
  }
  r->write(value);
}

}  // namespace devices
