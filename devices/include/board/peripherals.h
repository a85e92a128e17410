// SPDX-License-Identifier: MIT
// GENERATED from devices/registers.yaml by tools/gen_registers.py: edit that file, not this one.
// The board's peripherals: where each one's registers start and which interrupt line it drives
// (exception number = 16 + line). Shared by the firmware and the simulator; memory_map.h includes it.
#pragma once
#include <stdint.h>

namespace board {

inline constexpr uint32_t kGpioABase = 0x4000'0000;  // GPIOA: button B1 on pin 0, LED1 and LED2 on pins 5 and 6
inline constexpr uint32_t kUart0Base = 0x4000'1000;  // UART0: the console
inline constexpr uint32_t kTimebaseBase = 0x4000'2000;  // TIMEBASE: the tickless time base
inline constexpr uint32_t kNet0Base = 0x4000'3000;  // NET0: socket-offload TCP device
inline constexpr uint32_t kTracePortBase = 0x4000'4000;  // TRACE: task events from the runtime's trace hook (no interrupt)
inline constexpr uint32_t kTimer0Base = 0x4000'5000;  // TIMER0: channels drive PA5 (LED1) and PA6 (LED2)
inline constexpr uint32_t kTimer1Base = 0x4000'6000;  // TIMER1: channels drive PA7 and PA8
inline constexpr uint32_t kSimControlBase = 0x4000'F000;  // SIMCTL: exit status and benchmark marks (simulator only)

inline constexpr int kGpioAIrq = 0;
inline constexpr int kUart0Irq = 1;
inline constexpr int kTimebaseIrq = 2;
inline constexpr int kNet0Irq = 3;
inline constexpr int kTimer0Irq = 4;
inline constexpr int kTimer1Irq = 5;

}  // namespace board
