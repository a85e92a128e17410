#include "app.h"

#include <string>

asyncio::Coro<> echo_lines(asyncio::StreamPtr reader, asyncio::StreamPtr writer) {
  reader->set_line_limit(256);  // a longer line raises RuntimeError: bounded memory per client
  for (;;) {
    std::string line = co_await reader->readline();
    if (line.empty()) break;  // the end of the stream
    writer->write("echo: " + line);
    co_await writer->drain();  // waits while the client is slow to read
  }
  writer->close();
}
