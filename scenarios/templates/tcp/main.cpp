// @NAME@ on the board: a TCP echo server on port 7 of the board's network device (NET0), each
// client in a task of its own.
#include <cstdio>

#include "app.h"

namespace {
asyncio::Coro<> serve() {
  asyncio::Server server = co_await asyncio::start_server(echo_lines, "0.0.0.0", 7);
  std::printf("@NAME@: echo server listening on port %u\n", server.port());
  co_await server.wait_closed();
}
}  // namespace

int main() { asyncio::run(serve()); }
