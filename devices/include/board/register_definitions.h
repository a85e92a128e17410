// SPDX-License-Identifier: MIT
// GENERATED from devices/registers.yaml by tools/gen_registers.py: edit that file, not this one.
// The register tables the simulator decodes accesses by: each device model's RegisterMap is checked
// against its peripheral's table when it is built, so a register the definition does not have (or one
// it has that the model lacks, or with other access) is an error at start-up, not a silent drift.
#pragma once
#include <stdint.h>

namespace board::definition {

enum class Access : uint8_t { ReadWrite, ReadOnly, WriteOnly };

struct RegisterDefinition {
  uint32_t offset;
  const char* name;
  Access access;
};

// A block's registers, as one table (first, count).
struct RegisterTable {
  const RegisterDefinition* first;
  int count;
  const RegisterDefinition* begin() const { return first; }
  const RegisterDefinition* end() const { return first + count; }
};
template <int N>
constexpr RegisterTable table(const RegisterDefinition (&registers)[N]) { return {registers, N}; }

inline constexpr RegisterDefinition kGpioRegisters[] = {
    {0x00, "DIR", Access::ReadWrite},
    {0x04, "OUT", Access::ReadWrite},
    {0x08, "IN", Access::ReadOnly},
    {0x0C, "SET", Access::WriteOnly},
    {0x10, "CLR", Access::WriteOnly},
    {0x14, "TOGGLE", Access::WriteOnly},
    {0x18, "PULLUP", Access::ReadWrite},
    {0x1C, "PULLDOWN", Access::ReadWrite},
    {0x20, "IRQ_RISE", Access::ReadWrite},
    {0x24, "IRQ_FALL", Access::ReadWrite},
    {0x28, "IRQ_STATUS", Access::ReadWrite},
    {0x2C, "ALT", Access::ReadWrite},
};
inline constexpr RegisterDefinition kUartRegisters[] = {
    {0x00, "DATA", Access::ReadWrite},
    {0x04, "STATUS", Access::ReadOnly},
    {0x08, "CTRL", Access::ReadWrite},
};
inline constexpr RegisterDefinition kTimebaseRegisters[] = {
    {0x00, "COUNT_LO", Access::ReadOnly},
    {0x04, "COUNT_HI", Access::ReadOnly},
    {0x08, "CMP_LO", Access::ReadWrite},
    {0x0C, "CMP_HI", Access::ReadWrite},
    {0x10, "CTRL", Access::ReadWrite},
    {0x14, "STATUS", Access::ReadWrite},
    {0x18, "COUNT_MS", Access::ReadOnly},
};
inline constexpr RegisterDefinition kTimerRegisters[] = {
    {0x00, "CTRL", Access::ReadWrite},
    {0x04, "PRESCALER", Access::ReadWrite},
    {0x08, "PERIOD", Access::ReadWrite},
    {0x0C, "COUNT", Access::ReadWrite},
    {0x10, "CMP0", Access::ReadWrite},
    {0x14, "CMP1", Access::ReadWrite},
    {0x18, "STATUS", Access::ReadWrite},
    {0x1C, "IRQ_ENABLE", Access::ReadWrite},
    {0x20, "OUTPUT", Access::ReadWrite},
};
inline constexpr RegisterDefinition kNetRegisters[] = {
    {0x00, "CMD", Access::WriteOnly},
    {0x04, "HANDLE", Access::ReadWrite},
    {0x08, "ADDR", Access::ReadWrite},
    {0x0C, "LENGTH", Access::ReadWrite},
    {0x10, "RESULT", Access::ReadOnly},
    {0x14, "CTRL", Access::ReadWrite},
    {0x18, "STATUS", Access::ReadOnly},
    {0x1C, "INFO", Access::ReadOnly},
    {0x20, "RD_WAIT0", Access::ReadWrite},
    {0x24, "RD_WAIT1", Access::ReadWrite},
    {0x28, "RD_WAIT2", Access::ReadWrite},
    {0x2C, "RD_WAIT3", Access::ReadWrite},
    {0x30, "WR_WAIT0", Access::ReadWrite},
    {0x34, "WR_WAIT1", Access::ReadWrite},
    {0x38, "WR_WAIT2", Access::ReadWrite},
    {0x3C, "WR_WAIT3", Access::ReadWrite},
    {0x40, "RD_READY0", Access::ReadOnly},
    {0x44, "RD_READY1", Access::ReadOnly},
    {0x48, "RD_READY2", Access::ReadOnly},
    {0x4C, "RD_READY3", Access::ReadOnly},
    {0x50, "WR_READY0", Access::ReadOnly},
    {0x54, "WR_READY1", Access::ReadOnly},
    {0x58, "WR_READY2", Access::ReadOnly},
    {0x5C, "WR_READY3", Access::ReadOnly},
};
inline constexpr RegisterDefinition kTraceRegisters[] = {
    {0x00, "CTRL", Access::ReadOnly},
    {0x04, "TASK", Access::WriteOnly},
    {0x08, "NAME", Access::WriteOnly},
    {0x0C, "EVENT", Access::WriteOnly},
    {0x10, "WAKER", Access::WriteOnly},
    {0x14, "FRAMES", Access::WriteOnly},
    {0x18, "DUE", Access::WriteOnly},
    {0x1C, "RING", Access::WriteOnly},
};
inline constexpr RegisterDefinition kSimctlRegisters[] = {
    {0x00, "EXIT", Access::WriteOnly},
    {0x04, "MARK", Access::WriteOnly},
    {0x08, "UNHANDLED", Access::WriteOnly},
    {0x0C, "TERMINATE", Access::WriteOnly},
};

struct PeripheralDefinition {
  const char* name;
  uint32_t base;
  int irq;  // -1: none
  RegisterTable registers;
};

inline constexpr PeripheralDefinition kPeripherals[] = {
    {"GPIOA", 0x40000000, 0, table(kGpioRegisters)},
    {"UART0", 0x40001000, 1, table(kUartRegisters)},
    {"TIMEBASE", 0x40002000, 2, table(kTimebaseRegisters)},
    {"NET0", 0x40003000, 3, table(kNetRegisters)},
    {"TRACE", 0x40004000, -1, table(kTraceRegisters)},
    {"TIMER0", 0x40005000, 4, table(kTimerRegisters)},
    {"TIMER1", 0x40006000, 5, table(kTimerRegisters)},
    {"SIMCTL", 0x4000F000, -1, table(kSimctlRegisters)},
};

}  // namespace board::definition
