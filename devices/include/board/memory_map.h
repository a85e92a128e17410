// The virtual board's memory map and interrupt lines: the one description shared by the firmware
// (arm-none-eabi) and the simulator (host), so the two cannot drift. Plain constexpr, no includes
// beyond <stdint.h>, usable from C++ on both sides.
#pragma once
#include <stdint.h>

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

// Peripherals, each in its own 4 KiB window of the peripheral region.
inline constexpr uint32_t kPeripheralWindow = 0x1000;
inline constexpr uint32_t kGpioABase = 0x4000'0000;     // 16 pins: button B1, LEDs LED1 and LED2
inline constexpr uint32_t kUart0Base = 0x4000'1000;     // the console
inline constexpr uint32_t kTimebaseBase = 0x4000'2000;  // 64-bit microsecond counter + compare: the tickless time base
inline constexpr uint32_t kNet0Base = 0x4000'3000;      // socket-offload network device (TCP), see registers.h
inline constexpr uint32_t kTracePortBase = 0x4000'4000;  // task events from the runtime's trace hook (no interrupt)
// General-purpose timers: a prescaled 16-bit counter, a period, two compare channels with PWM outputs.
inline constexpr uint32_t kTimer0Base = 0x4000'5000;    // channels drive PA5 (LED1) and PA6 (LED2)
inline constexpr uint32_t kTimer1Base = 0x4000'6000;    // channels drive PA7 and PA8
inline constexpr uint32_t kSimControlBase = 0x4000'F000;  // exit code and benchmark marks (simulator only)

// External interrupt lines (exception number = 16 + line).
inline constexpr int kGpioAIrq = 0;
inline constexpr int kUart0Irq = 1;
inline constexpr int kTimebaseIrq = 2;
inline constexpr int kNet0Irq = 3;
inline constexpr int kTimer0Irq = 4;
inline constexpr int kTimer1Irq = 5;
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
