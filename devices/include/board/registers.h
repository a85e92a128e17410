// Register offsets and bits of the board's peripherals, shared by firmware drivers and the
// simulator's device models. All registers are 32 bits wide and word-aligned.
#pragma once
#include <stdint.h>

namespace board {

// GPIO port: 16 pins.
namespace gpio {
inline constexpr uint32_t DIR = 0x00;         // 1 = output
inline constexpr uint32_t OUT = 0x04;         // output latch
inline constexpr uint32_t IN = 0x08;          // pin levels (read-only)
inline constexpr uint32_t SET = 0x0C;         // write 1s to set OUT bits
inline constexpr uint32_t CLR = 0x10;         // write 1s to clear OUT bits
inline constexpr uint32_t TOGGLE = 0x14;      // write 1s to invert OUT bits
inline constexpr uint32_t PULLUP = 0x18;      // 1 = pull-up on an undriven input
inline constexpr uint32_t PULLDOWN = 0x1C;    // 1 = pull-down on an undriven input
inline constexpr uint32_t IRQ_RISE = 0x20;    // 1 = a rising edge on this pin sets its IRQ_STATUS bit
inline constexpr uint32_t IRQ_FALL = 0x24;    // 1 = a falling edge on this pin sets its IRQ_STATUS bit
inline constexpr uint32_t IRQ_STATUS = 0x28;  // pending edges; write 1 to clear. The IRQ line is high while non-zero.
inline constexpr int kPinCount = 16;
}  // namespace gpio

// UART: byte-wide console.
namespace uart {
inline constexpr uint32_t DATA = 0x00;    // write: transmit a byte; read: the oldest received byte
inline constexpr uint32_t STATUS = 0x04;  // bits below
inline constexpr uint32_t CTRL = 0x08;    // bits below
inline constexpr uint32_t STATUS_TX_READY = 1u << 0;
inline constexpr uint32_t STATUS_RX_AVAILABLE = 1u << 1;
inline constexpr uint32_t CTRL_RX_IRQ = 1u << 0;  // IRQ line high while a received byte waits
}  // namespace uart

// Timebase: free-running microsecond counter since reset, one compare channel.
namespace timebase {
inline constexpr uint32_t COUNT_LO = 0x00;  // reading COUNT_LO latches COUNT_HI for a tear-free 64-bit read
inline constexpr uint32_t COUNT_HI = 0x04;
inline constexpr uint32_t CMP_LO = 0x08;
inline constexpr uint32_t CMP_HI = 0x0C;    // writing CMP_HI arms the compare with {CMP_HI, CMP_LO}
inline constexpr uint32_t CTRL = 0x10;
inline constexpr uint32_t STATUS = 0x14;    // write 1 to clear
inline constexpr uint32_t CTRL_IRQ = 1u << 0;      // IRQ line high while STATUS_MATCH is set
inline constexpr uint32_t STATUS_MATCH = 1u << 0;  // set when COUNT >= compare while armed (at once if already past)
}  // namespace timebase

// Simulator control: lets firmware end the run and mark instants for benchmarks.
namespace simctl {
inline constexpr uint32_t EXIT = 0x00;  // write the exit status: the simulation stops
inline constexpr uint32_t MARK = 0x04;  // write any id: the simulator records (id, instruction count, time)
}  // namespace simctl

}  // namespace board
