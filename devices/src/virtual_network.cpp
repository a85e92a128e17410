// SPDX-License-Identifier: GPL-2.0-or-later
#include "devices/virtual_network.h"

#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "board/memory_map.h"

namespace devices {

std::string SocketAddress::to_string() const {
  return fmt::format("{}.{}.{}.{}:{}", ip >> 24, (ip >> 16) & 0xFF, (ip >> 8) & 0xFF, ip & 0xFF, port);
}

const char* to_string(NetError e) {
  switch (e) {
    case NetError::None: return "no error";
    case NetError::WouldBlock: return "would block";
    case NetError::Refused: return "connection refused";
    case NetError::Reset: return "connection reset";
    case NetError::AddressInUse: return "address in use";
    case NetError::NotConnected: return "not connected";
    case NetError::ShutDown: return "socket shut down for writing";
    case NetError::NoSockets: return "no free socket";
    case NetError::BadHandle: return "bad socket handle";
    case NetError::Fault: return "buffer outside RAM";
    case NetError::Unreachable: return "address unreachable";
    case NetError::Invalid: return "invalid argument";
  }
  return "unknown error";
}

struct VirtualNetwork::Socket {
  enum class Kind { Listener, Connection } kind = Kind::Connection;
  enum class Phase { Connecting, Established, Failed } phase = Phase::Connecting;
  uint32_t host = 0;
  SocketAddress local, remote;
  Observer observer;
  bool owner_closed = false;
  // Listener.
  int backlog = 0;
  std::deque<SocketId> pending;  // established, not yet accepted
  // Connection.
  SocketId peer = 0;             // the other side (0: none yet, or gone)
  std::deque<uint8_t> rx;        // arrived, unread
  size_t in_flight = 0;          // sent to us, not yet arrived: counts against our window
  std::deque<uint8_t> tx;        // accepted by send(), not yet on the wire
  bool shut_wr = false;          // shutdown() or close(): FIN follows the data
  bool fin_sent = false;
  bool eof = false;              // the peer's FIN arrived
  NetError error = NetError::None;
  Nanoseconds link_free_at = 0;  // bandwidth: when the last byte we sent finishes serializing
  Nanoseconds stalled_until = 0;
  bool pump_scheduled = false;
  uint64_t bytes_sent = 0, bytes_received = 0;
};

VirtualNetwork::VirtualNetwork(EventScheduler& clock, LinkConfig config) : clock_(clock), config_(config) {}

VirtualNetwork::~VirtualNetwork() {
  for (EventId id : scheduled_) clock_.cancel(id);
}

void VirtualNetwork::at(Nanoseconds when, std::function<void()> action) {
  auto id = std::make_shared<EventId>(kNoEvent);
  *id = clock_.schedule_at(when, [this, id, action = std::move(action)] {
    scheduled_.erase(*id);
    action();
  });
  scheduled_.insert(*id);
}

VirtualNetwork::Socket* VirtualNetwork::find(SocketId id) {
  auto it = sockets_.find(id);
  return it == sockets_.end() ? nullptr : &it->second;
}

const VirtualNetwork::Socket* VirtualNetwork::find(SocketId id) const {
  auto it = sockets_.find(id);
  return it == sockets_.end() ? nullptr : &it->second;
}

SocketId VirtualNetwork::create(uint32_t host, Observer observer) {
  SocketId id = next_id_++;
  Socket& s = sockets_[id];
  s.host = host;
  s.observer = std::move(observer);
  return id;
}

void VirtualNetwork::notify(Socket& s) {
  if (s.observer) s.observer();
}

uint16_t VirtualNetwork::ephemeral_port(uint32_t host) {
  for (int tries = 0; tries < 16384; ++tries) {
    uint16_t port = next_ephemeral_;
    next_ephemeral_ = next_ephemeral_ == 65535 ? 49152 : next_ephemeral_ + 1;
    bool used = std::any_of(sockets_.begin(), sockets_.end(), [&](const auto& kv) {
      return kv.second.host == host && kv.second.local.port == port && !kv.second.owner_closed;
    });
    if (!used) return port;
  }
  return 0;
}

// Which listener a connect from `from_host` to `to` reaches: an exact address first, then one
// listening on every address of the host `to` names. 127.0.0.1 is the connecting host itself.
VirtualNetwork::Socket* VirtualNetwork::find_listener(uint32_t from_host, SocketAddress to) {
  Socket* wildcard = nullptr;
  for (auto& [id, s] : sockets_) {
    if (s.kind != Socket::Kind::Listener || s.owner_closed || s.local.port != to.port) continue;
    bool loopback_ok = to.ip != board::kNetLoopback || s.host == from_host;
    if (s.local.ip == to.ip && loopback_ok) return &s;
    if (s.local.ip == 0 && loopback_ok && (to.ip == s.host || to.ip == board::kNetLoopback)) wildcard = &s;
  }
  return wildcard;
}

NetResult VirtualNetwork::listen(uint32_t host, SocketAddress local, int backlog, Observer observer) {
  if (local.ip != 0 && local.ip != host && local.ip != board::kNetLoopback) return NetResult::fail(NetError::Unreachable);
  if (local.port == 0) local.port = ephemeral_port(host);
  if (local.port == 0) return NetResult::fail(NetError::AddressInUse);
  for (auto& [id, s] : sockets_) {
    if (s.kind == Socket::Kind::Listener && !s.owner_closed && s.host == host && s.local.port == local.port &&
        (s.local.ip == 0 || local.ip == 0 || s.local.ip == local.ip))
      return NetResult::fail(NetError::AddressInUse);
  }
  SocketId id = create(host, std::move(observer));
  Socket& s = sockets_[id];
  s.kind = Socket::Kind::Listener;
  s.phase = Socket::Phase::Established;
  s.local = local;
  s.backlog = std::max(backlog, 1);
  return {static_cast<int64_t>(id)};
}

NetResult VirtualNetwork::connect(uint32_t host, SocketAddress remote, Observer observer) {
  if (remote.port == 0 || remote.ip == 0) return NetResult::fail(NetError::Invalid);
  uint16_t port = ephemeral_port(host);
  if (port == 0) return NetResult::fail(NetError::NoSockets);
  SocketId id = create(host, std::move(observer));
  Socket& s = sockets_[id];
  s.local = {remote.ip == board::kNetLoopback ? board::kNetLoopback : host, port};
  s.remote = remote;
  at(clock_.now_ns() + config_.latency_ns, [this, id] {
    if (Socket* c = find(id)) arrive_syn(id, c->local, c->remote);
  });
  return {static_cast<int64_t>(id)};
}

// The SYN reaches the listener (or nobody): the server side exists from now on, and the client
// learns the outcome one latency later.
void VirtualNetwork::arrive_syn(SocketId client, SocketAddress from, SocketAddress to) {
  Socket* c = find(client);
  if (!c || c->owner_closed) return;
  Socket* listener = find_listener(c->host, to);
  auto refused = refusals_.find(to.port);
  bool refuse = !listener || static_cast<int>(listener->pending.size()) >= listener->backlog;
  if (refused != refusals_.end() && refused->second > 0) {
    refuse = true;
    if (--refused->second == 0) refusals_.erase(refused);
  }
  Nanoseconds reply = clock_.now_ns() + config_.latency_ns;
  if (refuse) {
    at(reply, [this, client] {
      if (Socket* c = find(client)) {
        c->phase = Socket::Phase::Failed;
        c->error = NetError::Refused;
        notify(*c);
        release_if_finished(client);
      }
    });
    return;
  }
  SocketId server = create(listener->host, nullptr);
  Socket& s = sockets_[server];  // may rehash nothing: std::map keeps `listener` and `c` valid
  s.phase = Socket::Phase::Established;
  s.local = to;
  s.remote = from;
  s.peer = client;
  c->peer = server;
  listener->pending.push_back(server);
  notify(*listener);
  at(reply, [this, client] {
    Socket* c = find(client);
    if (!c || c->phase != Socket::Phase::Connecting) return;
    c->phase = Socket::Phase::Established;
    notify(*c);
  });
}

NetResult VirtualNetwork::accept(SocketId listener, Observer observer) {
  Socket* l = find(listener);
  if (!l || l->owner_closed) return NetResult::fail(NetError::BadHandle);
  if (l->kind != Socket::Kind::Listener) return NetResult::fail(NetError::Invalid);
  if (l->pending.empty()) return NetResult::fail(NetError::WouldBlock);
  SocketId id = l->pending.front();
  l->pending.pop_front();
  Socket& s = sockets_.at(id);
  s.observer = std::move(observer);
  return {static_cast<int64_t>(id)};
}

NetResult VirtualNetwork::send(SocketId id, std::span<const uint8_t> data) {
  Socket* s = find(id);
  if (!s || s->owner_closed) return NetResult::fail(NetError::BadHandle);
  if (s->kind != Socket::Kind::Connection) return NetResult::fail(NetError::NotConnected);
  if (s->error != NetError::None) return NetResult::fail(s->error);
  if (s->shut_wr) return NetResult::fail(NetError::ShutDown);
  if (s->phase == Socket::Phase::Connecting) return NetResult::fail(NetError::WouldBlock);
  size_t space = config_.buffer_bytes - std::min<size_t>(config_.buffer_bytes, s->tx.size());
  size_t n = std::min(space, data.size());
  if (n == 0) return data.empty() ? NetResult{0} : NetResult::fail(NetError::WouldBlock);
  s->tx.insert(s->tx.end(), data.begin(), data.begin() + static_cast<ptrdiff_t>(n));
  pump(id);
  return {static_cast<int64_t>(n)};
}

NetResult VirtualNetwork::recv(SocketId id, std::span<uint8_t> buffer) {
  Socket* s = find(id);
  if (!s || s->owner_closed) return NetResult::fail(NetError::BadHandle);
  if (s->kind != Socket::Kind::Connection) return NetResult::fail(NetError::NotConnected);
  if (!s->rx.empty()) {
    size_t n = std::min(buffer.size(), s->rx.size());
    std::copy_n(s->rx.begin(), n, buffer.begin());
    s->rx.erase(s->rx.begin(), s->rx.begin() + static_cast<ptrdiff_t>(n));
    if (s->peer) pump(s->peer);  // the window opened
    return {static_cast<int64_t>(n)};
  }
  if (s->error != NetError::None) return NetResult::fail(s->error);
  if (s->eof) return {0};
  return NetResult::fail(NetError::WouldBlock);
}

NetResult VirtualNetwork::shutdown(SocketId id) {
  Socket* s = find(id);
  if (!s || s->owner_closed) return NetResult::fail(NetError::BadHandle);
  if (s->kind != Socket::Kind::Connection) return NetResult::fail(NetError::NotConnected);
  s->shut_wr = true;
  pump(id);
  return {0};
}

void VirtualNetwork::close(SocketId id) {
  Socket* s = find(id);
  if (!s || s->owner_closed) return;
  s->owner_closed = true;
  s->observer = nullptr;
  if (s->kind == Socket::Kind::Listener) {
    for (SocketId pending : s->pending) reset(pending);  // connections nobody accepted
    sockets_.erase(id);
    return;
  }
  if (!s->rx.empty()) {  // closing with unread data aborts the connection, as Linux does
    reset(id);
    return;
  }
  s->shut_wr = true;
  pump(id);
  release_if_finished(id);
}

void VirtualNetwork::reset(SocketId id) {
  Socket* s = find(id);
  if (!s) return;
  // A listener has no peer, but its backlog does: left alone, those connections would live on with
  // nobody to accept or close them (found by fuzzing).
  if (s->kind == Socket::Kind::Listener)
    for (SocketId pending : s->pending) reset(pending);
  if (SocketId peer = s->peer)
    at(clock_.now_ns() + config_.latency_ns, [this, peer] { deliver_reset(peer); });
  sockets_.erase(id);
}

// A closed socket is forgotten once nothing more can leave it: its FIN is out, it failed, or it
// was a connect whose SYN has not arrived (no server side exists yet, and arrive_syn() finds
// nothing to answer -- kept, it lingered "connecting" for ever). Data that reaches it later
// answers with a reset (see pump()).
void VirtualNetwork::release_if_finished(SocketId id) {
  Socket* s = find(id);
  if (!s || !s->owner_closed) return;
  bool syn_in_flight = s->phase == Socket::Phase::Connecting && !s->peer;
  if ((s->fin_sent && s->tx.empty()) || s->error != NetError::None || s->phase == Socket::Phase::Failed ||
      syn_in_flight)
    sockets_.erase(id);
}

// Moves as much of `from`'s send buffer onto the wire as the peer's window allows.
void VirtualNetwork::pump(SocketId from) {
  Socket* s = find(from);
  if (!s || s->kind != Socket::Kind::Connection || s->error != NetError::None || !s->peer) return;
  Nanoseconds now = clock_.now_ns();
  if (now < s->stalled_until) {
    if (!s->pump_scheduled) {
      s->pump_scheduled = true;
      at(s->stalled_until, [this, from] {
        if (Socket* s = find(from)) s->pump_scheduled = false;
        pump(from);
      });
    }
    return;
  }
  Socket* p = find(s->peer);
  size_t window = 0;
  if (p) {
    size_t held = p->rx.size() + p->in_flight;
    window = config_.buffer_bytes > held ? config_.buffer_bytes - held : 0;
  } else {
    window = s->tx.size();  // the peer is gone: the bytes go out and meet a reset
  }
  size_t n = std::min(window, s->tx.size());
  if (n > 0) {
    std::vector<uint8_t> bytes(s->tx.begin(), s->tx.begin() + static_cast<ptrdiff_t>(n));
    s->tx.erase(s->tx.begin(), s->tx.begin() + static_cast<ptrdiff_t>(n));
    if (p) p->in_flight += n;
    Nanoseconds start = std::max(now, s->link_free_at);
    Nanoseconds serialize = config_.bytes_per_second
                                ? (n * 1'000'000'000ull + config_.bytes_per_second - 1) / config_.bytes_per_second
                                : 0;
    s->link_free_at = start + serialize;
    s->bytes_sent += n;
    SocketId to = s->peer;
    at(s->link_free_at + config_.latency_ns,
       [this, to, from, bytes = std::move(bytes)]() mutable {
         Socket* p = find(to);
         if (!p || p->owner_closed || p->error != NetError::None) {
           // Data for a socket that is gone or closed: the receiving host answers with a reset.
           if (p && p->error == NetError::None) reset(to);
           else at(clock_.now_ns() + config_.latency_ns, [this, from] { deliver_reset(from); });
           return;
         }
         p->in_flight -= std::min(p->in_flight, bytes.size());
         p->rx.insert(p->rx.end(), bytes.begin(), bytes.end());
         p->bytes_received += bytes.size();
         notify(*p);
       });
    notify(*s);  // send space freed
  }
  if (s->tx.empty() && s->shut_wr && !s->fin_sent) {
    s->fin_sent = true;
    SocketId to = s->peer;
    at(std::max(now, s->link_free_at) + config_.latency_ns, [this, to] { deliver_fin(to); });
  }
  release_if_finished(from);
}

void VirtualNetwork::deliver_fin(SocketId to) {
  Socket* p = find(to);
  if (!p || p->error != NetError::None) return;
  p->eof = true;
  notify(*p);
  release_if_finished(to);
}

void VirtualNetwork::deliver_reset(SocketId to) {
  Socket* p = find(to);
  if (!p || p->error != NetError::None) return;
  p->error = NetError::Reset;
  p->phase = Socket::Phase::Failed;
  p->rx.clear();
  p->tx.clear();
  p->in_flight = 0;
  p->peer = 0;
  notify(*p);
  release_if_finished(to);
}

SocketStatus VirtualNetwork::status(SocketId id) const {
  SocketStatus st;
  const Socket* s = find(id);
  if (!s || s->owner_closed) return st;
  st.open = true;
  st.error = s->error;
  if (s->kind == Socket::Kind::Listener) {
    st.listening = true;
    st.readable = !s->pending.empty();
    return st;
  }
  bool failed = s->error != NetError::None;
  st.connecting = s->phase == Socket::Phase::Connecting;
  st.connected = s->phase == Socket::Phase::Established && !failed;
  st.peer_closed = s->eof;
  st.readable = !s->rx.empty() || s->eof || failed;
  st.writable = failed || (st.connected && !s->shut_wr && s->tx.size() < config_.buffer_bytes);
  return st;
}

SocketAddress VirtualNetwork::local_address(SocketId id) const {
  const Socket* s = find(id);
  return s ? s->local : SocketAddress{};
}

SocketAddress VirtualNetwork::peer_address(SocketId id) const {
  const Socket* s = find(id);
  return s && s->kind == Socket::Kind::Connection ? s->remote : SocketAddress{};
}

void VirtualNetwork::stall(SocketId id, Nanoseconds until) {
  Socket* s = find(id);
  if (!s) return;
  s->stalled_until = until;
  if (Socket* p = find(s->peer)) p->stalled_until = until;
  SocketId peer = s->peer;
  at(until, [this, id, peer] {
    pump(id);
    pump(peer);
  });
}

void VirtualNetwork::refuse_next(uint16_t port, int count) {
  if (count > 0) refusals_[port] += count;
}

int VirtualNetwork::reset_port(uint16_t port) {
  std::vector<SocketId> hit;
  for (auto& [id, s] : sockets_)
    if (s.kind == Socket::Kind::Connection && s.error == NetError::None && s.phase == Socket::Phase::Established &&
        s.local.port == port)
      hit.push_back(id);
  for (SocketId id : hit) {
    if (Socket* s = find(id)) {
      SocketId peer = s->peer;
      deliver_reset(id);
      deliver_reset(peer);
    }
  }
  return static_cast<int>(hit.size());
}

std::vector<ConnectionInfo> VirtualNetwork::connections() const {
  std::vector<ConnectionInfo> out;
  for (const auto& [id, s] : sockets_) {
    if (s.kind != Socket::Kind::Connection) continue;
    const char* state = s.error == NetError::Reset     ? "reset"
                        : s.error == NetError::Refused ? "refused"
                        : s.phase == Socket::Phase::Connecting ? "connecting"
                        : s.owner_closed || s.shut_wr || s.eof ? "closing"
                                                               : "established";
    out.push_back({id, s.local, s.remote, state, s.bytes_sent, s.bytes_received});
  }
  return out;
}

size_t VirtualNetwork::buffered_bytes() const {
  size_t total = 0;
  for (const auto& [id, s] : sockets_) total += s.rx.size() + s.tx.size() + s.in_flight;
  return total;
}

}  // namespace devices
