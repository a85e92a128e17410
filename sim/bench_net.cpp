// SPDX-License-Identifier: GPL-2.0-or-later
// How `asyncboard bench` measures the network: each figure runs bench_net_echo.elf on a Machine of its
// own and plays the clients with sim::TcpPeer on the Machine's virtual network, stopping the Machine
// when what a figure waits for has happened -- so instruction counts and virtual times are read at
// that instant (exact to a translated block).
#include "bench_net.h"

#include <algorithm>
#include <fmt/format.h>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "board/memory_map.h"
#include "machine.h"
#include "tcp_peer.h"

namespace sim {

namespace {

constexpr uint16_t kLinePort = 7;  // readline, write, drain
constexpr uint16_t kBulkPort = 9;  // read, write, drain
constexpr int kRoundTrips = 100;
constexpr int kConnects = 20;
constexpr size_t kBulkBytes = 256 * 1024;
constexpr int kConcurrentConnections = 64;
constexpr int kLinesPerConnection = 10;
constexpr devices::Nanoseconds kPatienceNs = 1'000'000'000;  // virtual time a figure may take at most

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// The echo server on a Machine, and the clients' way to wait for something.
class EchoBench {
 public:
  EchoBench(const ElfImage& image, devices::LinkConfig link) : m_(image) {
    m_.set_trace_enabled(false);  // the figures are the runtime's own, as for the other images
    m_.network().set_config(link);
    m_.on_mark([this](const Mark&) { check(); });
    if (m_.run_until(Machine::kForever) != StopReason::Idle) fail("did not go idle listening");
  }

  Machine& machine() { return m_; }
  double now_us() const { return static_cast<double>(m_.clock().now_ns()) / 1000; }

  std::unique_ptr<TcpPeer> connect(const std::string& name, uint16_t port) {
    return std::make_unique<TcpPeer>(name, m_.network(), m_.clock(),
                                      devices::SocketAddress{board::kNetBoardAddress, port}, [this] { check(); });
  }

  // Runs until `done` holds, stopping the moment a peer's change or a mark makes it hold. False if the
  // board went idle first (nothing more would happen) or kPatience of virtual time passed.
  bool run_until(std::function<bool()> done) {
    done_ = std::move(done);
    Cycles deadline = m_.clock().now() + m_.clock().from_ns_ceil(kPatienceNs);
    bool ok = true;
    while (!done_()) {
      StopReason r = m_.run_until(deadline);
      if (r == StopReason::StopRequested) continue;
      if (r != StopReason::Idle && r != StopReason::TimeReached)
        fail(r == StopReason::Exited ? fmt::format("the firmware exited with status {}", m_.exit_status().value_or(0))
                                     : "stopped");
      ok = done_();
      break;
    }
    done_ = nullptr;
    return ok;
  }

  // Lets the firmware finish what it does and go back to sleep.
  void settle() {
    if (m_.run_until(Machine::kForever) != StopReason::Idle) fail("did not go idle again");
  }

  // With the firmware's last words, if any: an uncaught exception is printed before it exits.
  [[noreturn]] void fail(const std::string& what) const {
    std::string last = m_.console().empty() ? "" : " (console: " + m_.console().back().text + ")";
    throw std::runtime_error(
        fmt::format("bench: {}: {}{}", m_.image().path(), m_.fault() ? m_.describe_fault() : what, last));
  }

 private:
  void check() {
    if (done_ && done_()) m_.request_stop();
  }

