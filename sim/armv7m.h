// SPDX-License-Identifier: GPL-2.0-or-later
// ARMv7-M architectural facts the machine's files share: EXC_RETURN, the exception frame, xPSR
// bits, Thumb instruction widths and Unicorn's interrupt numbers.
#pragma once
#include <cstdint>
#include <optional>

namespace sim::armv7m {

inline constexpr uint32_t kExcReturnMask = 0xFFFFFF80;  // EXC_RETURN values: top bits all ones
inline constexpr uint32_t kFrameWords = 8;              // r0-r3, r12, lr, pc, xpsr
inline constexpr uint32_t kFpFrameWords = 26;           // ... then s0-s15, fpscr and a reserved word
inline constexpr uint32_t kControlFpca = 1u << 2;       // CONTROL.FPCA: the context uses the FPU
inline constexpr uint32_t kExcReturnBasicFrame = 1u << 4;  // EXC_RETURN bit 4 clear: an extended (FP) frame
inline constexpr uint32_t kXpsrAlignBit = 1u << 9;      // "the frame was aligned down by 4 bytes"
inline constexpr uint32_t kXpsrThumbBit = 1u << 24;
// EPSR's IT/ICI bits, xPSR[26:25] and [15:10]; Unicorn's CPSR keeps them at the same places.
inline constexpr uint32_t kXpsrItBits = (3u << 25) | (0x3Fu << 10);

// Fault status bits (ARMv7-M B3.2.15, B3.2.16): CFSR = UFSR:BFSR:MMFSR, and HFSR.
namespace cfsr {
inline constexpr uint32_t kIaccviol = 1u << 0;   // MemManage: instruction fetch from an XN region
inline constexpr uint32_t kIbuserr = 1u << 8;    // BusFault on an instruction fetch
inline constexpr uint32_t kPreciserr = 1u << 9;  // precise data BusFault
inline constexpr uint32_t kBfarvalid = 1u << 15;
inline constexpr uint32_t kUndefinstr = 1u << 16;
inline constexpr uint32_t kInvstate = 1u << 17;  // EPSR.T or IT state invalid
inline constexpr uint32_t kInvpc = 1u << 18;     // an exception return failed its integrity checks
inline constexpr uint32_t kNocp = 1u << 19;      // a coprocessor instruction for an absent coprocessor
inline constexpr uint32_t kUnaligned = 1u << 24;
inline constexpr uint32_t kDivbyzero = 1u << 25;
}  // namespace cfsr
namespace hfsr {
inline constexpr uint32_t kVecttbl = 1u << 1;  // a BusFault reading the vector table
inline constexpr uint32_t kForced = 1u << 30;  // a configurable fault escalated
}  // namespace hfsr
inline constexpr uint32_t kExecuteNeverBase = 0xE000'0000;  // the default memory map's XN regions start here (B3.1)

// A Thumb-2 instruction is 32 bits wide when its first halfword starts 0b11101, 0b11110 or 0b11111.
inline bool is_32bit_thumb(uint16_t first_halfword) { return (first_halfword & 0xF800) >= 0xE800; }

// The loads and stores that need word-aligned addresses whatever CCR.UNALIGN_TRP says (ARMv7-M
// ARM A3.2.1): LDM/STM, LDRD/STRD, the exclusives, and the FPU's VLDR/VSTR/VLDM/VSTM. Only LDR,
// STR, LDRH, STRH and their signed and T variants may be unaligned, and only while the trap is off.
// `second` is ignored for a 16-bit instruction.
inline bool needs_word_alignment(uint16_t first, uint16_t second) {
  if ((first & 0xF000) == 0xC000) return true;  // LDM/STM (16-bit)
  if (!is_32bit_thumb(first)) return false;      // PUSH/POP use SP, which is always word aligned
  if ((first & 0xFFD0) == 0xE880 || (first & 0xFFD0) == 0xE890 ||  // STM.W, LDM.W
      (first & 0xFFD0) == 0xE900 || (first & 0xFFD0) == 0xE910)    // STMDB, LDMDB
    return true;
  if ((first & 0xFE40) == 0xE840) {
    if (first & 0x0120) return true;                        // LDRD/STRD (P or W set)
    if ((first & 0xFFE0) == 0xE840) return true;            // STREX, LDREX
    uint16_t op = (second >> 4) & 0xF;                      // 0xE8C_/0xE8D_: TBB/TBH or byte..double
    return (first & 0xFFE0) == 0xE8C0 && (op == 5 || op == 7);  // exclusives H, D (B is any address)
  }
  // VLDR/VSTR/VLDM/VSTM/VPUSH/VPOP: coprocessor loads and stores (0xEC__/0xED__) to CP10/CP11, but
  // not VMOV between two core registers (0xEC4_/0xEC5_); 0xEE__ is data processing (VMOV, VADD).
  return (first & 0xFE00) == 0xEC00 && (first & 0xFFE0) != 0xEC40 && (second & 0x0E00) == 0x0A00;
}

// How to check, before it runs, an access that needs_word_alignment(): the base register, the low
// bits of the address that must be clear, and the offset the instruction adds to the base (every
// offset is a multiple of 4, so the base alone decides; the offset makes the reported address
// exact). Nothing for a base of SP (always word aligned on ARMv7-M) or PC (a literal, aligned by the
// instruction), and for every other instruction.
struct AlignmentCheck {
  int rn;
  uint32_t mask;
  int32_t offset;
};
inline std::optional<AlignmentCheck> alignment_check(uint16_t first, uint16_t second) {
  AlignmentCheck c{first & 0xF, 3, 0};
  if ((first & 0xF000) == 0xC000) {
    c.rn = (first >> 8) & 7;  // LDMIA/STMIA (16-bit)
  } else if (!needs_word_alignment(first, second)) {
    return std::nullopt;
  } else if ((first & 0xFFD0) == 0xE900 || (first & 0xFFD0) == 0xE910) {  // STMDB, LDMDB
    c.offset = -4 * __builtin_popcount(second);
  } else if ((first & 0xFE40) == 0xE840) {
    int32_t imm = (second & 0xFF) << 2;
    if (first & 0x0120) {                              // LDRD/STRD: an offset only when P (bit 8) is set
      if (first & 0x0100) c.offset = (first & 0x80) ? imm : -imm;
    } else if ((first & 0xFFE0) == 0xE840) {          // LDREX/STREX
      c.offset = imm;
    } else {
      if (((second >> 4) & 0xF) == 5) c.mask = 1;  // LDREXH/STREXH (LDREXD/STREXD: words)
    }
  } else if ((first & 0xFF20) == 0xED00) {  // VLDR/VSTR
    int32_t imm = (second & 0xFF) << 2;
    c.offset = (first & 0x80) ? imm : -imm;
  }
  if (c.rn == 13 || c.rn == 15) return std::nullopt;
  return c;
}

// What Unicorn's interrupt hook numbers mean (QEMU's EXCP_* for ARM).
inline const char* intno_name(uint32_t intno) {
  switch (intno) {
    case 1: return "undefined instruction";
    case 3: return "instruction fetch abort";
    case 4: return "data abort";
    case 7: return "breakpoint (BKPT) with no debugger attached";
    case 17: return "coprocessor instruction for an absent or disabled coprocessor (NOCP)";
    case 18: return "invalid state: an instruction with EPSR.T clear (INVSTATE)";
    case 22: return "unaligned access";
    default: return "unexpected exception";
  }
}

}  // namespace sim::armv7m
