// ARMv7-M architectural facts the machine's files share: EXC_RETURN, the exception frame, xPSR
// bits, Thumb instruction widths and Unicorn's interrupt numbers.
#pragma once
#include <cstdint>

namespace sim::armv7m {

inline constexpr uint32_t kExcReturnMask = 0xFFFFFF80;  // EXC_RETURN values: top bits all ones
inline constexpr uint32_t kFrameWords = 8;              // r0-r3, r12, lr, pc, xpsr
inline constexpr uint32_t kFpFrameWords = 26;           // ... then s0-s15, fpscr and a reserved word
inline constexpr uint32_t kControlFpca = 1u << 2;       // CONTROL.FPCA: the context uses the FPU
inline constexpr uint32_t kExcReturnBasicFrame = 1u << 4;  // EXC_RETURN bit 4 clear: an extended (FP) frame
inline constexpr uint32_t kXpsrAlignBit = 1u << 9;      // "the frame was aligned down by 4 bytes"
inline constexpr uint32_t kXpsrThumbBit = 1u << 24;

// A Thumb-2 instruction is 32 bits wide when its first halfword starts 0b11101, 0b11110 or 0b11111.
inline bool is_32bit_thumb(uint16_t first_halfword) { return (first_halfword & 0xF800) >= 0xE800; }

// What Unicorn's interrupt hook numbers mean (QEMU's EXCP_* for ARM).
inline const char* intno_name(uint32_t intno) {
  switch (intno) {
    case 1: return "undefined instruction";
    case 3: return "instruction fetch abort";
    case 4: return "data abort";
    case 7: return "breakpoint (BKPT) with no debugger attached";
    case 22: return "coprocessor instruction with the coprocessor disabled (FPU off?)";
    case 23: return "invalid state (Thumb bit clear?)";
    default: return "unexpected exception";
  }
}

}  // namespace sim::armv7m
