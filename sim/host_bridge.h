// SPDX-License-Identifier: GPL-2.0-or-later
// The host bridge: real TCP clients on this machine talk to the firmware, and the firmware may
// dial out to loopback services it was allowed. `--forward 8080:80` listens on 127.0.0.1:8080 and
// turns each client into a connection from the peer address (10.0.0.1) to the board's port 80;
// `--allow-connect 127.0.0.1:9000` lets a board connect to 127.0.0.1:9000 reach the real one.
// Everything listens and dials on loopback only.
//
// Bytes move between the real sockets and the virtual network in poll(), which the run loop calls
// between slices of virtual time; each direction holds at most one buffer's worth, so a slow side
// pushes back on the other (the same flow control the virtual network has).
#pragma once
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "devices/virtual_network.h"

namespace sim {

class BridgeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class HostBridge {
 public:
  explicit HostBridge(devices::VirtualNetwork& network);
  ~HostBridge();
  HostBridge(const HostBridge&) = delete;
  HostBridge& operator=(const HostBridge&) = delete;

  // "HOST_PORT:BOARD_PORT" (HOST_PORT 0: any free port). Returns the host port it listens on.
  // Throws BridgeError naming the problem (malformed, port in use).
  uint16_t forward(const std::string& spec);
  // "127.0.0.1:PORT" (or "localhost:PORT"): anything else is refused with BridgeError.
  void allow_connect(const std::string& spec);

  bool active() const { return !forwards_.empty() || !allowed_.empty(); }
  // Accepts, connects and copies what is ready, waiting up to `timeout_ms` for real I/O
  // (0: just look). Events for the board land at the virtual clock's current instant.
  void poll(int timeout_ms);
  // One line per event worth telling the user ("forward 127.0.0.1:8080 -> board:80: client 127.0.0.1:5123").
  std::vector<std::string> take_log();

 private:
  struct Forward;
  struct Relay;
  struct Outbound;
  void accept_clients(Forward& f);
  void accept_outbound(Outbound& o);
  bool pump(Relay& r);  // false when the relay is finished

  devices::VirtualNetwork& network_;
  std::vector<std::unique_ptr<Forward>> forwards_;
  std::vector<std::unique_ptr<Outbound>> allowed_;
  std::vector<std::unique_ptr<Relay>> relays_;
  std::vector<std::string> log_;
};

}  // namespace sim