  Machine m_;
  std::function<bool()> done_;
};

devices::LinkConfig no_latency() {
  devices::LinkConfig link;
  link.latency_ns = 0;
  return link;
}

void round_trips(const ElfImage& image, NetFigures& f) {
  EchoBench b(image, no_latency());
  Machine& m = b.machine();
  auto peer = b.connect("round-trip", kLinePort);
  if (!b.run_until([&] { return peer->connected() && !m.marks().empty(); })) b.fail("no connection");
  b.settle();
  const std::string line = "the quick brown fox\n";
  std::vector<double> instructions, us;
  for (int i = 0; i < kRoundTrips; ++i) {
    size_t want = peer->received().size() + line.size();
    uint64_t i0 = m.instructions();
    double t0 = b.now_us();
    peer->send(line);
    if (!b.run_until([&] { return peer->received().size() >= want; })) b.fail("no echo of a line");
    instructions.push_back(static_cast<double>(m.instructions() - i0));
    us.push_back(b.now_us() - t0);
    b.settle();
  }
  std::string expected;
  for (int i = 0; i < kRoundTrips; ++i) expected += line;
  if (peer->received() != expected) b.fail("the echoed lines differ from those sent");
  f.echo_round_trip_instructions = median(instructions);
  f.echo_round_trip_us = median(us);
}

void throughput(const ElfImage& image, NetFigures& f) {
  EchoBench b(image, devices::LinkConfig{});
  Machine& m = b.machine();
  auto peer = b.connect("bulk", kBulkPort);
  if (!b.run_until([&] { return peer->connected() && !m.marks().empty(); })) b.fail("no connection");
  b.settle();
  std::string payload(kBulkBytes, '\0');
  for (size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>(i * 7 + i / 251);
  uint64_t i0 = m.instructions();
  double t0 = b.now_us();
  peer->send(payload);
  if (!b.run_until([&] { return peer->received().size() >= payload.size(); })) b.fail("the bulk echo stopped short");
  if (peer->received() != payload) b.fail("the bulk echo differs from what was sent");
  f.bytes_per_virtual_second = static_cast<double>(payload.size()) / ((b.now_us() - t0) / 1e6);
  f.instructions_per_byte = static_cast<double>(m.instructions() - i0) / static_cast<double>(payload.size());
}

void concurrent(const ElfImage& image, NetFigures& f) {
  EchoBench b(image, devices::LinkConfig{});
  std::vector<std::unique_ptr<TcpPeer>> peers;
  std::vector<std::string> expected;
  double t0 = b.now_us();
  for (int c = 0; c < kConcurrentConnections; ++c) {
    peers.push_back(b.connect(fmt::format("client{}", c), kLinePort));
    std::string lines;
    for (int l = 0; l < kLinesPerConnection; ++l) lines += fmt::format("client {} line {}\n", c, l);
    peers.back()->send(lines);  // queued until the connection is made
    expected.push_back(lines);
  }
  auto finished = [&](const TcpPeer& p, size_t i) {
    return p.received().size() >= expected[i].size() || p.error() != devices::NetError::None || p.eof();
  };
  b.run_until([&] {
    for (size_t i = 0; i < peers.size(); ++i)
      if (!finished(*peers[i], i)) return false;
    return true;
  });
  f.concurrent_connections_us = b.now_us() - t0;
  f.concurrent_connections = kConcurrentConnections;
  for (size_t i = 0; i < peers.size(); ++i)
    if (peers[i]->received() == expected[i] && peers[i]->error() == devices::NetError::None)
      ++f.concurrent_connections_served;
  for (auto& p : peers) p->close();
  b.settle();
  if (b.machine().net0().open_sockets() != 2) b.fail("connections left open after the clients closed");
}

void connects(const ElfImage& image, NetFigures& f) {
  EchoBench b(image, devices::LinkConfig{});
  Machine& m = b.machine();
  std::vector<double> established, accepted, instructions;
  for (int i = 0; i < kConnects; ++i) {
    size_t marks = m.marks().size();
    uint64_t i0 = m.instructions();
    double t0 = b.now_us();
    auto peer = b.connect("connect", kLinePort);
    if (!b.run_until([&] { return !peer->connecting(); }) || !peer->connected()) b.fail("a connect failed");
    established.push_back(b.now_us() - t0);
    if (!b.run_until([&] { return m.marks().size() > marks; })) b.fail("the connection was never accepted");
    accepted.push_back(static_cast<double>(m.clock().to_ns(m.marks().back().at)) / 1000 - t0);
    instructions.push_back(static_cast<double>(m.marks().back().instructions - i0));
    peer->close();
    b.settle();
  }
  f.connect_us = median(established);
  f.connect_to_accept_us = median(accepted);
  f.connect_to_accept_instructions = median(instructions);
}

}  // namespace

NetFigures run_net_benchmarks(const ElfImage& image) {
  NetFigures f;
  round_trips(image, f);
  throughput(image, f);
  concurrent(image, f);
  connects(image, f);
  return f;
}

}  // namespace sim
