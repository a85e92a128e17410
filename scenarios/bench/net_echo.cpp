// SPDX-License-Identifier: MIT
// Benchmark: a minimal echo server for the network figures, driven by `asyncboard bench` from the
// simulator's side of the virtual network (sim/bench_net.cpp). No console output, so the figures are
// the runtime's and NET0's work only.
//   port 7: line echo -- readline, write, drain, as the 100-tcp-echo demo serves a client (round
//           trips, 64 concurrent connections);
//   port 9: bulk echo -- whatever arrived (read(): one receive of up to 512 bytes) goes straight
//           back (throughput).
// Mark 1 when a connection's task starts running (connect -> accept).
#include <stdexcept>

#include "asyncio/asyncio.h"
#include "marks.h"

namespace {

constexpr size_t kLineLimit = 256;
constexpr int kBacklog = 64;  // the figure is 64 connections arriving at once

asyncio::Coro<> echo_lines(asyncio::StreamPtr reader, asyncio::StreamPtr writer) {
  bench_mark(1);
  reader->set_line_limit(kLineLimit);
  try {
    for (;;) {
      std::string line = co_await reader->readline();
      if (line.empty()) break;  // end of stream
      writer->write(line);
      co_await writer->drain();
    }
  } catch (const std::runtime_error&) {  // OSError (a reset) or RuntimeError (a line too long): ends this client only
  }
  writer->close();
  co_await writer->wait_closed();
}

asyncio::Coro<> echo_bulk(asyncio::StreamPtr reader, asyncio::StreamPtr writer) {
  bench_mark(1);
  try {
    for (;;) {
      std::string data = co_await reader->read(4096);
      if (data.empty()) break;
      writer->write(data);
      co_await writer->drain();
    }
  } catch (const std::runtime_error&) {
  }
  writer->close();
  co_await writer->wait_closed();
}

asyncio::Coro<> main_task() {
  asyncio::Server lines = co_await asyncio::start_server(echo_lines, "0.0.0.0", 7, kBacklog);
  asyncio::Server bulk = co_await asyncio::start_server(echo_bulk, "0.0.0.0", 9, 1);
  co_await lines.wait_closed();  // serves until the simulator is done with it
}

}  // namespace

int main() {
  asyncio::run(main_task());
  return 0;
}
