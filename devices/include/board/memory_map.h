// SPDX-License-Identifier: MIT
// The virtual board's memory map and wiring: the one description shared by the firmware
// (arm-none-eabi) and the simulator (host), so the two cannot drift. Plain constexpr, usable from
// C++ on both sides.
#pragma once
#include <stdint.h>

#include "board/peripherals.h"

namespace board {

// Memory regions.
inline constexpr uint32_t kFlashBase = 0x0800'0000;  // code and read-only data; VTOR resets here
inline constexpr uint32_t kFlashSize = 1024 * 1024;
inline constexpr uint32_t kSramBase = 0x2000'0000;   // data, heap, the main stack at its top
inline constexpr uint32_t kSramSize = 256 * 1024;
inline constexpr uint32_t kPeripheralBase = 0x4000'0000;
inline constexpr uint32_t kPeripheralSize = 0x1'0000;
inline constexpr uint32_t kScsBase = 0xE000'E000;    // System Control Space: SysTick, NVIC, SCB
inline constexpr uint32_t kScsSize = 0x1000;
inline constexpr uint32_t kDwtBase = 0xE000'1000;  // Data Watchpoint and Trace: the cycle counter
inline constexpr uint32_t kDwtSize = 0x1000;

// Peripherals, each in its own 4 KiB window of the peripheral region; their bases and interrupt
// lines (exception number = 16 + line) come from devices/registers.yaml, through peripherals.h.
inline constexpr uint32_t kPeripheralWindow = 0x1000;
inline constexpr int kExternalIrqCount = 32;

// Board wiring on GPIOA.
inline constexpr int kButtonB1Pin = 0;  // push button to ground, pulled up: pressed reads 0
inline constexpr int kLed1Pin = 5;      // LED to ground: OUT=1 lights it
inline constexpr int kLed2Pin = 6;
// Alternate functions: a pin whose gpio::ALT bit is set is driven by the timer channel routed to it.
inline constexpr int kTimer0Ch0Pin = kLed1Pin;  // TIMER0 channel 0: PWM dims LED1
inline constexpr int kTimer0Ch1Pin = kLed2Pin;  // TIMER0 channel 1: LED2
inline constexpr int kTimer1Ch0Pin = 7;
inline constexpr int kTimer1Ch1Pin = 8;

// The console's line rate: typed input reaches the UART one byte per 10 bit times (start, 8 data, stop).
inline constexpr uint32_t kConsoleBaud = 115'200;

// The board's addresses on the virtual network (IPv4, host byte order). Scenario peers and host
// clients bridged with --forward appear to come from kNetPeerAddress.
inline constexpr uint32_t kNetBoardAddress = 0x0A00'0002;  // 10.0.0.2
inline constexpr uint32_t kNetPeerAddress = 0x0A00'0001;   // 10.0.0.1
inline constexpr uint32_t kNetLoopback = 0x7F00'0001;      // 127.0.0.1

// The core clock the simulator's cycle model runs at (one instruction = one cycle).
inline constexpr uint32_t kCoreClockHz = 64'000'000;
// The timers' input clock, before their prescaler.
inline constexpr uint32_t kTimerClockHz = 1'000'000;

}  // namespace board
