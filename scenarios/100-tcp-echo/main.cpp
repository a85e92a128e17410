// SPDX-License-Identifier: MIT
// 100-tcp-echo: a TCP echo server on the board -- start_server, readline, write, drain -- serving
// every client in a task of its own, and surviving the clients that misbehave: garbage, lines
// longer than it will hold, and clients that vanish mid-line.
#include <cstdio>
#include <string>

#include "asyncio/asyncio.h"

namespace {

constexpr size_t kLineLimit = 256;  // a longer line is an error for that client, not unbounded memory
int g_clients = 0;                  // connected now
int g_served = 0;                   // ever

// One client: each line comes back as "echo: <line>". Returns when the client closes its side.
asyncio::Coro<> serve(asyncio::StreamPtr reader, asyncio::StreamPtr writer) {
  std::string peer = reader->get_extra_info("peername");
  int id = ++g_served;
  ++g_clients;
  std::printf("client %d connected from %s (%d open)\n", id, peer.c_str(), g_clients);
  reader->set_line_limit(kLineLimit);
  int lines = 0;
  bool too_long = false;  // C++ cannot co_await inside a catch block: answer after it
  try {
    for (;;) {
      std::string line = co_await reader->readline();
      if (line.empty()) break;  // end of stream: the client is done
      ++lines;
      writer->write("echo: " + line);
      co_await writer->drain();  // waits while the client is slow to read: memory stays bounded
    }
    std::printf("client %d closed after %d line%s\n", id, lines, lines == 1 ? "" : "s");
  } catch (const asyncio::OSError& e) {
    std::printf("client %d lost: %s\n", id, e.what());
  } catch (const asyncio::RuntimeError& e) {
    std::printf("client %d sent a line over %u bytes: %s\n", id, static_cast<unsigned>(kLineLimit), e.what());
    too_long = true;
  }
  if (too_long) {
    writer->write("error: line too long\n");
    try {
      co_await writer->drain();
    } catch (const asyncio::OSError&) {
    }
  }
  --g_clients;
  writer->close();
  co_await writer->wait_closed();
}

asyncio::Coro<> main_task() {
  asyncio::Server server = co_await asyncio::start_server(serve, "0.0.0.0", 80, /*backlog=*/64);
  std::printf("echo server listening on port %u\n", server.port());
  co_await server.wait_closed();  // serves until the board is reset
}

}  // namespace

int main() {
  asyncio::run(main_task());
  return 0;
}
