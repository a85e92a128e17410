// SPDX-License-Identifier: MIT
// machine::UART on UART0: the receive interrupt moves bytes from the UART's FIFO into a ring
// buffer and sets the reader's ThreadSafeFlag; read() and readline() take from the buffer in task
// context and wait on the flag when it runs dry.
#include "machine/uart.h"

#include <atomic>
#include <stdexcept>

#include "board/memory_map.h"
#include "board/registers.h"

namespace machine {

namespace {

volatile uint32_t& uart(uint32_t offset) { return *reinterpret_cast<volatile uint32_t*>(board::kUart0Base + offset); }
volatile uint32_t* nvic(uint32_t offset) { return reinterpret_cast<volatile uint32_t*>(board::kScsBase + offset); }

// One producer (the interrupt handler moves head) and one consumer (a task moves tail); both
// count freely and wrap, so head - tail is the number of bytes waiting.
uint8_t g_buffer[UART::kBufferSize];
std::atomic<uint32_t> g_head{0};
std::atomic<uint32_t> g_tail{0};
std::atomic<uint32_t> g_overruns{0};
std::atomic<asyncio::ThreadSafeFlag*> g_reader{nullptr};

}  // namespace

UART::UART(int id, uint32_t /*baudrate*/) {
  if (id != 0) throw std::invalid_argument("UART: the board has UART 0 only");
  g_reader.store(&received_, std::memory_order_release);
  uart(board::uart::CTRL) = uart(board::uart::CTRL) | board::uart::CTRL_RX_IRQ;
  nvic(board::scs::NVIC_ISER)[board::kUart0Irq / 32] = 1u << (board::kUart0Irq % 32);
}

UART::~UART() {
  uart(board::uart::CTRL) = uart(board::uart::CTRL) & ~board::uart::CTRL_RX_IRQ;
  nvic(board::scs::NVIC_ICER)[board::kUart0Irq / 32] = 1u << (board::kUart0Irq % 32);
  g_reader.store(nullptr, std::memory_order_release);
}

size_t UART::any() const {
  return g_head.load(std::memory_order_acquire) - g_tail.load(std::memory_order_relaxed);
}

uint32_t UART::overruns() const { return g_overruns.load(std::memory_order_relaxed); }

// Appends waiting bytes to `out`: up to n of them, and (through_newline) stopping after a '\n'.
// Returns how many it took.
size_t UART::take(std::string& out, size_t n, bool through_newline) {
  uint32_t head = g_head.load(std::memory_order_acquire);
  uint32_t tail = g_tail.load(std::memory_order_relaxed);
  size_t taken = 0;
  while (tail != head && taken < n) {
    char c = static_cast<char>(g_buffer[tail % kBufferSize]);
    ++tail;
    ++taken;
    out.push_back(c);
    if (through_newline && c == '\n') break;
  }
  g_tail.store(tail, std::memory_order_release);
  return taken;
}

asyncio::Coro<std::string> UART::read(size_t n) {
  std::string out;
  if (n == 0) co_return out;
  // A set() left over from bytes already taken only costs one more look.
  while (take(out, n, false) == 0) co_await received_.wait();
  co_return out;
}

asyncio::Coro<std::string> UART::readline() {
  std::string line;
  for (;;) {
    take(line, kLineLimit - line.size(), true);
    if ((!line.empty() && line.back() == '\n') || line.size() >= kLineLimit) co_return line;
    co_await received_.wait();
  }
}

void UART::write(std::string_view data) {
  for (char c : data) {
    while (!(uart(board::uart::STATUS) & board::uart::STATUS_TX_READY)) {
    }
    uart(board::uart::DATA) = static_cast<uint8_t>(c);
  }
}

}  // namespace machine

// Interrupt context: drain the UART's FIFO into the buffer, then wake the reader.
extern "C" void UART0_IRQHandler() {
  using namespace machine;
  uint32_t head = g_head.load(std::memory_order_relaxed);
  while (uart(board::uart::STATUS) & board::uart::STATUS_RX_AVAILABLE) {
    auto byte = static_cast<uint8_t>(uart(board::uart::DATA));
    if (head - g_tail.load(std::memory_order_acquire) < UART::kBufferSize) {
      g_buffer[head % UART::kBufferSize] = byte;
      ++head;
    } else {
      g_overruns.fetch_add(1, std::memory_order_relaxed);
    }
  }
  g_head.store(head, std::memory_order_release);
  if (asyncio::ThreadSafeFlag* reader = g_reader.load(std::memory_order_acquire)) reader->set();
}
