// @NAME@'s task code on this machine (the runtime's POSIX port, real loopback sockets):
// ctest --test-dir build
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <string>

#include "app.h"

TEST_CASE("a client's lines come back, in order, and the end of its stream ends the connection") {
  std::string first, second;
  auto client = [&]() -> asyncio::Coro<> {
    asyncio::Server server = co_await asyncio::start_server(echo_lines, "127.0.0.1", 0);  // any free port
    auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", server.port());
    writer->write("hello\nsecond ");
    co_await writer->drain();
    first = co_await reader->readline();
    writer->write("line\n");
    co_await writer->drain();
    second = co_await reader->readline();
    server.close();
    writer->close();
    co_await server.wait_closed();
  };
  asyncio::run(client());
  CHECK(first == "echo: hello\n");
  CHECK(second == "echo: second line\n");
}
