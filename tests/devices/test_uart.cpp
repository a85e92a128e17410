// SPDX-License-Identifier: GPL-2.0-or-later
#include <catch2/catch.hpp>

#include <vector>

#include "board/registers.h"
#include "devices/uart.h"
#include "diagnostic_log.h"

using devices::Uart;
using devices::testing::DiagnosticLog;
namespace uart = board::uart;

namespace {
uint32_t rd(Uart& u, uint32_t offset) { return u.registers().read(offset, 4); }
void wr(Uart& u, uint32_t offset, uint32_t value) { u.registers().write(offset, 4, value); }
}  // namespace

TEST_CASE("a DATA write transmits its low byte to every observer", "[uart]") {
  Uart u("UART0");
  std::vector<uint8_t> first, second;
  u.on_transmit([&first](uint8_t b) { first.push_back(b); });
  u.on_transmit([&second](uint8_t b) { second.push_back(b); });
  wr(u, uart::DATA, 'h');
  wr(u, uart::DATA, 0x1'69);  // only the low 8 bits leave
  CHECK(first == std::vector<uint8_t>{'h', 'i'});
  CHECK(second == first);
}

TEST_CASE("STATUS: TX always ready, RX available only while a byte waits", "[uart]") {
  Uart u("UART0");
  CHECK(rd(u, uart::STATUS) == uart::STATUS_TX_READY);
  u.receive('x');
  CHECK(rd(u, uart::STATUS) == (uart::STATUS_TX_READY | uart::STATUS_RX_AVAILABLE));
  CHECK(rd(u, uart::DATA) == 'x');
  CHECK(rd(u, uart::STATUS) == uart::STATUS_TX_READY);
}

TEST_CASE("DATA reads pop received bytes oldest first", "[uart]") {
  Uart u("UART0");
  u.receive('a');
  u.receive('b');
  u.receive('c');
  CHECK(u.rx_pending() == 3);
  CHECK(rd(u, uart::DATA) == 'a');
  CHECK(rd(u, uart::DATA) == 'b');
  CHECK(u.rx_pending() == 1);
  CHECK(rd(u, uart::DATA) == 'c');
  CHECK(u.rx_pending() == 0);
}

TEST_CASE("reading DATA with nothing received returns 0 and is reported", "[uart]") {
  Uart u("UART0");
  DiagnosticLog log;
  log.attach(u.registers());
  CHECK(rd(u, uart::DATA) == 0);
  REQUIRE(log.lines.size() == 1);
  CHECK(log.lines[0] == "UART0: read of DATA with no received byte returns 0");
}

TEST_CASE("the RX IRQ is high only while enabled and a byte waits", "[uart]") {
  Uart u("UART0");
  u.receive('1');
  CHECK_FALSE(u.irq().level());  // not enabled
  wr(u, uart::CTRL, uart::CTRL_RX_IRQ);
  CHECK(rd(u, uart::CTRL) == uart::CTRL_RX_IRQ);
  CHECK(u.irq().level());  // enabling with a byte waiting raises it
  u.receive('2');
  CHECK(rd(u, uart::DATA) == '1');
  CHECK(u.irq().level());  // one still waits
  CHECK(rd(u, uart::DATA) == '2');
  CHECK_FALSE(u.irq().level());
  u.receive('3');
  CHECK(u.irq().level());
  wr(u, uart::CTRL, 0);
  CHECK_FALSE(u.irq().level());
}

TEST_CASE("CTRL keeps only its defined bits", "[uart]") {
  Uart u("UART0");
  wr(u, uart::CTRL, 0xFFFF'FFFF);
  CHECK(rd(u, uart::CTRL) == (uart::CTRL_RX_IRQ | uart::CTRL_TX_IRQ));
}

TEST_CASE("the TX-empty IRQ is high while enabled, since the transmitter never holds a byte", "[uart]") {
  Uart u("UART0");
  std::vector<uint8_t> sent;
  u.on_transmit([&sent](uint8_t b) { sent.push_back(b); });
  CHECK_FALSE(u.irq().level());
  wr(u, uart::CTRL, uart::CTRL_TX_IRQ);
  CHECK(u.irq().level());  // ready for a byte at once
  wr(u, uart::DATA, 'a');
  CHECK(u.irq().level());  // and again right after it: TX is instantaneous
  CHECK(sent == std::vector<uint8_t>{'a'});
  wr(u, uart::CTRL, 0);    // a driver with nothing more to send turns it off
  CHECK_FALSE(u.irq().level());
}

TEST_CASE("RX and TX interrupts share the line: either keeps it high", "[uart]") {
  Uart u("UART0");
  wr(u, uart::CTRL, uart::CTRL_RX_IRQ | uart::CTRL_TX_IRQ);
  CHECK(u.irq().level());
  wr(u, uart::CTRL, uart::CTRL_RX_IRQ);
  CHECK_FALSE(u.irq().level());  // nothing received
  u.receive('x');
  CHECK(u.irq().level());
  wr(u, uart::CTRL, uart::CTRL_TX_IRQ);
  CHECK(u.irq().level());
  CHECK(rd(u, uart::DATA) == 'x');
  CHECK(u.irq().level());  // TX still wants a byte
}

TEST_CASE("a full RX FIFO drops and counts further bytes, keeping the 64 oldest", "[uart]") {
  Uart u("UART0");
  DiagnosticLog log;
  log.attach(u.registers());
  for (int i = 0; i < 66; ++i) u.receive(static_cast<uint8_t>(i));
  CHECK(u.rx_pending() == 64);
  CHECK(u.rx_overruns() == 2);
  REQUIRE(log.lines.size() == 2);
  CHECK(log.lines[0] == "UART0: receive FIFO full (64 bytes), byte 0x40 dropped");
  for (int i = 0; i < 64; ++i) REQUIRE(rd(u, uart::DATA) == static_cast<uint32_t>(i));
  u.receive(0x99);  // room again
  CHECK(u.rx_pending() == 1);
  CHECK(u.rx_overruns() == 2);
}

TEST_CASE("STATUS is read-only and the window past CTRL unmapped, reported with the UART's name", "[uart]") {
  Uart u("UART0");
  DiagnosticLog log;
  log.attach(u.registers());
  wr(u, uart::STATUS, 0);
  rd(u, 0x0C);
  REQUIRE(log.lines.size() == 2);
  CHECK(log.lines[0] == "UART0: write of 0x0 to read-only register STATUS (0x04) ignored");
  CHECK(log.lines[1] == "UART0: read of reserved offset 0x0C returns 0");
}
