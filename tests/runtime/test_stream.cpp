// SPDX-License-Identifier: GPL-2.0-or-later
// Semantics statements 31-33: TCP streams -- on the host over POSIX sockets, on the board over
// NET0 and the simulator's virtual network. The same tests, both sides.
#include "portable_test.h"

#include <string>

#include "asyncio/asyncio.h"

using asyncio::Coro;
using asyncio::StreamPtr;

namespace {

Coro<> echo_lines(StreamPtr reader, StreamPtr writer) {
  for (;;) {
    std::string line = co_await reader->readline();
    if (line.empty()) break;
    writer->write("echo: " + line);
    co_await writer->drain();
  }
  writer->close();
}

}  // namespace

TEST_CASE("open_connection talks to start_server, and reader and writer are one stream (31, 32)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    asyncio::Server server = co_await asyncio::start_server(echo_lines, "127.0.0.1", 0);
    uint16_t port = server.port();
    CHECK(port != 0);
    auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", port);
    CHECK(reader == writer);
    CHECK(reader->get_extra_info("peername") == "127.0.0.1:" + std::to_string(port));
    writer->write("hello\nworld\n");
    co_await writer->drain();
    l += co_await reader->readline();
    l += co_await reader->readline();
    writer->close();
    server.close();
    co_await server.wait_closed();
    co_await writer->wait_closed();
  }(log));
  CHECK(log == "echo: hello\necho: world\n");
}

TEST_CASE("read(n), read() to the end, readinto and readexactly (32)") {
  asyncio_test::Start start;
  asyncio::run([]() -> Coro<> {
    auto send_then_close = [](StreamPtr, StreamPtr w) -> Coro<> {
      w->write("0123456789abcdef");
      co_await w->drain();
      w->close();
    };
    asyncio::Server server = co_await asyncio::start_server(send_then_close, "127.0.0.1", 0);
    auto [r, w] = co_await asyncio::open_connection("127.0.0.1", server.port());
    std::string four = co_await r->readexactly(4);
    CHECK(four == "0123");
    std::string some = co_await r->read(3);
    CHECK(some.size() <= 3);
    CHECK(some == std::string("456").substr(0, some.size()));
    char buf[2];
    size_t n = co_await r->readinto(buf, sizeof buf);
    CHECK(n >= 1);
    std::string rest = co_await r->read();
    CHECK((some + std::string(buf, n) + rest) == "456789abcdef");
    std::string at_end = co_await r->read();
    CHECK(at_end.empty());  // EOF gives empty bytes
    bool eof_error = false;
    try {
      co_await r->readexactly(1);
    } catch (const asyncio::EOFError&) {
      eof_error = true;
    }
    CHECK(eof_error);
    (void)w;
  }());
}

TEST_CASE("a refused connection raises OSError with the reason (33)") {
  asyncio_test::Start start;
  std::string what;
  asyncio::run([](std::string& w) -> Coro<> {
    uint16_t free_port;
    {
      asyncio::Server probe = co_await asyncio::start_server(echo_lines, "127.0.0.1", 0);
      free_port = probe.port();
    }  // closed on scope exit: nothing listens there now
    try {
      co_await asyncio::open_connection("127.0.0.1", free_port);
    } catch (const asyncio::OSError& e) {
      w = e.what();
    }
  }(what));
  CHECK(what.find("Connection refused") != std::string::npos);
  CHECK(what.find("open_connection(127.0.0.1:") != std::string::npos);
}

TEST_CASE("drain() always suspends at least once (32)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    asyncio::Server server = co_await asyncio::start_server(echo_lines, "127.0.0.1", 0);
    auto [r, w] = co_await asyncio::open_connection("127.0.0.1", server.port());
    asyncio::create_task([](std::string& l) -> Coro<> {
      l += "other ";
      co_return;
    }(l));
    w->write("x\n");
    co_await w->drain();
    l += "drained ";
    (void)r;
  }(log));
  CHECK(log == "other drained ");
}

TEST_CASE("ours: a line longer than the limit is an error, not unbounded memory (33)") {
  asyncio_test::Start start;
  std::string what;
  asyncio::run([](std::string& wh) -> Coro<> {
    auto flood = [](StreamPtr, StreamPtr w) -> Coro<> {
      w->write(std::string(5000, 'x'));
      co_await w->drain();
    };
    asyncio::Server server = co_await asyncio::start_server(flood, "127.0.0.1", 0);
    auto [r, w] = co_await asyncio::open_connection("127.0.0.1", server.port());
    r->set_line_limit(1024);
    try {
      co_await r->readline();
    } catch (const asyncio::RuntimeError& e) {
      wh = e.what();
    }
    (void)w;
  }(what));
  CHECK(what.find("line limit of 1024 bytes") != std::string::npos);
}

TEST_CASE("ours: cancelling a reader does not strand a writer on the same stream (33)") {
  asyncio_test::Start start;
  std::string log;
  asyncio::run([](std::string& l) -> Coro<> {
    asyncio::Server server = co_await asyncio::start_server(echo_lines, "127.0.0.1", 0);
    auto [r, w] = co_await asyncio::open_connection("127.0.0.1", server.port());
    auto reader = asyncio::create_task([](StreamPtr r, std::string& l) -> Coro<> {
      try {
        co_await r->read(100);  // nothing comes until we write
        l += "read ";
      } catch (const asyncio::CancelledError&) {
        l += "reader-cancelled ";
      }
    }(r, l));
    co_await asyncio::sleep_ms(0);
    reader.cancel();
    co_await reader;
    w->write("ping\n");
    co_await w->drain();  // the writer is not stuck behind the cancelled reader
    std::string reply = co_await r->readline();
    l += reply;
  }(log));
  CHECK(log == "reader-cancelled echo: ping\n");
}
