// SPDX-License-Identifier: GPL-2.0-or-later
#include "cpu.h"

#include <dlfcn.h>
#include <fmt/format.h>

namespace sim {

std::string unicorn_version() {
  unsigned major = 0, minor = 0;
  unsigned packed = uc_version(&major, &minor);  // major << 24 | minor << 16 | patch << 8 | extra
  return fmt::format("{}.{}.{}", major, minor, (packed >> 8) & 0xFF);
}

std::string unicorn_library_path() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&uc_version), &info) == 0 || !info.dli_fname) return {};
  return info.dli_fname;
}

Cpu::Cpu() {
  uc_err err = uc_open(UC_ARCH_ARM, UC_MODE_THUMB, &uc_);
  if (err != UC_ERR_OK) throw CpuError(fmt::format("cannot start Unicorn: {}", uc_strerror(err)));
  err = uc_ctl_set_cpu_model(uc_, UC_CPU_ARM_CORTEX_M4);
  if (err != UC_ERR_OK) {
    uc_close(uc_);
    throw CpuError(fmt::format("Unicorn has no Cortex-M4 model: {}", uc_strerror(err)));
  }
  unsigned major = 0, minor = 0;
  uc_version(&major, &minor);
  refresh_mode_after_ipsr_ = major < 2 || (major == 2 && minor < 1);
}

Cpu::~Cpu() {
  if (uc_) uc_close(uc_);
}

uint32_t Cpu::reg(int id) const {
  uint32_t v = 0;
  uc_reg_read(uc_, id, &v);
  return v;
}

void Cpu::set_reg(int id, uint32_t value) { uc_reg_write(uc_, id, &value); }

void Cpu::set_ipsr(uint32_t exception_number) {
  set_reg(UC_ARM_REG_IPSR, exception_number);
  if (refresh_mode_after_ipsr_) set_reg(UC_ARM_REG_APSR_NZCV, reg(UC_ARM_REG_APSR_NZCV));
}

bool Cpu::read(uint32_t address, void* out, size_t size) const {
  return uc_mem_read(uc_, address, out, size) == UC_ERR_OK;
}

bool Cpu::write(uint32_t address, const void* in, size_t size) {
  return uc_mem_write(uc_, address, in, size) == UC_ERR_OK;
}

void Cpu::map_ram(uint32_t base, uint32_t size, const char* what) {
  Ram ram{base, size, std::make_unique<uint8_t[]>(size)};  // zeroed, as uc_mem_map's memory is
  uc_err err = uc_mem_map_ptr(uc_, base, size, UC_PROT_ALL, ram.bytes.get());
  if (err != UC_ERR_OK) throw CpuError(fmt::format("cannot map {} at 0x{:08X}: {}", what, base, uc_strerror(err)));
  ram_.push_back(std::move(ram));
}

bool Cpu::unmap(uint32_t base, uint32_t size) {
  if (uc_mem_unmap(uc_, base, size) != UC_ERR_OK) return false;
  holes_.emplace_back(base, size);
  return true;
}

uint8_t* Cpu::host(uint32_t address, size_t size) const {
  for (const auto& [base, length] : holes_)
    if (address < uint64_t{base} + length && uint64_t{address} + size > base) return nullptr;
  for (const Ram& r : ram_)
    if (address >= r.base && size <= r.size && address - r.base <= r.size - size) return r.bytes.get() + (address - r.base);
  return nullptr;
}

}  // namespace sim
