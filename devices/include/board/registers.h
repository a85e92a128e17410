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
inline constexpr uint32_t ALT = 0x2C;         // 1 = the pin is driven by its alternate function (a timer's PWM channel)
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
inline constexpr uint32_t CTRL_TX_IRQ = 1u << 1;  // IRQ line high while the transmitter can take a byte (TX empty)
}  // namespace uart

// Timebase: free-running microsecond counter since reset, one compare channel.
namespace timebase {
inline constexpr uint32_t COUNT_LO = 0x00;  // reading COUNT_LO latches COUNT_HI for a tear-free 64-bit read
inline constexpr uint32_t COUNT_HI = 0x04;
inline constexpr uint32_t CMP_LO = 0x08;
inline constexpr uint32_t CMP_HI = 0x0C;    // writing CMP_HI arms the compare with {CMP_HI, CMP_LO}
inline constexpr uint32_t CTRL = 0x10;
inline constexpr uint32_t STATUS = 0x14;    // write 1 to clear
inline constexpr uint32_t COUNT_MS = 0x18;  // milliseconds since reset, 32 bits (wraps after 49.7 days)
inline constexpr uint32_t CTRL_IRQ = 1u << 0;      // IRQ line high while STATUS_MATCH is set
inline constexpr uint32_t STATUS_MATCH = 1u << 0;  // set when COUNT >= compare while armed (at once if already past)
}  // namespace timebase

