// SPDX-License-Identifier: GPL-2.0-or-later
// Fault reports: what the user reads when the firmware faults -- kind, PC with function and source
// line, registers, and the call chain found on the stack.
#include "machine.h"

#include <fmt/format.h>

#include <utility>

#include "armv7m.h"
#include "board/memory_map.h"

namespace sim {

using namespace armv7m;

namespace {
const int kReportRegs[17] = {UC_ARM_REG_R0,  UC_ARM_REG_R1,  UC_ARM_REG_R2, UC_ARM_REG_R3, UC_ARM_REG_R4,  UC_ARM_REG_R5,
                             UC_ARM_REG_R6,  UC_ARM_REG_R7,  UC_ARM_REG_R8, UC_ARM_REG_R9, UC_ARM_REG_R10, UC_ARM_REG_R11,
                             UC_ARM_REG_R12, UC_ARM_REG_SP,  UC_ARM_REG_LR, UC_ARM_REG_PC, UC_ARM_REG_XPSR};
}  // namespace

std::array<uint32_t, 17> Machine::registers() const {
  std::array<uint32_t, 17> r{};
  for (int i = 0; i < 17; ++i) r[i] = cpu_.reg(kReportRegs[i]);
  return r;
}

void Machine::set_fault(std::string kind, uint32_t pc, std::optional<uint32_t> address, std::string detail) {
  if (fault_) return;  // keep the first
  fault_ = Fault{std::move(kind), pc & ~1u, address, std::move(detail), registers()};
  fault_->registers[15] = pc & ~1u;
}

std::string Machine::describe_fault() const {
  if (!fault_) return "no fault";
  std::string s = fmt::format("{} at PC {}", fault_->kind, image_.describe(fault_->pc));
  if (fault_->address) s += fmt::format(", address 0x{:08X}", *fault_->address);
  if (!fault_->detail.empty()) s += ": " + fault_->detail;
  return s;
}

// Which asyncio task was running, through the descriptor the board port exports
// (runtime/ports/board/debug_info.cpp); empty when the image has none.
std::string Machine::running_task() const {
  const ElfSymbol* info = image_.find("asyncio_debug_info");
  uint32_t words[3] = {};
  if (!info || !cpu_.read(info->address, words, sizeof words) || words[0] != 0x4F495341) return "";
  uint32_t task = 0, name = 0;
  if (!cpu_.read(words[1], &task, 4)) return "";
  if (task == 0) return "no task (the loop itself, or code outside asyncio)";
  std::string text;
  if (cpu_.read(task + words[2], &name, 4)) {
    for (uint32_t i = 0; i < 64; ++i) {
      char c = 0;
      if (!cpu_.read(name + i, &c, 1) || c == 0) break;
      text += c;
    }
  }
  return text.empty() ? fmt::format("an unnamed task (record at 0x{:08X})", task) : "'" + text + "'";
}

std::vector<std::string> Machine::fault_details() const {
  std::vector<std::string> lines;
  if (!fault_) return lines;
  uint32_t exception_number = fault_->registers[16] & 0x1FF;
  std::string task = running_task();
  if (exception_number != 0)
    lines.push_back(fmt::format("context: the handler of exception {}{}", exception_number,
                                task.empty() ? "" : ", interrupting asyncio task " + task));
  else if (!task.empty())
    lines.push_back("asyncio task: " + task);
  const auto& r = fault_->registers;
  static const char* const names[17] = {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8",
                                        "r9", "r10", "r11", "r12", "sp", "lr", "pc", "xpsr"};
  std::string regs;
  for (int i = 0; i < 17; ++i) regs += fmt::format("{}{} {:08X}", i % 6 == 0 ? "" : "  ", names[i], r[i]) + (i % 6 == 5 ? "\n" : "");
  std::string line;
  for (char c : regs) {
    if (c == '\n') {
      lines.push_back("registers: " + line);
      line.clear();
    } else {
      line += c;
    }
  }
  if (!line.empty()) lines.push_back("registers: " + line);

  // The call chain, best effort: the link register, then words on the stack that are return
  // addresses -- Thumb code addresses right after a BL or BLX.
  auto returns_here = [this](uint32_t word) {
    if (!(word & 1) || word < board::kFlashBase + 4 || word >= board::kFlashBase + board::kFlashSize) return false;
    uint32_t at = word & ~1u;
    uint16_t h1 = 0, h2 = 0, h = 0;
    bool bl = cpu_.read(at - 4, &h1, 2) && cpu_.read(at - 2, &h2, 2) && (h1 & 0xF800) == 0xF000 && (h2 & 0xD000) == 0xD000;
    bool blx = cpu_.read(at - 2, &h, 2) && (h & 0xFF87) == 0x4780;
    return bl || blx;
  };
  std::vector<uint32_t> chain;
  if (returns_here(r[14])) chain.push_back(r[14] & ~1u);
  for (uint32_t sp = r[13], n = 0; n < 512 && sp < board::kSramBase + board::kSramSize; sp += 4, ++n) {
    uint32_t word = 0;
    if (!cpu_.read(sp, &word, 4)) break;
    if (returns_here(word) && (chain.empty() || chain.back() != (word & ~1u))) chain.push_back(word & ~1u);
    if (chain.size() >= 8) break;
  }
  if (!chain.empty()) {
    lines.push_back("called from (found on the stack, best effort):");
    for (uint32_t a : chain) lines.push_back("  " + image_.describe(a));
  }
  return lines;
}

}  // namespace sim
