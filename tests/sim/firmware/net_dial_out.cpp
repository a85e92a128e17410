// SPDX-License-Identifier: GPL-2.0-or-later
// Dials 127.0.0.1:47301 -- through the host bridge when `--allow-connect 127.0.0.1:47301` lets it,
// refused otherwise -- sends a line and prints the answer. Exit status 0 when a reply came, 1 when
// the connection failed.
#include <cstdio>
#include <string>

#include "asyncio/asyncio.h"

namespace {

int g_status = 1;

asyncio::Coro<> dial() {
  try {
    auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", 47301);
    writer->write("ping from the board\n");
    co_await writer->drain();
    std::string reply = co_await reader->readline();
    std::printf("reply: %s", reply.c_str());
    writer->close();
    g_status = 0;
  } catch (const asyncio::OSError& e) {
    std::printf("dial-out failed: %s\n", e.what());
  }
}

}  // namespace

int main() {
  asyncio::run(dial());
  return g_status;
}
