// SPDX-License-Identifier: GPL-2.0-or-later
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "board/memory_map.h"
#include "board/registers.h"
#include "devices/net_device.h"
#include "diagnostic_log.h"
#include "fake_scheduler.h"

using devices::NetDevice;
using devices::SocketId;
using devices::VirtualNetwork;
using devices::testing::DiagnosticLog;
using devices::testing::FakeScheduler;
namespace net = board::net;

namespace {

constexpr devices::Nanoseconds kLatency = 10'000;

// 4 KiB of "RAM" at 0x2000'0000.
struct FakeRam : devices::GuestMemory {
  static constexpr uint32_t kBase = 0x2000'0000;
  std::vector<uint8_t> bytes = std::vector<uint8_t>(4096);
  bool in(uint32_t a, size_t n) const { return a >= kBase && a - kBase + n <= bytes.size(); }
  bool read(uint32_t a, void* out, size_t n) const override {
    if (!in(a, n)) return false;
    std::memcpy(out, &bytes[a - kBase], n);
    return true;
  }
  bool write(uint32_t a, const void* data, size_t n) override {
    if (!in(a, n)) return false;
    std::memcpy(&bytes[a - kBase], data, n);
    return true;
  }
  void put(uint32_t a, const std::string& s) { std::memcpy(&bytes[a - kBase], s.data(), s.size()); }
  std::string get(uint32_t a, size_t n) const { return std::string(&bytes[a - kBase], &bytes[a - kBase] + n); }
};

struct Board {
  FakeScheduler clock;
  VirtualNetwork network{clock, {kLatency, 0, 4096}};
  FakeRam ram;
  NetDevice dev{"NET0", network, ram, board::kNetBoardAddress};
  DiagnosticLog log;
  Board() { log.attach(dev.registers()); }

  uint32_t rd(uint32_t off) { return dev.registers().read(off, 4); }
  void wr(uint32_t off, uint32_t v) { dev.registers().write(off, 4, v); }
  int32_t cmd(uint32_t code, uint32_t handle = 0, uint32_t addr = 0, uint32_t length = 0) {
    wr(net::HANDLE, handle);
    wr(net::ADDR, addr);
    wr(net::LENGTH, length);
    wr(net::CMD, code);
    return static_cast<int32_t>(rd(net::RESULT));
  }
  uint32_t status(uint32_t handle) {
    wr(net::HANDLE, handle);
    return rd(net::STATUS);
  }
};

std::vector<uint8_t> bytes(const std::string& s) { return {s.begin(), s.end()}; }

}  // namespace

TEST_CASE("firmware listens, a peer connects, and the accepted socket exchanges data by DMA", "[net_device]") {
  Board b;
  int32_t listener = b.cmd(net::CMD_LISTEN, 0, 0, (2u << 16) | 80);
  REQUIRE(listener == 0);
  CHECK(b.status(0) == (net::STATUS_OPEN | net::STATUS_LISTENING));
  CHECK(b.cmd(net::CMD_ACCEPT, 0) == -net::ERR_WOULD_BLOCK);

  auto peer = static_cast<SocketId>(
      b.network.connect(board::kNetPeerAddress, {board::kNetBoardAddress, 80}, nullptr).value);
  b.clock.advance_by(2 * kLatency);
  CHECK(b.status(0) & net::STATUS_READABLE);
  int32_t conn = b.cmd(net::CMD_ACCEPT, 0);
  REQUIRE(conn == 1);
  CHECK(b.cmd(net::CMD_PEER, 1) == 0);
  CHECK(b.rd(net::ADDR) == board::kNetPeerAddress);
  CHECK(b.rd(net::LENGTH) == b.network.local_address(peer).port);

  auto data = bytes("ping\n");
  b.network.send(peer, data);
  b.clock.advance_by(kLatency);
  CHECK(b.cmd(net::CMD_RECV, 1, FakeRam::kBase + 100, 64) == 5);
  CHECK(b.ram.get(FakeRam::kBase + 100, 5) == "ping\n");
  b.ram.put(FakeRam::kBase + 200, "pong\n");
  CHECK(b.cmd(net::CMD_SEND, 1, FakeRam::kBase + 200, 5) == 5);
  b.clock.advance_by(kLatency);
  std::vector<uint8_t> got(16);
  CHECK(b.network.recv(peer, got).value == 5);
  CHECK(std::string(got.begin(), got.begin() + 5) == "pong\n");
}

