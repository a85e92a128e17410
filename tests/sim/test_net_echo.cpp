// SPDX-License-Identifier: GPL-2.0-or-later
// The 100-tcp-echo server against clients that misbehave (issue 5's "bad input"): one that floods
// without reading its replies, one that sends binary garbage, one that vanishes mid-line. Each time
// the firmware must survive, keep serving the other clients, and keep its memory bounded: the
// virtual network's buffers by flow control, the firmware's heap because drain() blocks instead of
// buffering. Tagged [machine][net].
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <memory>
#include <string>
#include <vector>

#include "board/memory_map.h"
#include "elf_image.h"
#include "firmware_image.h"
#include "machine.h"
#include "tcp_peer.h"

using namespace sim;

namespace {

constexpr uint16_t kEchoPort = 80;
constexpr size_t kLineLimit = 256;  // the demo's (scenarios/100-tcp-echo/main.cpp)


// The echo demo on a Machine, and what the tests read of it.
class EchoBoard {
 public:
  EchoBoard() : image_(firmware("tcp_echo.elf")), m_(image_) {
    REQUIRE(m_.run_until(Machine::kForever) == StopReason::Idle);
    REQUIRE(console_has("echo server listening on port 80"));
    heap_start_ = heap_break();
  }

  Machine& machine() { return m_; }
  devices::VirtualNetwork& network() { return m_.network(); }

  std::unique_ptr<TcpPeer> connect(const std::string& name) {
    auto peer = std::make_unique<TcpPeer>(name, network(), m_.clock(),
                                          devices::SocketAddress{board::kNetBoardAddress, kEchoPort}, nullptr);
    run_ms(1);
    REQUIRE(peer->connected());
    return peer;
  }

  // Runs virtual time in slices of 50 us until `done` holds; false if `ms` passed first.
  template <class Done>
  bool run_until(Done done, double ms) {
    devices::Nanoseconds deadline = m_.clock().now_ns() + static_cast<devices::Nanoseconds>(ms * 1e6);
    while (!done()) {
      if (m_.clock().now_ns() >= deadline || m_.fault()) return false;
      run_ms(0.05);
    }
    return true;
  }
  void run_ms(double ms) {
    m_.run_until(m_.clock().from_ns_ceil(m_.clock().now_ns() + static_cast<devices::Nanoseconds>(ms * 1e6)));
  }

  bool console_has(const std::string& text) const {
    for (const ConsoleLine& l : m_.console())
      if (l.text.find(text) != std::string::npos) return true;
    return false;
  }

  // The firmware's heap break (runtime/ports/board/newlib_stubs.cpp): its heap's high-water mark.
  uint32_t heap_break() {
    const ElfSymbol* s = image_.find("asyncio_heap_break");
    REQUIRE(s);
    uint32_t value = 0;
    REQUIRE(m_.cpu().read32(s->address, value));
    return value;
  }
  uint32_t heap_growth() { return heap_break() - heap_start_; }

 private:
  ElfImage image_;
  Machine m_;
  uint32_t heap_start_ = 0;
};

// A well-behaved client gets its line back within a millisecond.
void check_still_served(EchoBoard& board, TcpPeer& peer, const std::string& line) {
  size_t want = peer.received().size() + 6 + line.size();
  peer.send(line);
  REQUIRE(board.run_until([&] { return peer.received().size() >= want; }, 1));
  CHECK(peer.received().substr(want - 6 - line.size()) == "echo: " + line);
}

// The bytes 0..255 except the newline: NUL first.
std::string every_byte_but_newline() {
  std::string s;
  for (int b = 0; b < 256; ++b)
    if (b != '\n') s += static_cast<char>(b);
  return s;
}

}  // namespace

