// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: NET0's register interface (devices::NetDevice) on a devices::VirtualNetwork, with a
// fake clock and 4 KiB of fake RAM. The input is a program: register reads and writes (any offset,
// size and value), whole commands, clock advances, and a peer's actions on the network (connect,
// send, receive, shutdown, close, reset, listen, accept) and injected faults. After every step:
//   - the bytes the network holds stay within two windows per connection (flow control works);
//   - the IRQ line is exactly CTRL.IRQ && (any RD_READY or WR_READY bit): no readiness change is missed.
// At the end, with every socket closed on both sides and time run on, the network holds nothing.
// NET_FUZZ_TRACE=1 prints each step and the connections before it (to read a finding's story).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "board/memory_map.h"
#include "board/registers.h"
#include "devices/net_device.h"
#include "fake_scheduler.h"

namespace {

namespace net = board::net;
using devices::SocketId;

constexpr devices::Nanoseconds kLatency = 10'000;
constexpr uint32_t kBuffer = 512;  // small windows: flow control is reached within a short input
constexpr uint32_t kRamBase = 0x2000'0000;
constexpr size_t kRamSize = 4096;
constexpr size_t kMaxPeerSockets = 64;

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "net_device_registers: %s\n", what.c_str());
  std::abort();
}

// The bytes of the input, read front to back; zeros once they run out.
class Input {
 public:
  Input(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool empty() const { return at_ >= size_; }
  uint8_t u8() { return at_ < size_ ? data_[at_++] : 0; }
  uint16_t u16() { return static_cast<uint16_t>(u8() | u8() << 8); }
  uint32_t u32() { return u16() | static_cast<uint32_t>(u16()) << 16; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t at_ = 0;
};

// RAM as the simulator's GuestMemoryUnicorn sees it: an empty range is always fine (a zero-length
// SEND passes no buffer at all).
struct FakeRam : devices::GuestMemory {
  std::vector<uint8_t> bytes = std::vector<uint8_t>(kRamSize);
  bool in(uint32_t a, size_t n) const { return a >= kRamBase && a - kRamBase <= kRamSize && n <= kRamSize - (a - kRamBase); }
  bool read(uint32_t a, void* out, size_t n) const override {
    if (n == 0) return true;
    if (!in(a, n)) return false;
    std::memcpy(out, &bytes[a - kRamBase], n);
    return true;
  }
  bool write(uint32_t a, const void* data, size_t n) override {
    if (n == 0) return true;
    if (!in(a, n)) return false;
    std::memcpy(&bytes[a - kRamBase], data, n);
    return true;
  }
};

// Offsets worth hitting: every register, then anything in the decoded window.
uint32_t register_offset(Input& in) {
  static const uint32_t kKnown[] = {net::CMD, net::HANDLE, net::ADDR, net::LENGTH, net::RESULT, net::CTRL, net::STATUS,
                                    net::INFO, net::RD_WAIT, net::RD_WAIT + 4, net::RD_WAIT + 12, net::WR_WAIT,
                                    net::WR_WAIT + 8, net::RD_READY, net::RD_READY + 4, net::WR_READY, net::WR_READY + 12};
  uint8_t pick = in.u8();
  if (pick < 2 * std::size(kKnown)) return kKnown[pick % std::size(kKnown)];
  return in.u16() & 0x3FF;
}

unsigned access_size(Input& in) {
  uint8_t s = in.u8() & 7;
  return s == 0 ? 1 : s == 1 ? 2 : 4;
}

uint32_t guest_address(Input& in) {
  uint8_t pick = in.u8();
  if (pick < 200) return kRamBase + (in.u16() % (kRamSize + 16));
  return in.u32();
}

uint16_t port(Input& in) {
  static const uint16_t kPorts[] = {80, 81, 7, 0};
  uint8_t pick = in.u8();
  return pick < 240 ? kPorts[pick % 4] : static_cast<uint16_t>(in.u16());
}

class Harness {
 public:
  Harness() { network_.set_config({kLatency, 0, kBuffer}); }

  void step(Input& in) {
    int op = in.u8() % 12;
    if (kTrace) trace_before(op);
    switch (op) {
      case 0: {
        uint32_t offset = register_offset(in);
        unsigned size = access_size(in);
        dev_.registers().write(offset, size, in.u32());
        break;
      }
      case 1: {
        uint32_t offset = register_offset(in);
        (void)dev_.registers().read(offset, access_size(in));
        break;
      }
      case 2: command(in); break;
      case 3: {
        uint8_t by = in.u8();
        clock_.advance_by(by < 250 ? by * 1'000ull : in.u16() * 100'000ull);
        break;
      }
      case 4: {  // the peer connects to the board (or to the loopback address, which must be refused)
        if (peers_.size() >= kMaxPeerSockets) break;
        uint32_t ip = in.u8() < 230 ? board::kNetBoardAddress : board::kNetLoopback;
        devices::NetResult r = network_.connect(board::kNetPeerAddress, {ip, port(in)}, nullptr);
        if (r.ok()) peers_.push_back(static_cast<SocketId>(r.value));
        break;
      }
      case 5: {  // the peer sends
        SocketId id = peer(in);
        std::vector<uint8_t> data(in.u8() * 4u + 1, static_cast<uint8_t>('a' + data_byte_++ % 26));
        if (id) (void)network_.send(id, data);
        break;
      }
      case 6: {  // the peer reads
        SocketId id = peer(in);
        std::vector<uint8_t> buffer(in.u16() % 2048 + 1);
        if (id) (void)network_.recv(id, buffer);
        break;
      }
      case 7: {  // the peer lets go: shutdown, close or reset
        size_t index = peer_index(in);
        uint8_t how = in.u8() % 3;
        if (index >= peers_.size()) break;
        SocketId id = peers_[index];
        if (how == 0) {
          (void)network_.shutdown(id);
        } else {
          if (how == 1) network_.close(id);
          else network_.reset(id);
          peers_.erase(peers_.begin() + static_cast<std::ptrdiff_t>(index));
        }
        break;
      }
      case 8: {  // the peer listens, for the board's connects
        if (peers_.size() >= kMaxPeerSockets) break;
        uint16_t p = port(in);
        devices::NetResult r = network_.listen(board::kNetPeerAddress, {0, p}, in.u8() % 4, nullptr);
        if (r.ok()) peers_.push_back(static_cast<SocketId>(r.value));
        break;
      }
      case 9: {  // the peer accepts on whichever of its sockets is a listener
        if (peers_.size() >= kMaxPeerSockets) break;
        SocketId id = peer(in);
        devices::NetResult r = id ? network_.accept(id, nullptr) : devices::NetResult::fail(devices::NetError::BadHandle);
        if (r.ok()) peers_.push_back(static_cast<SocketId>(r.value));
        break;
      }
      case 10: {  // injected faults
        uint8_t which = in.u8() % 3;
        if (which == 0) {
          SocketId id = peer(in);
          if (id) network_.stall(id, clock_.now_ns() + in.u8() * 2'000ull);
        } else if (which == 1) {
          uint16_t p = port(in);
          network_.refuse_next(p, in.u8() % 3);
        } else {
          (void)network_.reset_port(port(in));
        }
        break;
      }
      case 11: {  // interest in a socket and the interrupt on: what a firmware's loop does
        uint32_t handle = in.u8() % net::kSocketCount;
        uint32_t word = handle / 32, bit = 1u << (handle % 32);
        uint32_t base = in.u8() & 1 ? net::WR_WAIT : net::RD_WAIT;
        uint32_t mask = dev_.registers().read(base + 4 * word, 4);
        dev_.registers().write(base + 4 * word, 4, mask ^ bit);
        dev_.registers().write(net::CTRL, 4, net::CTRL_IRQ);
        break;
      }
    }
  }

  void check() {
    size_t connections = network_.connections().size();
    size_t held = network_.buffered_bytes();
    if (held > connections * 2 * kBuffer)
      fail(fmt::format("the network holds {} bytes, over 2 x {} for each of {} connections", held, kBuffer, connections));
    bool ready = false;
    for (int w = 0; w < net::kMaskWords; ++w)
      ready = ready || dev_.registers().read(net::RD_READY + 4 * w, 4) || dev_.registers().read(net::WR_READY + 4 * w, 4);
    bool expected = (dev_.registers().read(net::CTRL, 4) & net::CTRL_IRQ) && ready;
    if (dev_.irq().level() != expected)
      fail(fmt::format("the IRQ line is {} but CTRL and RD_READY/WR_READY say {}", dev_.irq().level(), expected));
  }

  // Both sides let go of everything; after the network's timers have run, nothing may remain.
  void finish() {
    for (uint32_t handle = 0; handle < net::kSocketCount; ++handle) {
      dev_.registers().write(net::HANDLE, 4, handle);
      if (dev_.registers().read(net::STATUS, 4) & net::STATUS_OPEN) dev_.registers().write(net::CMD, 4, net::CMD_CLOSE);
    }
    for (SocketId id : peers_) network_.close(id);
    peers_.clear();
    clock_.advance_by(1'000'000'000);
    if (!network_.connections().empty() || network_.buffered_bytes() != 0) {
      std::string left;
      for (const devices::ConnectionInfo& c : network_.connections())
        left += fmt::format(" [{} {} -> {} {}]", c.id, c.local.to_string(), c.remote.to_string(), c.state);
      fail(fmt::format("every socket closed, yet the network keeps {} connections and {} bytes:{}",
                       network_.connections().size(), network_.buffered_bytes(), left));
    }
  }

 private:
  void command(Input& in) {
    uint8_t h = in.u8();
    uint32_t handle = h < 240 ? h % 8 : in.u32();
    uint32_t addr = guest_address(in);
    uint8_t l = in.u8();
    uint32_t length = l < 200 ? l * 8u : l < 250 ? (uint32_t{in.u8()} << 16 | port(in)) : in.u32();
    uint8_t code = in.u8() % 12;
    if (code == net::CMD_CONNECT && l < 200) {  // connect somewhere that may answer
      addr = in.u8() & 1 ? board::kNetPeerAddress : board::kNetLoopback;
      length = port(in);
    }
    auto& r = dev_.registers();
    r.write(net::HANDLE, 4, handle);
    r.write(net::ADDR, 4, addr);
    r.write(net::LENGTH, 4, length);
    r.write(net::CMD, 4, code);
    int32_t result = static_cast<int32_t>(r.read(net::RESULT, 4));
    if (kTrace) std::fprintf(stderr, "    command %u handle %u addr 0x%08X length 0x%X -> %d\n", code, handle, addr, length, result);
  }

  // NET_FUZZ_TRACE=1: each step and the network's connections before it, to read a crash's story.
  void trace_before(int op) {
    static const char* const kOps[] = {"write", "read", "command", "advance", "peer connect", "peer send", "peer recv",
                                       "peer end", "peer listen", "peer accept", "fault", "wait+irq"};
    std::string conns;
    for (const devices::ConnectionInfo& c : network_.connections())
      conns += fmt::format(" [{} {}->{} {}]", c.id, c.local.to_string(), c.remote.to_string(), c.state);
    std::fprintf(stderr, "t=%llu held=%zu%s\n  %s\n", static_cast<unsigned long long>(clock_.now_ns()),
                 network_.buffered_bytes(), conns.c_str(), kOps[op]);
  }
  static inline const bool kTrace = std::getenv("NET_FUZZ_TRACE") != nullptr;

  size_t peer_index(Input& in) { return peers_.empty() ? 0 : in.u8() % peers_.size(); }
  SocketId peer(Input& in) {
    size_t i = peer_index(in);
    return i < peers_.size() ? peers_[i] : 0;
  }

  devices::testing::FakeScheduler clock_;
  devices::VirtualNetwork network_{clock_};
  FakeRam ram_;
  devices::NetDevice dev_{"NET0", network_, ram_, board::kNetBoardAddress};
  std::vector<SocketId> peers_;  // the peer's open sockets (connections and listeners)
  unsigned data_byte_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Input in(data, size);
  Harness h;
  while (!in.empty()) {
    h.step(in);
    h.check();
  }
  h.finish();
  return 0;
}
