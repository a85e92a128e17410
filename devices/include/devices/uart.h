// SPDX-License-Identifier: GPL-2.0-or-later
// The board's byte-wide console UART: firmware writes bytes out through DATA and reads bytes that
// the simulator (a scenario, the terminal) feeds in through a 64-byte receive FIFO.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "devices/irq_line.h"
#include "devices/register_map.h"

namespace devices {

// Transmission is instantaneous (TX_READY is always set): the console is not what the timing
// experiments measure. Reception has a finite FIFO so that firmware which does not keep up loses
// bytes visibly (rx_overruns and a diagnostic) rather than silently.
//
// Interrupts (one line): CTRL_RX_IRQ -- high while a received byte waits; CTRL_TX_IRQ -- high while
// the transmitter can take a byte ("TX empty"). Since the transmitter never holds a byte, the TX
// interrupt is due as soon as it is enabled: firmware enables it only while it has bytes queued,
// as with any TX-empty interrupt.
class Uart {
 public:
  static constexpr size_t kRxFifoDepth = 64;

  explicit Uart(std::string name);
  // The register table captures `this`: the UART stays where it was built.
  Uart(const Uart&) = delete;
  Uart& operator=(const Uart&) = delete;

  const std::string& name() const { return name_; }
  RegisterMap& registers() { return registers_; }
  const RegisterMap& registers() const { return registers_; }
  // High while (CTRL_RX_IRQ and a received byte waits) or (CTRL_TX_IRQ and TX is ready).
  IrqLine& irq() { return irq_; }
  const IrqLine& irq() const { return irq_; }

  // Each byte firmware writes to DATA goes to every observer, in registration order.
  void on_transmit(std::function<void(uint8_t)> observer);
  // A byte arrives from outside; dropped (and counted) if the FIFO is full.
  void receive(uint8_t byte);
  size_t rx_pending() const { return rx_fifo_.size(); }
  size_t rx_overruns() const { return rx_overruns_; }

 private:
  uint32_t read_data();
  void write_data(uint32_t value);
  uint32_t status() const;
  void update_irq();

  std::string name_;
  std::deque<uint8_t> rx_fifo_;
  size_t rx_overruns_ = 0;
  uint32_t ctrl_ = 0;
  std::vector<std::function<void(uint8_t)>> transmit_observers_;
  IrqLine irq_;
  RegisterMap registers_;
};

}  // namespace devices
