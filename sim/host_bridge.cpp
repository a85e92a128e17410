// SPDX-License-Identifier: GPL-2.0-or-later
#include "host_bridge.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <span>
#include <utility>

#include <fmt/format.h>

#include "board/memory_map.h"

namespace sim {

namespace {

// A port number from text, or -1.
long parse_port(const std::string& text, long min) {
  if (text.empty() || text.size() > 5 || text.find_first_not_of("0123456789") != std::string::npos) return -1;
  long v = std::stol(text);
  return v >= min && v <= 65535 ? v : -1;
}

sockaddr_in loopback(uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(port);
  return a;
}

void set_nonblocking(int fd) {
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

std::string peer_of(int fd) {
  sockaddr_in a{};
  socklen_t len = sizeof a;
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) return "?";
  char ip[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &a.sin_addr, ip, sizeof ip);
  return fmt::format("{}:{}", ip, ntohs(a.sin_port));
}

}  // namespace

struct HostBridge::Forward {
  int listener = -1;
  uint16_t host_port = 0, board_port = 0;
};

// A board connect that reaches an allowed loopback address lands on this virtual listener.
struct HostBridge::Outbound {
  devices::SocketId listener = 0;
  uint16_t port = 0;
};

// One real socket and one virtual socket, copying both ways.
struct HostBridge::Relay {
  int fd = -1;
  devices::SocketId socket = 0;
  std::string name;            // for the log
  std::string to_board;        // read from the real socket, not yet taken by the network
  std::string to_host;         // from the network, not yet written to the real socket
  bool host_eof = false;       // the real side closed its sending half
  bool board_eof = false;      // the board closed its sending half
  bool host_shut = false;      // we passed board_eof on (shutdown(SHUT_WR))
  bool board_shut = false;     // we passed host_eof on (network shutdown)
  bool failed = false;
};

HostBridge::HostBridge(devices::VirtualNetwork& network) : network_(network) {}

HostBridge::~HostBridge() {
  for (auto& r : relays_) {
    if (r->fd >= 0) ::close(r->fd);
    network_.close(r->socket);
  }
  for (auto& f : forwards_) ::close(f->listener);
  for (auto& o : allowed_) network_.close(o->listener);
}

uint16_t HostBridge::forward(const std::string& spec) {
  size_t colon = spec.find(':');
  long host_port = colon == std::string::npos ? -1 : parse_port(spec.substr(0, colon), 0);
  long board_port = colon == std::string::npos ? -1 : parse_port(spec.substr(colon + 1), 1);
  if (host_port < 0 || board_port < 0)
    throw BridgeError(fmt::format("--forward '{}': write HOST_PORT:BOARD_PORT, e.g. 8080:80 (HOST_PORT 0: any free port)", spec));
  auto f = std::make_unique<Forward>();
  f->board_port = static_cast<uint16_t>(board_port);
  f->listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(f->listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a = loopback(static_cast<uint16_t>(host_port));
  if (f->listener < 0 || bind(f->listener, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(f->listener, 64) != 0) {
    std::string why = strerror(errno);
    if (f->listener >= 0) ::close(f->listener);
    throw BridgeError(fmt::format("--forward '{}': cannot listen on 127.0.0.1:{}: {}", spec, host_port, why));
  }
  socklen_t len = sizeof a;
  getsockname(f->listener, reinterpret_cast<sockaddr*>(&a), &len);
  f->host_port = ntohs(a.sin_port);
  forwards_.push_back(std::move(f));
  return forwards_.back()->host_port;
}

void HostBridge::allow_connect(const std::string& spec) {
  size_t colon = spec.rfind(':');
  std::string host = colon == std::string::npos ? "" : spec.substr(0, colon);
  long port = colon == std::string::npos ? -1 : parse_port(spec.substr(colon + 1), 1);
  if ((host != "127.0.0.1" && host != "localhost") || port < 0)
    throw BridgeError(fmt::format("--allow-connect '{}': the firmware may only dial loopback: write 127.0.0.1:PORT", spec));
  // The board's connects to 127.0.0.1:PORT reach this listener first (an exact address beats
  // the firmware's own wildcard listeners; see VirtualNetwork::find_listener).
  devices::NetResult r = network_.listen(board::kNetBoardAddress, {board::kNetLoopback, static_cast<uint16_t>(port)}, 16, nullptr);
  if (!r.ok())
    throw BridgeError(fmt::format("--allow-connect '{}': {}", spec, devices::to_string(r.error)));
  auto o = std::make_unique<Outbound>();
  o->listener = static_cast<devices::SocketId>(r.value);
  o->port = static_cast<uint16_t>(port);
  allowed_.push_back(std::move(o));
}

void HostBridge::accept_clients(Forward& f) {
  for (;;) {
    int fd = accept4(f.listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) return;
    set_nonblocking(fd);
    devices::NetResult c = network_.connect(board::kNetPeerAddress, {board::kNetBoardAddress, f.board_port}, nullptr);
    auto r = std::make_unique<Relay>();
    r->fd = fd;
    r->name = fmt::format("{} -> board:{}", peer_of(fd), f.board_port);
    if (!c.ok()) {
      log_.push_back(fmt::format("forward {}: {}", r->name, devices::to_string(c.error)));
      ::close(fd);
      continue;
    }
    r->socket = static_cast<devices::SocketId>(c.value);
    log_.push_back(fmt::format("forward {}: connected", r->name));
    relays_.push_back(std::move(r));
  }
}

void HostBridge::accept_outbound(Outbound& o) {
  for (;;) {
    devices::NetResult a = network_.accept(o.listener, nullptr);
    if (!a.ok()) return;
    auto r = std::make_unique<Relay>();
    r->socket = static_cast<devices::SocketId>(a.value);
    r->name = fmt::format("board -> 127.0.0.1:{}", o.port);
    // A loopback connect answers at once (accepted, or refused): blocking is fine here.
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in to = loopback(o.port);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
      log_.push_back(fmt::format("{}: {} (the board's connection is reset)", r->name, strerror(errno)));
      if (fd >= 0) ::close(fd);
      network_.reset(r->socket);
      continue;
    }
    set_nonblocking(fd);
    r->fd = fd;
    log_.push_back(fmt::format("{}: connected", r->name));
    relays_.push_back(std::move(r));
  }
}

bool HostBridge::pump(Relay& r) {
  const size_t cap = network_.config().buffer_bytes;
  char buf[4096];
  // Real -> board.
  while (!r.host_eof && r.to_board.size() < cap) {
    ssize_t n = ::recv(r.fd, buf, std::min(sizeof buf, cap - r.to_board.size()), 0);
    if (n > 0) {
      r.to_board.append(buf, static_cast<size_t>(n));
    } else if (n == 0) {
      r.host_eof = true;
    } else {
      if (errno != EAGAIN && errno != EWOULDBLOCK) r.failed = true;
      break;
    }
  }
  devices::SocketStatus st = network_.status(r.socket);
  if (st.error != devices::NetError::None) r.failed = true;
  if (!r.to_board.empty() && st.connected) {
    devices::NetResult n = network_.send(r.socket, std::span(reinterpret_cast<const uint8_t*>(r.to_board.data()), r.to_board.size()));
    if (n.ok()) r.to_board.erase(0, static_cast<size_t>(n.value));
  }
  if (r.host_eof && r.to_board.empty() && !r.board_shut && st.connected) {
    network_.shutdown(r.socket);
    r.board_shut = true;
  }
  // Board -> real.
  while (!r.board_eof && r.to_host.size() < cap) {
    uint8_t in[4096];
    devices::NetResult n = network_.recv(r.socket, std::span(in, std::min(sizeof in, cap - r.to_host.size())));
    if (!n.ok()) break;
    if (n.value == 0) {
      r.board_eof = true;
      break;
    }
    r.to_host.append(reinterpret_cast<char*>(in), static_cast<size_t>(n.value));
  }
  while (!r.to_host.empty()) {
    ssize_t n = ::send(r.fd, r.to_host.data(), r.to_host.size(), MSG_NOSIGNAL);
    if (n > 0) {
      r.to_host.erase(0, static_cast<size_t>(n));
    } else {
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) r.failed = true;
      break;
    }
  }
  if (r.board_eof && r.to_host.empty() && !r.host_shut) {
    ::shutdown(r.fd, SHUT_WR);
    r.host_shut = true;
  }
  if (r.failed) {
    log_.push_back(fmt::format("{}: {}", r.name, st.error != devices::NetError::None ? devices::to_string(st.error) : "the host side failed"));
    return false;
  }
  if (r.host_shut && r.board_shut && r.to_host.empty() && r.to_board.empty()) {
    log_.push_back(fmt::format("{}: closed", r.name));
    return false;
  }
  return true;
}

void HostBridge::poll(int timeout_ms) {
  if (!active()) return;
  if (timeout_ms > 0) {
    std::vector<pollfd> fds;
    for (auto& f : forwards_) fds.push_back({f->listener, POLLIN, 0});
    for (auto& r : relays_)
      if (r->fd >= 0) fds.push_back({r->fd, static_cast<short>((r->host_eof ? 0 : POLLIN) | (r->to_host.empty() ? 0 : POLLOUT)), 0});
    ::poll(fds.data(), fds.size(), timeout_ms);
  }
  for (auto& f : forwards_) accept_clients(*f);
  for (auto& o : allowed_) accept_outbound(*o);
  for (size_t i = 0; i < relays_.size();) {
    if (pump(*relays_[i])) {
      ++i;
      continue;
    }
    Relay& r = *relays_[i];
    if (r.failed) {
      linger hard{1, 0};  // a reset on one side is a reset on the other
      setsockopt(r.fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
      network_.reset(r.socket);
    } else {
      network_.close(r.socket);
    }
    ::close(r.fd);
    relays_.erase(relays_.begin() + static_cast<ptrdiff_t>(i));
  }
}

std::vector<std::string> HostBridge::take_log() { return std::exchange(log_, {}); }

}  // namespace sim