TEST_CASE("the IRQ line follows RD_WAIT/WR_WAIT and readiness, and only while CTRL_IRQ", "[net_device]") {
  Board b;
  b.cmd(net::CMD_LISTEN, 0, 0, 80);
  b.wr(net::RD_WAIT, 1u << 0);  // wake me when the listener has a connection
  b.wr(net::CTRL, net::CTRL_IRQ);
  CHECK_FALSE(b.dev.irq().level());
  b.network.connect(board::kNetPeerAddress, {board::kNetBoardAddress, 80}, nullptr);
  b.clock.advance_by(kLatency);
  CHECK(b.dev.irq().level());
  CHECK(b.rd(net::RD_READY) == 1u);
  b.wr(net::CTRL, 0);  // the ISR masks the device; the loop polls RD_READY later
  CHECK_FALSE(b.dev.irq().level());
  b.wr(net::CTRL, net::CTRL_IRQ);
  CHECK(b.dev.irq().level());
  b.wr(net::RD_WAIT, 0);  // the loop woke the waiter and withdrew the interest
  CHECK_FALSE(b.dev.irq().level());
  CHECK(b.rd(net::RD_READY) == 0u);
}

TEST_CASE("firmware connects out: CONNECT_RESULT says when and a refusal is an error", "[net_device]") {
  Board b;
  b.network.listen(board::kNetPeerAddress, {0, 7}, 1, nullptr);
  int32_t h = b.cmd(net::CMD_CONNECT, 0, board::kNetPeerAddress, 7);
  REQUIRE(h == 0);
  b.wr(net::WR_WAIT, 1u);
  b.wr(net::CTRL, net::CTRL_IRQ);
  CHECK(b.cmd(net::CMD_CONNECT_RESULT, 0) == -net::ERR_WOULD_BLOCK);
  b.clock.advance_by(2 * kLatency);
  CHECK(b.dev.irq().level());  // connected: writable
  CHECK(b.cmd(net::CMD_CONNECT_RESULT, 0) == 0);
  int32_t bad = b.cmd(net::CMD_CONNECT, 0, board::kNetPeerAddress, 9);
  b.clock.advance_by(2 * kLatency);
  CHECK(b.cmd(net::CMD_CONNECT_RESULT, static_cast<uint32_t>(bad)) == -net::ERR_REFUSED);
  CHECK(b.status(static_cast<uint32_t>(bad)) & net::STATUS_ERROR);
}

TEST_CASE("misuse is a result and a named diagnostic, never a crash", "[net_device]") {
  Board b;
  CHECK(b.cmd(net::CMD_RECV, 5, FakeRam::kBase, 10) == -net::ERR_BAD_HANDLE);
  CHECK(b.cmd(net::CMD_CLOSE, 500) == -net::ERR_BAD_HANDLE);
  CHECK(b.cmd(77) == -net::ERR_INVALID);
  b.cmd(net::CMD_LISTEN, 0, 0, 80);
  b.network.connect(board::kNetPeerAddress, {board::kNetBoardAddress, 80}, nullptr);
  b.clock.advance_by(2 * kLatency);
  int32_t h = b.cmd(net::CMD_ACCEPT, 0);
  CHECK(b.cmd(net::CMD_SEND, static_cast<uint32_t>(h), 0x1000'0000, 4) == -net::ERR_FAULT);
  REQUIRE(b.log.lines.size() == 4);
  CHECK(b.log.lines[0] == "NET0: command on handle 5, which names no open socket");
  CHECK(b.log.lines[2] == "NET0: unknown command 77 written to CMD");
  CHECK(b.log.lines[3] == "NET0: SEND from 0x10000000 (4 bytes): not in memory");
}

TEST_CASE("handles: the lowest free slot, reused after CLOSE, and a clear error when all are taken", "[net_device]") {
  Board b;
  for (int i = 0; i < NetDevice::kSocketCount; ++i)
    REQUIRE(b.cmd(net::CMD_LISTEN, 0, 0, static_cast<uint32_t>(1000 + i)) == i);
  CHECK(b.cmd(net::CMD_LISTEN, 0, 0, 2000) == -net::ERR_NO_SOCKETS);
  CHECK(b.log.lines.back() == "NET0: all 128 sockets in use");
  CHECK(b.cmd(net::CMD_CLOSE, 7) == 0);
  CHECK(b.status(7) == 0);
  CHECK(b.cmd(net::CMD_LISTEN, 0, 0, 2000) == 7);
  CHECK(b.dev.open_sockets() == NetDevice::kSocketCount);
  CHECK(b.cmd(net::CMD_LOCAL_PORT, 7) == 2000);
}
