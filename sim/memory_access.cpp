// SPDX-License-Identifier: GPL-2.0-or-later
#include "memory_access.h"

#include <capstone/capstone.h>
#include <unicorn/unicorn.h>

namespace sim {

namespace {

int unicorn_register(unsigned r) {
  if (r >= ARM_REG_R0 && r <= ARM_REG_R12) return UC_ARM_REG_R0 + static_cast<int>(r - ARM_REG_R0);
  switch (r) {
    case ARM_REG_SP: return UC_ARM_REG_SP;
    case ARM_REG_LR: return UC_ARM_REG_LR;
    case ARM_REG_PC: return UC_ARM_REG_PC;
    default: return -1;
  }
}

// Bytes a single load or store moves (0: not one we decode by its memory operand).
uint32_t access_bytes(unsigned id) {
  switch (id) {
    case ARM_INS_LDRB: case ARM_INS_LDRSB: case ARM_INS_STRB: case ARM_INS_LDRBT: case ARM_INS_LDRSBT:
    case ARM_INS_STRBT: case ARM_INS_LDREXB: case ARM_INS_STREXB:
      return 1;
    case ARM_INS_LDRH: case ARM_INS_LDRSH: case ARM_INS_STRH: case ARM_INS_LDRHT: case ARM_INS_LDRSHT:
    case ARM_INS_STRHT: case ARM_INS_LDREXH: case ARM_INS_STREXH:
      return 2;
    case ARM_INS_LDR: case ARM_INS_STR: case ARM_INS_LDRT: case ARM_INS_STRT: case ARM_INS_LDREX: case ARM_INS_STREX:
      return 4;
    case ARM_INS_LDRD: case ARM_INS_STRD:
      return 8;
    default:
      return 0;
  }
}

}  // namespace

MemoryAccessFinder::MemoryAccessFinder() {
  csh h = 0;
  if (cs_open(CS_ARCH_ARM, static_cast<cs_mode>(CS_MODE_THUMB | CS_MODE_MCLASS), &h) == CS_ERR_OK) {
    cs_option(h, CS_OPT_DETAIL, CS_OPT_ON);
    handle_ = h;
  }
}

MemoryAccessFinder::~MemoryAccessFinder() {
  csh h = handle_;
  if (h) cs_close(&h);
}

std::optional<uint32_t> MemoryAccessFinder::find(const uint8_t* code, size_t len, uint32_t block_address,
                                                 uint32_t fault_address,
                                                 const std::function<uint32_t(int)>& reg) const {
  if (!handle_) return std::nullopt;
  cs_insn* insn = cs_malloc(handle_);
  const uint8_t* p = code;
  size_t left = len;
  uint64_t address = block_address;
  std::optional<uint32_t> found;
  while (!found && left > 0 && cs_disasm_iter(handle_, &p, &left, &address, insn)) {
    const cs_arm& arm = insn->detail->arm;
    uint32_t at = static_cast<uint32_t>(insn->address);
    uint32_t first = 0, bytes = 0;
    if (insn->id == ARM_INS_PUSH || insn->id == ARM_INS_POP || insn->id == ARM_INS_LDM || insn->id == ARM_INS_LDMDB ||
        insn->id == ARM_INS_STM || insn->id == ARM_INS_STMDB) {
      bool implicit_sp = insn->id == ARM_INS_PUSH || insn->id == ARM_INS_POP;
      int base = implicit_sp ? UC_ARM_REG_SP
                             : (arm.op_count > 0 && arm.operands[0].type == ARM_OP_REG ? unicorn_register(arm.operands[0].reg) : -1);
      uint32_t count = implicit_sp ? arm.op_count : arm.op_count - 1;
      if (base >= 0) {
        bytes = 4 * count;
        bool descending = insn->id == ARM_INS_PUSH || insn->id == ARM_INS_LDMDB || insn->id == ARM_INS_STMDB;
        first = descending ? reg(base) - bytes : reg(base);
      }
    } else if (uint32_t size = access_bytes(insn->id)) {
      for (int i = 0; i < arm.op_count; ++i) {
        const cs_arm_op& op = arm.operands[i];
        if (op.type != ARM_OP_MEM) continue;
        int base = unicorn_register(op.mem.base);
        if (base < 0) break;
        uint32_t b = op.mem.base == ARM_REG_PC ? (at + 4) & ~3u : reg(base);
        if (op.mem.index != ARM_REG_INVALID) {
          int index = unicorn_register(op.mem.index);
          if (index < 0) break;
          // capstone 4 leaves mem.lshift at 0 for a shifted index: the shift is the operand's.
          int shift = op.mem.lshift ? op.mem.lshift : (op.shift.type == ARM_SFT_LSL ? static_cast<int>(op.shift.value) : 0);
          uint32_t offset = reg(index) << shift;
          first = (op.subtracted || op.mem.scale < 0) ? b - offset : b + offset;
        } else {
          first = b + static_cast<uint32_t>(op.mem.disp);  // signed; 0 for post-indexed forms
        }
        bytes = size;
        break;
      }
    }
    if (bytes && fault_address - first < bytes) found = at;
  }
  cs_free(insn, 1);
  return found;
}

}  // namespace sim