// NET0: a socket-offload TCP device in the spirit of WIZnet's chips -- the TCP/IP stack lives in
// the device (the simulator's virtual network), firmware drives sockets by command. A command takes
// its operands from HANDLE, ADDR and LENGTH, runs when CMD is written, and leaves its result in
// RESULT: >= 0 on success (a handle, a byte count, a port), -ERR_* on failure. SEND and RECV copy
// between the network and the guest buffer at ADDR (the device masters the bus, like DMA).
// Readiness is level-triggered: firmware sets a socket's bit in RD_WAIT / WR_WAIT, and the
// device's IRQ line is high (while CTRL_IRQ) as long as any RD_READY / WR_READY bit is set, where
// RD_READY = RD_WAIT & readable and WR_READY = WR_WAIT & writable.
namespace net {
inline constexpr uint32_t CMD = 0x00;       // write a CMD_* code: runs the command
inline constexpr uint32_t HANDLE = 0x04;    // operand: the socket
inline constexpr uint32_t ADDR = 0x08;      // operand: IPv4 address (CONNECT, LISTEN) or guest buffer address
inline constexpr uint32_t LENGTH = 0x0C;    // operand: port (CONNECT; LISTEN: backlog << 16 | port) or byte count
inline constexpr uint32_t RESULT = 0x10;    // the last command's result (signed)
inline constexpr uint32_t CTRL = 0x14;      // CTRL_IRQ
inline constexpr uint32_t STATUS = 0x18;    // STATUS_* of socket HANDLE (read)
inline constexpr uint32_t INFO = 0x1C;      // read: number of sockets
inline constexpr uint32_t RD_WAIT = 0x20;   // 4 words, bit n of word n/32: wake me when socket n is readable
inline constexpr uint32_t WR_WAIT = 0x30;   // 4 words: ... when socket n is writable
inline constexpr uint32_t RD_READY = 0x40;  // 4 words, read-only: RD_WAIT & readable
inline constexpr uint32_t WR_READY = 0x50;  // 4 words, read-only: WR_WAIT & writable
inline constexpr int kSocketCount = 128;
inline constexpr int kMaskWords = kSocketCount / 32;

inline constexpr uint32_t CTRL_IRQ = 1u << 0;

inline constexpr uint32_t CMD_CONNECT = 1;     // ADDR, LENGTH = port -> new handle (connecting)
inline constexpr uint32_t CMD_CONNECT_RESULT = 2;  // HANDLE -> 0 connected, -ERR_WOULD_BLOCK still connecting, -error
inline constexpr uint32_t CMD_LISTEN = 3;      // ADDR (0: any), LENGTH = backlog << 16 | port (0: pick one) -> handle
inline constexpr uint32_t CMD_ACCEPT = 4;      // HANDLE (listener) -> new handle, or -ERR_WOULD_BLOCK
inline constexpr uint32_t CMD_SEND = 5;        // HANDLE, ADDR, LENGTH -> bytes accepted (0 < n <= LENGTH) or -error
inline constexpr uint32_t CMD_RECV = 6;        // HANDLE, ADDR, LENGTH -> bytes read; 0 at end of stream
inline constexpr uint32_t CMD_SHUTDOWN = 7;    // HANDLE: no more sends; the peer reads end of stream after the data
inline constexpr uint32_t CMD_CLOSE = 8;       // HANDLE: gone; unsent data is still delivered (unread data: reset)
inline constexpr uint32_t CMD_PEER = 9;        // HANDLE -> 0; ADDR <- the peer's IPv4 address, LENGTH <- its port
inline constexpr uint32_t CMD_LOCAL_PORT = 10; // HANDLE -> the socket's own port

inline constexpr uint32_t STATUS_OPEN = 1u << 0;        // the handle names a socket
inline constexpr uint32_t STATUS_LISTENING = 1u << 1;
inline constexpr uint32_t STATUS_CONNECTED = 1u << 2;   // established (until reset)
inline constexpr uint32_t STATUS_READABLE = 1u << 3;    // data, end of stream, an error, or a connection to accept
inline constexpr uint32_t STATUS_WRITABLE = 1u << 4;    // send space, or an error (connect finished)
inline constexpr uint32_t STATUS_PEER_CLOSED = 1u << 5; // end of stream received
inline constexpr uint32_t STATUS_ERROR = 1u << 6;       // refused or reset: the next command says which

// Error codes, returned negated in RESULT. The board port maps them to errno.
inline constexpr int32_t ERR_WOULD_BLOCK = 1;   // try again when the socket is ready
inline constexpr int32_t ERR_REFUSED = 2;       // no listener at that address, or its backlog is full
inline constexpr int32_t ERR_RESET = 3;         // the connection was reset (by the peer or a fault)
inline constexpr int32_t ERR_ADDRESS_IN_USE = 4;
inline constexpr int32_t ERR_NOT_CONNECTED = 5; // the socket is not a connection (or not yet)
inline constexpr int32_t ERR_SHUT_DOWN = 6;     // send after SHUTDOWN
inline constexpr int32_t ERR_NO_SOCKETS = 7;    // all kSocketCount handles are in use
inline constexpr int32_t ERR_BAD_HANDLE = 8;    // HANDLE names no open socket
inline constexpr int32_t ERR_FAULT = 9;         // the buffer at ADDR is not all RAM
inline constexpr int32_t ERR_UNREACHABLE = 10;  // no route to that address
inline constexpr int32_t ERR_INVALID = 11;      // a bad command or operand
}  // namespace net