TEST_CASE("a client that floods without reading is held back by flow control and memory stays bounded", "[machine][net]") {
  EchoBoard board;
  devices::VirtualNetwork& net = board.network();
  // The flooder is a bare socket: it pushes lines as fast as the network takes them and reads nothing.
  devices::NetResult connected = net.connect(board::kNetPeerAddress, {board::kNetBoardAddress, kEchoPort}, [] {});
  REQUIRE(connected.ok());
  auto flooder = static_cast<devices::SocketId>(connected.value);
  auto other = board.connect("other");
  REQUIRE(net.status(flooder).connected);

  const std::string line = fmt::format("{:>63}\n", "flood");  // 64 bytes, well under the line limit
  constexpr size_t kOffer = 64 * 1024;                         // what the flooder tries to send each time
  std::string flood;
  while (flood.size() < kOffer + line.size()) flood += line;
  size_t accepted = 0, offered = 0;
  auto push = [&] {  // offers kOffer more bytes of lines; the network takes what its window allows
    offered += kOffer;
    for (size_t left = kOffer; left;) {
      std::string_view next = std::string_view(flood).substr(accepted % line.size(), left);
      auto r = net.send(flooder, std::span(reinterpret_cast<const uint8_t*>(next.data()), next.size()));
      if (!r.ok()) {
        CHECK(r.error == devices::NetError::WouldBlock);
        return;
      }
      accepted += static_cast<size_t>(r.value);
      left -= static_cast<size_t>(r.value);
    }
  };

  SECTION("the server's drain() blocks, so neither the network nor the heap grows with the flood") {
    size_t max_buffered = 0;
    for (int ms = 0; ms < 50; ++ms) {
      push();
      board.run_ms(1);
      max_buffered = std::max(max_buffered, net.buffered_bytes());
    }
    size_t accepted_at_50ms = accepted;
    uint32_t heap_at_50ms = board.heap_growth();
    for (int ms = 0; ms < 50; ++ms) {
      push();
      board.run_ms(1);
      max_buffered = std::max(max_buffered, net.buffered_bytes());
    }
    INFO("accepted " << accepted << " of " << offered << " bytes offered, heap grew " << board.heap_growth()
                     << " bytes, at most " << max_buffered << " bytes buffered in the network");
    CHECK(offered >= 6 * 1024 * 1024);  // megabytes offered...
    CHECK(accepted == accepted_at_50ms);  // ...but blocked: the server stopped reading once its replies backed up
    CHECK(accepted < 64 * 1024);
    const devices::LinkConfig& link = net.config();
    CHECK(max_buffered <= 4 * 2 * link.buffer_bytes);  // two connections, each side's buffer and window
    CHECK(board.heap_growth() == heap_at_50ms);
    CHECK(board.heap_growth() < 16 * 1024);
    check_still_served(board, *other, "are you still there?\n");  // one blocked client blocks nobody else

    // The flooder vanishes while the server waits in drain(): that client is lost, the others are not.
    net.reset(flooder);
    REQUIRE(board.run_until([&] { return board.console_has("client 1 lost: stream write: Connection reset by peer"); }, 1));
    check_still_served(board, *other, "and now?\n");
    CHECK(board.machine().net0().open_sockets() == 2);  // the listener and `other`
  }

  SECTION("once it reads, a megabyte goes through and comes back whole, and the heap stays where it was") {
    std::string echoes;
    uint8_t buffer[4096];
    auto read_all = [&] {
      for (;;) {
        auto r = net.recv(flooder, std::span(buffer, sizeof buffer));
        if (!r.ok() || r.value == 0) return;
        echoes.append(reinterpret_cast<char*>(buffer), static_cast<size_t>(r.value));
      }
    };
    for (int ms = 0; ms < 10; ++ms) {  // first blocked, as above
      push();
      board.run_ms(1);
    }
    uint32_t heap_blocked = board.heap_growth();
    constexpr size_t kMegabyte = 1024 * 1024;
    size_t max_buffered = 0;
    while (accepted < kMegabyte) {
      push();
      board.run_ms(0.1);
      read_all();
      max_buffered = std::max(max_buffered, net.buffered_bytes());
      REQUIRE_FALSE(board.machine().fault());
    }
    REQUIRE(board.run_until([&] { read_all(); return echoes.size() == accepted / line.size() * (6 + line.size()); }, 50));
    std::string expected;
    for (size_t i = 0; i < accepted / line.size(); ++i) expected += "echo: " + line;
    CHECK(echoes == expected);
    CHECK(max_buffered <= 4 * 2 * net.config().buffer_bytes);
    CHECK(board.heap_growth() == heap_blocked);
    check_still_served(board, *other, "after the flood\n");
    net.close(flooder);
  }
}

