// SPDX-License-Identifier: GPL-2.0-or-later
#include "devices/net_device.h"

#include <utility>

#include <fmt/format.h>

namespace devices {

namespace net = board::net;

NetDevice::NetDevice(std::string name, VirtualNetwork& network, GuestMemory& memory, uint32_t host_address)
    : name_(std::move(name)),
      network_(network),
      memory_(memory),
      host_address_(host_address),
      registers_(name_, register_table(), board::definition::table(board::definition::kNetRegisters)) {}

NetDevice::~NetDevice() {
  for (SocketId& id : slots_)
    if (id) network_.close(std::exchange(id, 0));
}

std::vector<Register> NetDevice::register_table() {
  std::vector<Register> table = {
      {net::CMD, "CMD", nullptr, [this](uint32_t v) { run(v); }},
      {net::HANDLE, "HANDLE", [this] { return handle_; }, [this](uint32_t v) { handle_ = v; }},
      {net::ADDR, "ADDR", [this] { return addr_; }, [this](uint32_t v) { addr_ = v; }},
      {net::LENGTH, "LENGTH", [this] { return length_; }, [this](uint32_t v) { length_ = v; }},
      {net::RESULT, "RESULT", [this] { return static_cast<uint32_t>(result_); }, nullptr},
      {net::CTRL, "CTRL", [this] { return ctrl_; },
       [this](uint32_t v) {
         ctrl_ = v & net::CTRL_IRQ;
         update_irq();
       }},
      {net::STATUS, "STATUS", [this] { return status(); }, nullptr},
      {net::INFO, "INFO", [] { return static_cast<uint32_t>(kSocketCount); }, nullptr},
  };
  static const char* const kWaitNames[2][net::kMaskWords] = {{"RD_WAIT0", "RD_WAIT1", "RD_WAIT2", "RD_WAIT3"},
                                                             {"WR_WAIT0", "WR_WAIT1", "WR_WAIT2", "WR_WAIT3"}};
  static const char* const kReadyNames[2][net::kMaskWords] = {{"RD_READY0", "RD_READY1", "RD_READY2", "RD_READY3"},
                                                              {"WR_READY0", "WR_READY1", "WR_READY2", "WR_READY3"}};
  for (int w = 0; w < net::kMaskWords; ++w) {
    uint32_t off = static_cast<uint32_t>(4 * w);
    for (int writable = 0; writable < 2; ++writable) {
      auto& wait = writable ? wr_wait_ : rd_wait_;
      table.push_back({(writable ? net::WR_WAIT : net::RD_WAIT) + off, kWaitNames[writable][w],
                       [&wait, w] { return wait[w]; },
                       [this, &wait, w](uint32_t v) {
                         wait[w] = v;
                         update_irq();
                       }});
      table.push_back({(writable ? net::WR_READY : net::RD_READY) + off, kReadyNames[writable][w],
                       [this, &wait, writable, w] { return ready(wait, writable, w); }, nullptr});
    }
  }
  return table;
}

int NetDevice::open_sockets() const {
  int n = 0;
  for (SocketId id : slots_) n += id != 0;
  return n;
}

SocketId NetDevice::socket_of(int handle) const {
  return handle >= 0 && handle < kSocketCount ? slots_[handle] : 0;
}

int NetDevice::free_slot() const {
  for (int i = 0; i < kSocketCount; ++i)
    if (!slots_[i]) return i;
  return -1;
}

SocketId NetDevice::checked(uint32_t handle) {
  SocketId id = handle < kSocketCount ? slots_[handle] : 0;
  if (!id) registers_.report(fmt::format("command on handle {}, which names no open socket", handle));
  return id;
}

void NetDevice::run(uint32_t code) {
  ++commands_;
  NetResult r = run_checked(code);
  result_ = r.ok() ? static_cast<int32_t>(r.value) : -static_cast<int32_t>(r.error);
  update_irq();
}

// Gives a socket the network just created a handle; the network's observer for it refreshes the
// interrupt line.
NetResult NetDevice::open_slot(NetResult created) {
  if (!created.ok()) return created;
  int slot = free_slot();
  slots_[slot] = static_cast<SocketId>(created.value);
  return {slot};
}

NetResult NetDevice::run_checked(uint32_t code) {
  auto observer = [this] { update_irq(); };
  switch (code) {
    case net::CMD_CONNECT:
    case net::CMD_LISTEN:
    case net::CMD_ACCEPT: {
      if (free_slot() < 0) {
        registers_.report(fmt::format("all {} sockets in use", kSocketCount));
        return NetResult::fail(NetError::NoSockets);
      }
      if (code == net::CMD_CONNECT)
        return open_slot(network_.connect(host_address_, {addr_, static_cast<uint16_t>(length_)}, observer));
      if (code == net::CMD_LISTEN)
        return open_slot(network_.listen(host_address_, {addr_, static_cast<uint16_t>(length_ & 0xFFFF)},
                                         static_cast<int>(length_ >> 16), observer));
      SocketId listener = checked(handle_);
      if (!listener) return NetResult::fail(NetError::BadHandle);
      return open_slot(network_.accept(listener, observer));
    }
    case net::CMD_CONNECT_RESULT: {
      SocketId id = checked(handle_);
      if (!id) return NetResult::fail(NetError::BadHandle);
      SocketStatus st = network_.status(id);
      if (st.error != NetError::None) return NetResult::fail(st.error);
      if (st.connecting) return NetResult::fail(NetError::WouldBlock);
      return {0};
    }
    case net::CMD_SEND:
    case net::CMD_RECV: {
      SocketId id = checked(handle_);
      if (!id) return NetResult::fail(NetError::BadHandle);
      uint32_t n = std::min(length_, kMaxTransfer);
      scratch_.resize(n);
      if (code == net::CMD_SEND) {
        if (!memory_.read(addr_, scratch_.data(), n)) {
          registers_.report(fmt::format("SEND from 0x{:08X} ({} bytes): not in memory", addr_, n));
          return NetResult::fail(NetError::Fault);
        }
        return network_.send(id, scratch_);
      }
      NetResult r = network_.recv(id, scratch_);
      if (r.ok() && r.value > 0 && !memory_.write(addr_, scratch_.data(), static_cast<size_t>(r.value))) {
        // The bytes are gone from the socket: losing them is what a bad DMA target costs.
        registers_.report(fmt::format("RECV into 0x{:08X} ({} bytes): not in RAM, data lost", addr_, r.value));
        return NetResult::fail(NetError::Fault);
      }
      return r;
    }
    case net::CMD_SHUTDOWN: {
      SocketId id = checked(handle_);
      return id ? network_.shutdown(id) : NetResult::fail(NetError::BadHandle);
    }
    case net::CMD_CLOSE: {
      SocketId id = checked(handle_);
      if (!id) return NetResult::fail(NetError::BadHandle);
      network_.close(id);
      slots_[handle_] = 0;
      rd_wait_[handle_ / 32] &= ~(1u << (handle_ % 32));
      wr_wait_[handle_ / 32] &= ~(1u << (handle_ % 32));
      return {0};
    }
    case net::CMD_PEER: {
      SocketId id = checked(handle_);
      if (!id) return NetResult::fail(NetError::BadHandle);
      SocketAddress peer = network_.peer_address(id);
      if (peer.port == 0) return NetResult::fail(NetError::NotConnected);
      addr_ = peer.ip;
      length_ = peer.port;
      return {0};
    }
    case net::CMD_LOCAL_PORT: {
      SocketId id = checked(handle_);
      if (!id) return NetResult::fail(NetError::BadHandle);
      return {network_.local_address(id).port};
    }
    default:
      registers_.report(fmt::format("unknown command {} written to CMD", code));
      return NetResult::fail(NetError::Invalid);
  }
}

uint32_t NetDevice::status() const {
  SocketId id = handle_ < kSocketCount ? slots_[handle_] : 0;
  if (!id) return 0;
  SocketStatus st = network_.status(id);
  uint32_t bits = net::STATUS_OPEN;
  if (st.listening) bits |= net::STATUS_LISTENING;
  if (st.connected) bits |= net::STATUS_CONNECTED;
  if (st.readable) bits |= net::STATUS_READABLE;
  if (st.writable) bits |= net::STATUS_WRITABLE;
  if (st.peer_closed) bits |= net::STATUS_PEER_CLOSED;
  if (st.error != NetError::None) bits |= net::STATUS_ERROR;
  return bits;
}

uint32_t NetDevice::ready(const std::array<uint32_t, net::kMaskWords>& wait, bool writable, int word) const {
  uint32_t bits = 0;
  for (uint32_t pending = wait[word]; pending; pending &= pending - 1) {
    int bit = __builtin_ctz(pending);
    SocketId id = slots_[word * 32 + bit];
    if (!id) continue;
    SocketStatus st = network_.status(id);
    if (writable ? st.writable : st.readable) bits |= 1u << bit;
  }
  return bits;
}

void NetDevice::update_irq() {
  bool level = false;
  if (ctrl_ & net::CTRL_IRQ) {
    for (int w = 0; w < net::kMaskWords && !level; ++w)
      level = ready(rd_wait_, false, w) || ready(wr_wait_, true, w);
  }
  irq_.drive(level);
}

}  // namespace devices