// Trace port: the runtime's trace hook reports task events here, in the spirit of ARM's ITM
// stimulus ports -- a store or two per event, no handshake; the simulator timestamps each event.
// The codes below are the wire format and equal asyncio's enums (the board port checks that).
namespace trace {
inline constexpr uint32_t CTRL = 0x00;   // read-only: CTRL_ENABLED when the simulator takes task events
inline constexpr uint32_t TASK = 0x04;   // write-only: the task the next EVENT is about (its id: a TaskNode address)
inline constexpr uint32_t NAME = 0x08;   // write-only: address of TASK's NUL-terminated name, taken by the next EVENT
inline constexpr uint32_t EVENT = 0x0C;  // write-only: commits one event: code | state << 8 | waits-on << 16
inline constexpr uint32_t CTRL_ENABLED = 1u << 0;  // read once at start-up; while clear, writes are dropped
inline constexpr uint32_t EVENT_STATE_SHIFT = 8;
inline constexpr uint32_t EVENT_REASON_SHIFT = 16;
// Event codes (EVENT bits 7:0), as asyncio::TraceEvent.
inline constexpr uint32_t EVENT_CREATED = 0;
inline constexpr uint32_t EVENT_RESUMED = 1;
inline constexpr uint32_t EVENT_SUSPENDED = 2;
inline constexpr uint32_t EVENT_FINISHED = 3;
inline constexpr uint32_t EVENT_INTERRUPT_WOKE = 4;
// The task's state after the event (EVENT bits 15:8), as asyncio::TaskState.
inline constexpr uint32_t STATE_READY = 0;
inline constexpr uint32_t STATE_RUNNING = 1;
inline constexpr uint32_t STATE_SLEEPING = 2;
inline constexpr uint32_t STATE_WAITING = 3;
inline constexpr uint32_t STATE_DONE = 4;
inline constexpr uint32_t STATE_FAILED = 5;
inline constexpr uint32_t STATE_CANCELLED = 6;
// What it waits on (EVENT bits 23:16), as asyncio::WaitReason.
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

// General-purpose timer (TIMER0, TIMER1): a 16-bit up-counter clocked at kTimerClockHz / (PRESCALER + 1)
// that counts 0 .. PERIOD-1 and wraps (the update event), and two compare channels. Each channel's
// output is high while COUNT < CMPn (PWM, duty CMPn / PERIOD) and reaches a pin through gpio::ALT.
namespace timer {
inline constexpr uint32_t CTRL = 0x00;        // bits below
inline constexpr uint32_t PRESCALER = 0x04;   // 16 bits: the counter ticks every PRESCALER + 1 input clocks
inline constexpr uint32_t PERIOD = 0x08;      // 16 bits: ticks per period; 0 holds the counter
inline constexpr uint32_t COUNT = 0x0C;       // the counter; a write moves it
inline constexpr uint32_t CMP0 = 0x10;        // channel 0 compare (16 bits)
inline constexpr uint32_t CMP1 = 0x14;        // channel 1 compare
inline constexpr uint32_t STATUS = 0x18;      // events (bits below); write 1 to clear
inline constexpr uint32_t IRQ_ENABLE = 0x1C;  // the IRQ line is high while STATUS & IRQ_ENABLE
inline constexpr uint32_t OUTPUT = 0x20;      // bit n = 1: channel n drives its PWM output; 0: held low
inline constexpr uint32_t CTRL_ENABLE = 1u << 0;    // the counter runs
inline constexpr uint32_t CTRL_ONE_SHOT = 1u << 1;  // at the end of the period: stop (ENABLE clears), COUNT 0
inline constexpr uint32_t STATUS_UPDATE = 1u << 0;  // the counter wrapped from PERIOD-1 to 0 (or a one-shot ended)
inline constexpr uint32_t STATUS_CC0 = 1u << 1;     // the counter reached CMP0
inline constexpr uint32_t STATUS_CC1 = 1u << 2;     // the counter reached CMP1
inline constexpr int kChannelCount = 2;
inline constexpr uint32_t CMP(int channel) { return CMP0 + 4u * static_cast<uint32_t>(channel); }
inline constexpr uint32_t STATUS_CC(int channel) { return STATUS_CC0 << channel; }
}  // namespace timer

// Simulator control: lets firmware end the run and mark instants for benchmarks.
namespace simctl {
inline constexpr uint32_t EXIT = 0x00;  // write the exit status: the simulation stops
inline constexpr uint32_t MARK = 0x04;  // write any id: the simulator records (id, instruction count, time)
inline constexpr uint32_t UNHANDLED = 0x08;  // the startup code writes the exception number of an interrupt that has no handler
}  // namespace simctl

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
