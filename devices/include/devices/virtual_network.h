// SPDX-License-Identifier: GPL-2.0-or-later
// The virtual network: TCP connections between the board, scenario peers and host clients, carried
// in virtual time. The board's network device, the scenario engine and the host bridge each own
// sockets here; none of them moves bytes itself.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "devices/event_scheduler.h"

namespace devices {

struct SocketAddress {
  uint32_t ip = 0;  // IPv4, host byte order; 0 = any (listen)
  uint16_t port = 0;
  std::string to_string() const;  // "10.0.0.2:80"
  bool operator==(const SocketAddress&) const = default;
};

// Errors, with the numbers the network device reports (board::net::ERR_*).
enum class NetError : int32_t {
  None = 0,
  WouldBlock = 1,
  Refused = 2,
  Reset = 3,
  AddressInUse = 4,
  NotConnected = 5,
  ShutDown = 6,
  NoSockets = 7,
  BadHandle = 8,
  Fault = 9,
  Unreachable = 10,
  Invalid = 11,
};
const char* to_string(NetError e);

// A call's outcome: a value (a socket id, a byte count) or an error.
struct NetResult {
  int64_t value = 0;
  NetError error = NetError::None;
  bool ok() const { return error == NetError::None; }
  static NetResult fail(NetError e) { return {0, e}; }
};

using SocketId = uint64_t;  // never reused within a network's life, so a stale id is just unknown

// What a socket's owner reads to decide whether to act (level-triggered, like poll()).
struct SocketStatus {
  bool open = false;        // the id names a socket its owner has not closed
  bool listening = false;
  bool connecting = false;
  bool connected = false;   // established, and not reset
  bool readable = false;    // recv/accept would not block: data, end of stream, an error, a pending connection
  bool writable = false;    // send would not block: buffer space, or an error to report
  bool peer_closed = false; // end of stream received (after any data still buffered)
  NetError error = NetError::None;  // Refused or Reset, once it happened
};

// One connection's state for tools (the dashboard's network panel, reports).
struct ConnectionInfo {
  SocketId id;
  SocketAddress local, remote;
  std::string state;  // "connecting", "established", "closing", "closed", "reset", "refused"
  uint64_t bytes_sent = 0, bytes_received = 0;
};

// Timing and buffers, for every connection.
struct LinkConfig {
  Nanoseconds latency_ns = 20'000;      // one way; a connect takes two of these
  uint64_t bytes_per_second = 0;        // each direction's serialization rate; 0: unlimited
  uint32_t buffer_bytes = 4096;         // each side's send buffer and receive window
};

// TCP semantics modelled: listen with a backlog, connect (refused when nobody listens or the
// backlog is full), in-order reliable delivery after latency and serialization, flow control (a
// sender stops when the receiver's window is full: a firmware that never reads bounds memory),
// half-close (shutdown: the peer reads end of stream after the data), close (graceful; with unread
// data, or when data reaches a closed socket: reset, as Linux does), and reset. Faults injected by
// scenarios: reset a connection, stall it for a while, refuse the next connects to a port.
//
//   connection (one side):
//     connect ──► connecting ──(2 x latency)──► established ──close/FIN both ways──► gone
//                    │ refused                      │ reset (either side, or a fault)
//                    ▼                              ▼
//                 error: Refused                 error: Reset (unread data dropped)
//
// Every change to a socket's readiness calls its owner's observer (in virtual time, from the
// scheduler); the observer only notes it -- it must not call back into the network.
class VirtualNetwork {
 public:
  using Observer = std::function<void()>;

  explicit VirtualNetwork(EventScheduler& clock, LinkConfig config = {});
  ~VirtualNetwork();
  VirtualNetwork(const VirtualNetwork&) = delete;
  VirtualNetwork& operator=(const VirtualNetwork&) = delete;

  const LinkConfig& config() const { return config_; }
  void set_config(const LinkConfig& config) { config_ = config; }

  // `host` is the address the caller lives at (board::kNetBoardAddress for the board, the peer
  // address for scenario peers); a listener on ip 0 accepts on every address of its host, and the
  // board also answers its own connects to 127.0.0.1. Port 0 picks a free port from 49152.
  NetResult listen(uint32_t host, SocketAddress local, int backlog, Observer observer);
  NetResult connect(uint32_t host, SocketAddress remote, Observer observer);
  NetResult accept(SocketId listener, Observer observer);
  NetResult send(SocketId id, std::span<const uint8_t> data);
  NetResult recv(SocketId id, std::span<uint8_t> buffer);  // value 0: end of stream
  NetResult shutdown(SocketId id);
  void close(SocketId id);  // the owner lets go; the observer is never called again
  void reset(SocketId id);  // abortive close: the peer reads Reset
  SocketStatus status(SocketId id) const;
  SocketAddress local_address(SocketId id) const;
  SocketAddress peer_address(SocketId id) const;

  // Fault injection. A stalled connection moves no bytes (either way) until `until`.
  void stall(SocketId id, Nanoseconds until);
  // The next `count` connects to `port` (any address) are refused even if someone listens.
  void refuse_next(uint16_t port, int count);
  // Resets every established connection whose local or remote port is `port`; returns how many.
  int reset_port(uint16_t port);

  // Connections (one entry per side still open or draining), for tools.
  std::vector<ConnectionInfo> connections() const;
  size_t buffered_bytes() const;  // all bytes held in buffers and in flight: bounded by the windows

 private:
  struct Socket;
  Socket* find(SocketId id);
  const Socket* find(SocketId id) const;
  SocketId create(uint32_t host, Observer observer);
  uint16_t ephemeral_port(uint32_t host);
  Socket* find_listener(uint32_t from_host, SocketAddress to);
  void arrive_syn(SocketId client, SocketAddress from, SocketAddress to);
  void pump(SocketId from);
  void deliver_fin(SocketId to);
  void deliver_reset(SocketId to);
  void notify(Socket& s);
  void release_if_finished(SocketId id);
  void at(Nanoseconds when, std::function<void()> action);  // schedules, remembering the event

  EventScheduler& clock_;
  LinkConfig config_;
  std::map<SocketId, Socket> sockets_;  // ordered: iteration (tools, reset_port) is deterministic
  SocketId next_id_ = 1;
  uint16_t next_ephemeral_ = 49152;
  std::map<uint16_t, int> refusals_;
  std::set<EventId> scheduled_;  // events not yet run: cancelled if the network goes first
};

}  // namespace devices
