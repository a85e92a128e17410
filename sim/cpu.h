// SPDX-License-Identifier: GPL-2.0-or-later
// Cpu: the Unicorn engine set up as this board's Cortex-M4 (Thumb mode with the M4 model -- the
// MCLASS mode would force a Cortex-M33), with the few register and memory helpers the machine uses.
// Unicorn emulates the core only; the Machine performs exception entry and return itself.
#pragma once
#include <unicorn/unicorn.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace sim {

class CpuError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The Unicorn this process has loaded (uc_version(): "2.1.1"), which may differ from the headers'
// UC_API_* it was built against; and the file it was loaded from ("" if the loader does not say).
std::string unicorn_version();
std::string unicorn_library_path();

class Cpu {
 public:
  Cpu();
  ~Cpu();
  Cpu(const Cpu&) = delete;
  Cpu& operator=(const Cpu&) = delete;

  uc_engine* engine() const { return uc_; }

  uint32_t reg(int id) const;
  void set_reg(int id, uint32_t value);
  // Unicorn 2.0.1 acts on an IPSR change only after it re-reads its cached mode flags: reading
  // APSR_NZCV and writing it back forces that (done only there; 2.1.1 needs nothing).
  void set_ipsr(uint32_t exception_number);

  bool read(uint32_t address, void* out, size_t size) const;
  bool write(uint32_t address, const void* in, size_t size);
  bool read32(uint32_t address, uint32_t& out) const { return read(address, &out, 4); }
  bool write32(uint32_t address, uint32_t value) { return write(address, &value, 4); }

  // RAM (or flash) backed by memory of this process (uc_mem_map_ptr), which host() hands out.
  void map_ram(uint32_t base, uint32_t size, const char* what);
  // Takes [base, base + size) out of the map again (a stack guard): accesses there fault.
  bool unmap(uint32_t base, uint32_t size);
  // The host memory behind [address, address + size), while all of it is mapped RAM; else nullptr.
  // The firmware's stores land there directly: what a device reads through it is always current.
  uint8_t* host(uint32_t address, size_t size) const;

 private:
  struct Ram {
    uint32_t base, size;
    std::unique_ptr<uint8_t[]> bytes;
  };
  uc_engine* uc_ = nullptr;
  bool refresh_mode_after_ipsr_ = false;  // the loaded Unicorn is older than 2.1
  std::vector<Ram> ram_;
  std::vector<std::pair<uint32_t, uint32_t>> holes_;  // unmapped again: (base, size)
};

}  // namespace sim
