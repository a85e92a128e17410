// SPDX-License-Identifier: GPL-2.0-or-later
// A scenario's TCP client on the virtual network: connects to the board from the peer address,
// queues what the scenario sends (pushing it out as the board's window allows) and keeps what the
// board sends for tcp-expect to match.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "devices/virtual_network.h"

namespace sim {

class TcpPeer {
 public:
  static constexpr size_t kReceiveLimit = 1 << 20;  // beyond this the peer stops reading (the board's sends block)

  // Connects at once; `on_change` runs (from the clock) whenever the peer's state or data changed.
  TcpPeer(std::string name, devices::VirtualNetwork& network, devices::EventScheduler& clock,
          devices::SocketAddress to, std::function<void()> on_change);
  ~TcpPeer();  // closes the connection (gracefully) if still open
  TcpPeer(const TcpPeer&) = delete;
  TcpPeer& operator=(const TcpPeer&) = delete;

  const std::string& name() const { return name_; }
  devices::SocketId socket() const { return socket_; }
  bool connecting() const { return network_.status(socket_).connecting; }
  bool connected() const { return network_.status(socket_).connected; }
  devices::NetError error() const { return error_; }  // Refused or Reset once it happened
  bool eof() const { return eof_; }                    // the board closed its side (after all data)

  void send(const std::string& bytes);  // queued; leaves as the window allows
  void shutdown();                      // after the queued bytes: the board reads end of stream
  void close();                         // after the queued bytes, gracefully
  void reset();                         // abortive: the board's next call fails with a reset
  const std::string& received() const { return received_; }  // everything received so far
  size_t unsent() const { return outgoing_.size(); }

 private:
  void schedule_pump();
  void pump();

  std::string name_;
  devices::VirtualNetwork& network_;
  devices::EventScheduler& clock_;
  std::function<void()> on_change_;
  devices::SocketId socket_ = 0;
  devices::EventId pump_event_ = devices::kNoEvent;
  std::string outgoing_;
  std::string received_;
  bool shutdown_requested_ = false;
  bool close_requested_ = false;
  bool closed_ = false;
  bool eof_ = false;
  devices::NetError error_ = devices::NetError::None;
};

}  // namespace sim
