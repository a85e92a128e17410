// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcp_peer.h"

#include <span>

#include "board/memory_map.h"

namespace sim {

TcpPeer::TcpPeer(std::string name, devices::VirtualNetwork& network, devices::EventScheduler& clock,
                 devices::SocketAddress to, std::function<void()> on_change)
    : name_(std::move(name)), network_(network), clock_(clock), on_change_(std::move(on_change)) {
  devices::NetResult r = network_.connect(board::kNetPeerAddress, to, [this] { schedule_pump(); });
  if (r.ok())
    socket_ = static_cast<devices::SocketId>(r.value);
  else
    error_ = r.error;
}

TcpPeer::~TcpPeer() {
  if (pump_event_ != devices::kNoEvent) clock_.cancel(pump_event_);
  if (!closed_ && socket_) network_.close(socket_);
}

// The network's observers must not call back into it: the work happens in an event of its own,
// at the same instant.
void TcpPeer::schedule_pump() {
  if (pump_event_ != devices::kNoEvent) return;
  pump_event_ = clock_.schedule_at(clock_.now_ns(), [this] {
    pump_event_ = devices::kNoEvent;
    pump();
  });
}

void TcpPeer::pump() {
  if (closed_ || !socket_) return;
  devices::SocketStatus st = network_.status(socket_);
  if (st.error != devices::NetError::None) error_ = st.error;
  uint8_t buffer[2048];
  while (received_.size() < kReceiveLimit) {
    size_t room = std::min(sizeof buffer, kReceiveLimit - received_.size());
    devices::NetResult r = network_.recv(socket_, std::span(buffer, room));
    if (!r.ok()) break;
    if (r.value == 0) {
      eof_ = true;
      break;
    }
    received_.append(reinterpret_cast<char*>(buffer), static_cast<size_t>(r.value));
  }
  while (!outgoing_.empty()) {
    devices::NetResult r =
        network_.send(socket_, std::span(reinterpret_cast<const uint8_t*>(outgoing_.data()), outgoing_.size()));
    if (!r.ok()) break;
    outgoing_.erase(0, static_cast<size_t>(r.value));
  }
  if (outgoing_.empty() && shutdown_requested_) {
    network_.shutdown(socket_);
    shutdown_requested_ = false;
  }
  if (outgoing_.empty() && close_requested_) {
    network_.close(socket_);
    closed_ = true;
  }
  if (on_change_) on_change_();  // connected, data, end of stream, an error: the scenario looks
}

void TcpPeer::send(const std::string& bytes) {
  outgoing_ += bytes;
  schedule_pump();
}

void TcpPeer::shutdown() {
  shutdown_requested_ = true;
  schedule_pump();
}

void TcpPeer::close() {
  close_requested_ = true;
  schedule_pump();
}

void TcpPeer::reset() {
  if (closed_ || !socket_) return;
  network_.reset(socket_);
  closed_ = true;
}

}  // namespace sim
