// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: the echo demo's input path (scenarios/100-tcp-echo, build/firmware/tcp_echo.elf) on
// one Machine kept across inputs (booting one per input would cost more than the input). Each
// input is one client: its first byte picks the chunk size and how the client ends (close at
// once, half-close and read to the end, reset, or vanish halfway); the rest is what it sends, in chunks 20 us apart. Then:
//   - the firmware has not faulted, and has let go of the client (only its listener is open);
//   - a client that ended gracefully got "echo: <line>" for each of its leading short lines;
//   - the network stayed within its windows and the heap's high-water mark within 16 KiB;
//   - a second client still gets its echo.
// ASYNCBOARD_FIRMWARE_DIR in the environment overrides where tcp_echo.elf is looked for.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "board/memory_map.h"
#include "elf_image.h"
#include "machine.h"
#include "tcp_peer.h"

namespace {

constexpr uint16_t kEchoPort = 80;
constexpr size_t kShortLine = 200;            // well under the demo's line limit (256)
constexpr uint32_t kHeapBound = 16 * 1024;    // growth of the firmware heap's high-water mark
constexpr double kChunkGapMs = 0.02;

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "echo_server_input: %s\n", what.c_str());
  std::abort();
}

std::string firmware_path() {
  const char* dir = std::getenv("ASYNCBOARD_FIRMWARE_DIR");
  return std::string(dir && *dir ? dir : ASYNCBOARD_FIRMWARE_DIR) + "/tcp_echo.elf";
}

// The board with the echo server listening, shared by every input.
class EchoBoard {
 public:
  EchoBoard() : image_(sim::ElfImage::load(firmware_path())), m_(image_) {
    m_.run_until(sim::Machine::kForever);
    if (m_.fault() || m_.net0().open_sockets() != 1) fail("the echo server did not start: " + m_.describe_fault());
    heap_start_ = heap_break();
  }

  sim::Machine& machine() { return m_; }
  devices::VirtualNetwork& network() { return m_.network(); }

  void run_ms(double ms) {
    m_.run_until(m_.clock().from_ns_ceil(m_.clock().now_ns() + static_cast<devices::Nanoseconds>(ms * 1e6)));
    check_bounds();
  }
  template <class Done>
  bool run_until(Done done, double ms) {
    for (double t = 0; t < ms && !m_.fault(); t += 0.05) {
      if (done()) return true;
      run_ms(0.05);
    }
    return done();
  }

  std::unique_ptr<sim::TcpPeer> connect(const std::string& name) {
    auto peer = std::make_unique<sim::TcpPeer>(name, network(), m_.clock(),
                                               devices::SocketAddress{board::kNetBoardAddress, kEchoPort}, nullptr);
    if (!run_until([&] { return peer->connected(); }, 2)) fail(name + ": the echo server did not accept");
    return peer;
  }

  // No fault, and the server is back to its listener alone.
  void expect_idle(const std::string& after) {
    bool idle = run_until([&] { return m_.net0().open_sockets() == 1; }, 50);
    if (m_.fault()) fail(fmt::format("firmware fault after {}: {}", after, m_.describe_fault()));
    if (!idle) fail(fmt::format("after {} the server still holds {} sockets", after, m_.net0().open_sockets()));
  }

  void check_bounds() {
    size_t connections = network().connections().size();
    size_t held = network().buffered_bytes();
    if (held > connections * 2 * network().config().buffer_bytes)
      fail(fmt::format("the network holds {} bytes for {} connections", held, connections));
    if (heap_break() - heap_start_ > kHeapBound)
      fail(fmt::format("the firmware heap grew by {} bytes", heap_break() - heap_start_));
  }

 private:
  uint32_t heap_break() {
    static const sim::ElfSymbol* s = image_.find("asyncio_heap_break");
    uint32_t value = 0;
    if (!s || !m_.cpu().read32(s->address, value)) fail("cannot read asyncio_heap_break");
    return value;
  }

  sim::ElfImage image_;
  sim::Machine m_;
  uint32_t heap_start_ = 0;
};

enum class Ending { Close, HalfClose, Reset, VanishHalfway };

// What a client that ends gracefully must have got back first: the echo of each line before the
// first one that is long (or unterminated).
std::string expected_prefix(std::string_view sent) {
  std::string out;
  for (size_t nl; (nl = sent.find('\n')) != std::string_view::npos && nl + 1 < kShortLine; sent.remove_prefix(nl + 1))
    out += fmt::format("echo: {}", sent.substr(0, nl + 1));
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static EchoBoard board;
  if (size == 0) return 0;
  auto ending = static_cast<Ending>(data[0] & 3);
  size_t chunk = 1 + (data[0] >> 2) * 8u;
  std::string_view payload(reinterpret_cast<const char*>(data + 1), size - 1);

  auto client = board.connect("fuzz");
  size_t chunks = (payload.size() + chunk - 1) / chunk;
  for (size_t i = 0; i < chunks; ++i) {
    if (ending == Ending::VanishHalfway && i == chunks / 2) break;
    client->send(std::string(payload.substr(i * chunk, chunk)));
    board.run_ms(kChunkGapMs);
  }
  switch (ending) {
    case Ending::Close: client->close(); break;  // its echoes then meet a closed socket: a reset
    case Ending::HalfClose: {
      client->shutdown();
      bool done = board.run_until([&] { return client->eof() || client->error() != devices::NetError::None; }, 50);
      std::string want = expected_prefix(payload);
      if (!done) fail("a client that half-closed never saw the server close");
      if (client->received().compare(0, want.size(), want) != 0)
        fail(fmt::format("the echo differs: sent {:?}, got {:?}, expected to start with {:?}", std::string(payload),
                         client->received(), want));
      client->close();
      break;
    }
    case Ending::Reset:
    case Ending::VanishHalfway: client->reset(); break;
  }
  client.reset();
  board.expect_idle("a fuzzed client");

  auto second = board.connect("second");
  second->send("still there?\n");
  if (!board.run_until([&] { return second->received() == "echo: still there?\n"; }, 5))
    fail(fmt::format("the second client got {:?} instead of its echo", second->received()));
  second->close();
  second.reset();
  board.expect_idle("the second client");
  return 0;
}
