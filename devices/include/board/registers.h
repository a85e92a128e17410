// SPDX-License-Identifier: MIT
// GENERATED from devices/registers.yaml by tools/gen_registers.py: edit that file, not this one.
// Register offsets, bits and codes of the board's peripherals (devices/registers.md describes them),
// shared by firmware drivers and the simulator's device models. All registers are 32 bits wide and
// word-aligned; a register array's constant is the offset of its first word.
#pragma once
#include <stdint.h>

#include "board/core_registers.h"

namespace board {

// GPIO port (GPIOA).
namespace gpio {
inline constexpr uint32_t DIR = 0x00;  // 1 = the pin is an output
inline constexpr uint32_t OUT = 0x04;  // output latch
inline constexpr uint32_t IN = 0x08;  // pin levels (a PWM-driven pin reads its level at that instant)
inline constexpr uint32_t SET = 0x0C;  // write 1s to set OUT bits
inline constexpr uint32_t CLR = 0x10;  // write 1s to clear OUT bits
inline constexpr uint32_t TOGGLE = 0x14;  // write 1s to invert OUT bits
inline constexpr uint32_t PULLUP = 0x18;  // 1 = pull-up on an undriven input
inline constexpr uint32_t PULLDOWN = 0x1C;  // 1 = pull-down on an undriven input
inline constexpr uint32_t IRQ_RISE = 0x20;  // 1 = a rising edge on this pin sets its IRQ_STATUS bit
inline constexpr uint32_t IRQ_FALL = 0x24;  // 1 = a falling edge on this pin sets its IRQ_STATUS bit
inline constexpr uint32_t IRQ_STATUS = 0x28;  // pending edges; write 1 to clear. The interrupt line is high while non-zero
inline constexpr uint32_t ALT = 0x2C;  // 1 = the pin is driven by its alternate function (a timer's PWM channel)
inline constexpr int kPinCount = 16;  // pins per port
}  // namespace gpio

// UART (UART0).
namespace uart {
inline constexpr uint32_t DATA = 0x00;  // write: transmit a byte; read: the oldest received byte
inline constexpr uint32_t STATUS = 0x04;  // transmitter and receiver state
inline constexpr uint32_t CTRL = 0x08;  // interrupt enables
inline constexpr uint32_t STATUS_TX_READY = 1u << 0;  // the transmitter takes a byte (always)
inline constexpr uint32_t STATUS_RX_AVAILABLE = 1u << 1;  // a received byte waits in the FIFO
inline constexpr uint32_t CTRL_RX_IRQ = 1u << 0;  // the interrupt line is high while a received byte waits
inline constexpr uint32_t CTRL_TX_IRQ = 1u << 1;  // the interrupt line is high while the transmitter can take a byte (TX empty)
}  // namespace uart

// Timebase (TIMEBASE).
namespace timebase {
inline constexpr uint32_t COUNT_LO = 0x00;  // microseconds, low half; reading it latches COUNT_HI for a tear-free 64-bit read
inline constexpr uint32_t COUNT_HI = 0x04;  // microseconds, high half (as latched by the last COUNT_LO read)
inline constexpr uint32_t CMP_LO = 0x08;  // compare, low half (staged)
inline constexpr uint32_t CMP_HI = 0x0C;  // compare, high half; writing it arms the compare with {CMP_HI, CMP_LO}
inline constexpr uint32_t CTRL = 0x10;  // interrupt enable
inline constexpr uint32_t STATUS = 0x14;  // events; write 1 to clear
inline constexpr uint32_t COUNT_MS = 0x18;  // milliseconds since reset, 32 bits (wraps after 49.7 days)
inline constexpr uint32_t CTRL_IRQ = 1u << 0;  // the interrupt line is high while STATUS.MATCH is set
inline constexpr uint32_t STATUS_MATCH = 1u << 0;  // COUNT reached the armed compare (at once if it was already past)
}  // namespace timebase

// General-purpose timer (TIMER0, TIMER1).
namespace timer {
inline constexpr uint32_t CTRL = 0x00;  // run control
inline constexpr uint32_t PRESCALER = 0x04;  // 16 bits: the counter ticks every PRESCALER + 1 input clocks
inline constexpr uint32_t PERIOD = 0x08;  // 16 bits: ticks per period; 0 holds the counter
inline constexpr uint32_t COUNT = 0x0C;  // the counter; a write moves it
inline constexpr uint32_t CMP0 = 0x10;  // channel 0 compare (16 bits): its event when COUNT steps onto it
inline constexpr uint32_t CMP1 = 0x14;  // channel 1 compare
inline constexpr uint32_t STATUS = 0x18;  // events since cleared; write 1 to clear
inline constexpr uint32_t IRQ_ENABLE = 0x1C;  // STATUS bits that raise the interrupt: the line is high while STATUS & IRQ_ENABLE
inline constexpr uint32_t OUTPUT = 0x20;  // bit n = 1: channel n drives its PWM output; 0: held low
inline constexpr uint32_t CTRL_ENABLE = 1u << 0;  // the counter runs
inline constexpr uint32_t CTRL_ONE_SHOT = 1u << 1;  // at the end of the period: stop (ENABLE clears), COUNT 0
inline constexpr uint32_t STATUS_UPDATE = 1u << 0;  // the counter wrapped from PERIOD-1 to 0 (or a one-shot ended)
inline constexpr uint32_t STATUS_CC0 = 1u << 1;  // the counter reached CMP0
inline constexpr uint32_t STATUS_CC1 = 1u << 2;  // the counter reached CMP1
inline constexpr int kChannelCount = 2;  // compare channels
inline constexpr uint32_t CMP(int channel) { return CMP0 + 4u * static_cast<uint32_t>(channel); }
inline constexpr uint32_t STATUS_CC(int channel) { return STATUS_CC0 << channel; }
}  // namespace timer

// Socket-offload network device (NET0).
namespace net {
inline constexpr uint32_t CMD = 0x00;  // write a command code: the command runs at once
inline constexpr uint32_t HANDLE = 0x04;  // operand: the socket
inline constexpr uint32_t ADDR = 0x08;  // operand: an IPv4 address (CONNECT, LISTEN) or a guest buffer address
inline constexpr uint32_t LENGTH = 0x0C;  // operand: a port (CONNECT; LISTEN: backlog << 16 | port) or a byte count
inline constexpr uint32_t RESULT = 0x10;  // the last command's result (signed)
inline constexpr uint32_t CTRL = 0x14;  // interrupt enable
inline constexpr uint32_t STATUS = 0x18;  // the state of socket HANDLE
inline constexpr uint32_t INFO = 0x1C;  // the number of sockets
inline constexpr uint32_t RD_WAIT = 0x20;  // 4 words: bit n of word n/32: wake me when socket n is readable
inline constexpr uint32_t WR_WAIT = 0x30;  // 4 words: bit n of word n/32: wake me when socket n is writable
inline constexpr uint32_t RD_READY = 0x40;  // 4 words: RD_WAIT & readable
inline constexpr uint32_t WR_READY = 0x50;  // 4 words: WR_WAIT & writable
inline constexpr uint32_t CMD_CONNECT = 1;  // ADDR, LENGTH = port -> a new handle (connecting)
inline constexpr uint32_t CMD_CONNECT_RESULT = 2;  // HANDLE -> 0 connected, -ERR_WOULD_BLOCK still connecting, or -error
inline constexpr uint32_t CMD_LISTEN = 3;  // ADDR (0: any), LENGTH = backlog << 16 | port (0: pick one) -> a handle
inline constexpr uint32_t CMD_ACCEPT = 4;  // HANDLE (a listener) -> a new handle, or -ERR_WOULD_BLOCK
inline constexpr uint32_t CMD_SEND = 5;  // HANDLE, ADDR, LENGTH -> bytes accepted (0 < n <= LENGTH) or -error
inline constexpr uint32_t CMD_RECV = 6;  // HANDLE, ADDR, LENGTH -> bytes read; 0 at end of stream
inline constexpr uint32_t CMD_SHUTDOWN = 7;  // HANDLE: no more sends; the peer reads end of stream after the data
inline constexpr uint32_t CMD_CLOSE = 8;  // HANDLE: gone; unsent data is still delivered (unread data: reset)
inline constexpr uint32_t CMD_PEER = 9;  // HANDLE -> 0; ADDR <- the peer's IPv4 address, LENGTH <- its port
inline constexpr uint32_t CMD_LOCAL_PORT = 10;  // HANDLE -> the socket's own port
inline constexpr uint32_t CTRL_IRQ = 1u << 0;  // the interrupt line is high while any RD_READY or WR_READY bit is set
inline constexpr uint32_t STATUS_OPEN = 1u << 0;  // the handle names a socket
inline constexpr uint32_t STATUS_LISTENING = 1u << 1;  // it is a listener
inline constexpr uint32_t STATUS_CONNECTED = 1u << 2;  // established (until reset)
inline constexpr uint32_t STATUS_READABLE = 1u << 3;  // data, end of stream, an error, or a connection to accept
inline constexpr uint32_t STATUS_WRITABLE = 1u << 4;  // send space, or an error (a connect finished)
inline constexpr uint32_t STATUS_PEER_CLOSED = 1u << 5;  // end of stream received
inline constexpr uint32_t STATUS_ERROR = 1u << 6;  // refused or reset: the next command says which
inline constexpr int kSocketCount = 128;  // sockets (handles 0 .. 127)
inline constexpr int kMaskWords = 4;  // words in RD_WAIT, WR_WAIT, RD_READY, WR_READY (one bit per socket)
inline constexpr int32_t ERR_WOULD_BLOCK = 1;  // try again when the socket is ready
inline constexpr int32_t ERR_REFUSED = 2;  // no listener at that address, or its backlog is full
inline constexpr int32_t ERR_RESET = 3;  // the connection was reset (by the peer or a fault)
inline constexpr int32_t ERR_ADDRESS_IN_USE = 4;  // another socket listens there
inline constexpr int32_t ERR_NOT_CONNECTED = 5;  // the socket is not a connection (or not yet)
inline constexpr int32_t ERR_SHUT_DOWN = 6;  // send after SHUTDOWN
inline constexpr int32_t ERR_NO_SOCKETS = 7;  // all kSocketCount handles are in use
inline constexpr int32_t ERR_BAD_HANDLE = 8;  // HANDLE names no open socket
inline constexpr int32_t ERR_FAULT = 9;  // the buffer at ADDR is not all RAM
inline constexpr int32_t ERR_UNREACHABLE = 10;  // no route to that address
inline constexpr int32_t ERR_INVALID = 11;  // a bad command or operand
static_assert(kMaskWords * 32 == kSocketCount, "one RD_WAIT/WR_WAIT bit per socket");
}  // namespace net

// Trace port (TRACE).
namespace trace {
inline constexpr uint32_t CTRL = 0x00;  // set by the simulator
inline constexpr uint32_t TASK = 0x04;  // the task the next EVENT is about (its id: a TaskNode address)
inline constexpr uint32_t NAME = 0x08;  // the address of TASK's NUL-terminated name, taken by the next EVENT
inline constexpr uint32_t EVENT = 0x0C;  // commits one event: code | state << 8 | waits-on << 16
inline constexpr uint32_t WAKER = 0x10;  // the task that woke TASK (its id; 0: none, e.g. I/O readiness), taken by the next EVENT with code WOKE
inline constexpr uint32_t FRAMES = 0x14;  // the bytes TASK holds in the frame pool (its record and coroutine frames), taken by the next EVENT with code SUSPENDED
inline constexpr uint32_t DUE = 0x18;  // when TASK, going to sleep, is due (milliseconds of the board's time base), taken by the next EVENT with code SUSPENDED and waits-on SLEEP
inline constexpr uint32_t RING = 0x1C;  // the address of the firmware's trace ring (asyncio::TraceRing: magic, size, task layout, head, words), written once at start-up; 0: none
inline constexpr uint32_t CTRL_ENABLED = 1u << 0;  // the simulator takes task events; read once at start-up; while clear, writes are dropped
inline constexpr uint32_t EVENT_CODE_SHIFT = 0;  // what happened, as asyncio::TraceEvent (bits 7:0)
inline constexpr uint32_t EVENT_CREATED = 0;
inline constexpr uint32_t EVENT_RESUMED = 1;
inline constexpr uint32_t EVENT_SUSPENDED = 2;
inline constexpr uint32_t EVENT_FINISHED = 3;
inline constexpr uint32_t EVENT_INTERRUPT_WOKE = 4;
inline constexpr uint32_t EVENT_WOKE = 5;
inline constexpr uint32_t EVENT_STATE_SHIFT = 8;  // the task's state after the event, as asyncio::TaskState (bits 15:8)
inline constexpr uint32_t STATE_READY = 0;
inline constexpr uint32_t STATE_RUNNING = 1;
inline constexpr uint32_t STATE_SLEEPING = 2;
inline constexpr uint32_t STATE_WAITING = 3;
inline constexpr uint32_t STATE_DONE = 4;
inline constexpr uint32_t STATE_FAILED = 5;
inline constexpr uint32_t STATE_CANCELLED = 6;
inline constexpr uint32_t EVENT_REASON_SHIFT = 16;  // what it waits on, as asyncio::WaitReason (bits 23:16)
inline constexpr uint32_t REASON_NONE = 0;
inline constexpr uint32_t REASON_SLEEP = 1;
inline constexpr uint32_t REASON_EVENT = 2;
inline constexpr uint32_t REASON_LOCK = 3;
inline constexpr uint32_t REASON_FLAG = 4;
inline constexpr uint32_t REASON_STREAM = 5;
inline constexpr uint32_t REASON_TASK = 6;
inline constexpr uint32_t REASON_WAIT_FOR = 7;
inline constexpr uint32_t REASON_GATHER = 8;
}  // namespace trace

// Simulator control (SIMCTL).
namespace simctl {
inline constexpr uint32_t EXIT = 0x00;  // write the exit status: the simulation stops
inline constexpr uint32_t MARK = 0x04;  // write any id: the simulator records (id, instruction count, time)
inline constexpr uint32_t UNHANDLED = 0x08;  // the startup code writes the exception number of an interrupt that has no handler
inline constexpr uint32_t TERMINATE = 0x0C;  // the startup code's std::terminate handler writes the address of a NUL-terminated description of the uncaught exception: a firmware fault
}  // namespace simctl

}  // namespace board
