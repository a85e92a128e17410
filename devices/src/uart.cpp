// SPDX-License-Identifier: GPL-2.0-or-later
#include "devices/uart.h"

#include <fmt/format.h>

#include "board/registers.h"

namespace devices {

Uart::Uart(std::string name)
    : name_(std::move(name)),
      registers_(name_, {
          {board::uart::DATA, "DATA", [this] { return read_data(); },
           [this](uint32_t v) { write_data(v); }},
          {board::uart::STATUS, "STATUS", [this] { return status(); }, nullptr},
          {board::uart::CTRL, "CTRL", [this] { return ctrl_; },
           [this](uint32_t v) {
             ctrl_ = v & (board::uart::CTRL_RX_IRQ | board::uart::CTRL_TX_IRQ);
             update_irq();
           }},
      }, board::definition::table(board::definition::kUartRegisters)) {}

void Uart::on_transmit(std::function<void(uint8_t)> observer) {
  transmit_observers_.push_back(std::move(observer));
}

void Uart::receive(uint8_t byte) {
  if (rx_fifo_.size() >= kRxFifoDepth) {
    ++rx_overruns_;
    registers_.report(fmt::format("receive FIFO full ({} bytes), byte 0x{:02X} dropped", kRxFifoDepth, byte));
    return;
  }
  rx_fifo_.push_back(byte);
  update_irq();
}

uint32_t Uart::read_data() {
  if (rx_fifo_.empty()) {
    registers_.report("read of DATA with no received byte returns 0");
    return 0;
  }
  uint8_t byte = rx_fifo_.front();
  rx_fifo_.pop_front();
  update_irq();
  return byte;
}

void Uart::write_data(uint32_t value) {
  auto byte = static_cast<uint8_t>(value & 0xFF);
  for (size_t i = 0; i < transmit_observers_.size(); ++i) {
    auto observer = transmit_observers_[i];  // copy: an observer may add observers
    observer(byte);
  }
}

uint32_t Uart::status() const {
  uint32_t s = board::uart::STATUS_TX_READY;
  if (!rx_fifo_.empty()) s |= board::uart::STATUS_RX_AVAILABLE;
  return s;
}

void Uart::update_irq() {
  bool rx = (ctrl_ & board::uart::CTRL_RX_IRQ) != 0 && !rx_fifo_.empty();
  bool tx = (ctrl_ & board::uart::CTRL_TX_IRQ) != 0 && (status() & board::uart::STATUS_TX_READY) != 0;
  irq_.drive(rx || tx);
}

}  // namespace devices