TEST_CASE("binary garbage with NUL bytes is echoed intact and an endless binary line ends that client only", "[machine][net]") {
  EchoBoard board;
  auto garbage = board.connect("garbage");
  auto other = board.connect("other");
  std::string binary = every_byte_but_newline();
  REQUIRE(binary[0] == '\0');

  // A line is bytes up to a newline: NUL and the rest come back untouched.
  garbage->send(binary + "\n");
  REQUIRE(board.run_until([&] { return garbage->received().size() >= 6 + binary.size() + 1; }, 1));
  CHECK(garbage->received() == "echo: " + binary + "\n");

  // Binary without a newline, beyond the line limit: the documented error, then the server closes
  // with the rest of the garbage unread -- which the peer sees as a reset, as from Linux.
  std::string endless;
  while (endless.size() < 4 * kLineLimit) endless += binary;
  garbage->send(endless);
  REQUIRE(board.run_until([&] { return garbage->eof() || garbage->error() != devices::NetError::None; }, 5));
  CHECK(garbage->error() == devices::NetError::Reset);
  CHECK(garbage->received().substr(6 + binary.size() + 1) == "error: line too long\n");
  CHECK(board.console_has("client 1 sent a line over 256 bytes"));

  check_still_served(board, *other, "hello\n");
  CHECK(board.heap_growth() < 16 * 1024);
  CHECK_FALSE(board.machine().fault());
}

TEST_CASE("a client that vanishes mid-line is dropped and the others are still served", "[machine][net]") {
  EchoBoard board;
  auto first = board.connect("first");
  auto vanishing = board.connect("vanishing");
  auto third = board.connect("third");
  vanishing->send("half a li");
  board.run_ms(1);
  vanishing->reset();
  REQUIRE(board.run_until([&] { return board.console_has("client 2 lost: stream read: Connection reset by peer"); }, 1));
  check_still_served(board, *first, "one\n");
  check_still_served(board, *third, "three\n");

  // A newcomer takes the freed place, and no socket leaked: the listener and three clients.
  auto fourth = board.connect("fourth");
  check_still_served(board, *fourth, "four\n");
  CHECK(board.machine().net0().open_sockets() == 4);
  CHECK_FALSE(board.machine().fault());
}

TEST_CASE("with all of NET0's sockets in use the server keeps new clients in the backlog and serves them when one leaves", "[machine][net]") {
  EchoBoard board;
  // The listener and 127 clients fill NET0's 128 sockets; they arrive in groups within the backlog.
  constexpr int kClients = devices::NetDevice::kSocketCount - 1;
  std::vector<std::unique_ptr<TcpPeer>> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.push_back(std::make_unique<TcpPeer>(fmt::format("c{}", i), board.network(), board.machine().clock(),
                                                devices::SocketAddress{board::kNetBoardAddress, kEchoPort}, nullptr));
    if (i % 32 == 31) board.run_ms(1);
  }
  REQUIRE(board.run_until([&] { return board.console_has(fmt::format("client {} connected", kClients)); }, 500));
  CHECK(board.machine().net0().open_sockets() == devices::NetDevice::kSocketCount);

  // One more: the network takes it into the listener's backlog, the firmware has no socket for it.
  auto late = board.connect("late");
  REQUIRE(board.run_until([&] { return board.console_has("server: no socket for a new connection"); }, 5));
  late->send("may I?\n");
  board.run_ms(5);
  CHECK(late->received().empty());
  CHECK_FALSE(board.machine().exit_status());  // the server did not end (it once did, silently)
  check_still_served(board, *clients.back(), "the others are served meanwhile\n");

  // A client leaves: its socket goes to the one waiting, which gets its answer.
  clients.front()->close();
  REQUIRE(board.run_until([&] { return late->received() == "echo: may I?\n"; }, 5));
  CHECK(board.machine().net0().open_sockets() == devices::NetDevice::kSocketCount);
  CHECK_FALSE(board.machine().fault());
}
