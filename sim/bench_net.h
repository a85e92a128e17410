// SPDX-License-Identifier: GPL-2.0-or-later
// The network figures of `asyncboard bench`: bench_net_echo.elf's echo server (scenarios/bench/
// net_echo.cpp) driven from the simulator's side of the virtual network by scenario peers
// (sim::TcpPeer). Every figure is in guest instructions or virtual time, so one run suffices.
#pragma once
#include "elf_image.h"

namespace sim {

struct NetFigures {
  // A short line's round trip on one connection with the link's latency 0: the firmware and NET0
  // alone. Medians over kRoundTrips round trips.
  double echo_round_trip_instructions = 0;
  double echo_round_trip_us = 0;
  // A bulk transfer echoed back through one connection on the default link (no bandwidth limit):
  // payload bytes per virtual second (each byte counted once), and guest instructions per byte.
  double bytes_per_virtual_second = 0;
  double instructions_per_byte = 0;
  // 64 peers connect at once, each sends kLinesPerConnection lines: the connections whose replies
  // all arrived intact, and the virtual time from the connects to the last reply.
  int concurrent_connections_served = 0;
  int concurrent_connections = 0;
  double concurrent_connections_us = 0;
  // A peer's connect on the default link: established on the peer's side (the handshake), and the
  // firmware's connection task running (accept), in virtual time and guest instructions. Medians.
  double connect_us = 0;
  double connect_to_accept_us = 0;
  double connect_to_accept_instructions = 0;
};

// Throws std::runtime_error naming the image when the server misbehaves (a fault, no reply).
NetFigures run_net_benchmarks(const ElfImage& image);

}  // namespace sim
