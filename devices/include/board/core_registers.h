// SPDX-License-Identifier: MIT
// The Cortex-M4's own registers the board's software and simulator use (architectural, from the
// ARMv7-M Architecture Reference Manual -- not the board's peripherals, which devices/registers.yaml
// defines): the System Control Space and the DWT cycle counter.
#pragma once
#include <stdint.h>

namespace board {

// System Control Space (architectural, ARMv7-M): offsets from board::kScsBase.
namespace scs {
inline constexpr uint32_t SYST_CSR = 0x010;    // SysTick control and status
inline constexpr uint32_t SYST_RVR = 0x014;    // SysTick reload value
inline constexpr uint32_t SYST_CVR = 0x018;    // SysTick current value
inline constexpr uint32_t SYST_CALIB = 0x01C;
inline constexpr uint32_t NVIC_ISER = 0x100;   // set-enable, one bit per external line
inline constexpr uint32_t NVIC_ICER = 0x180;   // clear-enable
inline constexpr uint32_t NVIC_ISPR = 0x200;   // set-pending
inline constexpr uint32_t NVIC_ICPR = 0x280;   // clear-pending
inline constexpr uint32_t NVIC_IABR = 0x300;   // active (read-only)
inline constexpr uint32_t NVIC_IPR = 0x400;    // priority, one byte per line
inline constexpr uint32_t CPUID = 0xD00;
inline constexpr uint32_t ICSR = 0xD04;        // interrupt control and state
inline constexpr uint32_t VTOR = 0xD08;        // vector table offset
inline constexpr uint32_t AIRCR = 0xD0C;
inline constexpr uint32_t SCR = 0xD10;
inline constexpr uint32_t CCR = 0xD14;
inline constexpr uint32_t SHPR1 = 0xD18;       // system handler priorities
inline constexpr uint32_t SHPR2 = 0xD1C;
inline constexpr uint32_t SHPR3 = 0xD20;
inline constexpr uint32_t SHCSR = 0xD24;       // system handler control: MemManage/BusFault/UsageFault enables
inline constexpr uint32_t CFSR = 0xD28;        // configurable fault status (write 1 to clear)
inline constexpr uint32_t HFSR = 0xD2C;        // HardFault status (FORCED: bit 30)
inline constexpr uint32_t MMFAR = 0xD34;
inline constexpr uint32_t BFAR = 0xD38;        // the bus fault address (valid when CFSR.BFARVALID)
inline constexpr uint32_t STIR = 0xF00;        // software trigger interrupt
inline constexpr uint32_t DEMCR = 0xDFC;       // debug exception and monitor control (TRCENA: bit 24)
}  // namespace scs

// DWT (architectural): offsets from board::kDwtBase.
namespace dwt {
inline constexpr uint32_t CTRL = 0x000;    // bit 0 CYCCNTENA
inline constexpr uint32_t CYCCNT = 0x004;  // core clock cycles while enabled (wraps at 32 bits)
}  // namespace dwt

}  // namespace board
