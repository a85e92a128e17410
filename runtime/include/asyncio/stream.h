// SPDX-License-Identifier: MIT
// TCP streams, as MicroPython's asyncio.open_connection / start_server / Stream / Server.
//
//   auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", 8080);
//   writer->write("hello\n");
//   co_await writer->drain();
//   std::string line = co_await reader->readline();
//
//   auto server = co_await asyncio::start_server(
//       [](asyncio::StreamPtr r, asyncio::StreamPtr w) -> asyncio::Coro<> { ... }, "0.0.0.0", 8080);
//
// The reader and the writer are the same Stream (StreamReader and StreamWriter name it too). All of
// it is task context. Sockets come from the port (runtime/ports/*/net_*.cpp): POSIX on the host,
// the board's network device later.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "asyncio/coro.h"
#include "asyncio/task.h"

namespace asyncio {

class Stream {
 public:
  explicit Stream(int handle) noexcept : handle_(handle) {}
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
  ~Stream() { close(); }

  // Reads up to n bytes (n < 0: everything until the end of the stream). "" at the end.
  Coro<std::string> read(long n = -1);
  // Reads up to buffer.size() bytes into it; returns how many (0 at the end).
  Coro<size_t> readinto(char* buffer, size_t size);
  // Reads exactly n bytes; raises EOFError if the stream ends first.
  Coro<std::string> readexactly(size_t n);
  // Reads through the next newline (included). At the end, what is left ("" when nothing).
  // A line longer than line_limit() raises RuntimeError rather than growing without bound.
  Coro<std::string> readline();

  // Buffers data; drain() sends it.
  void write(std::string_view data) { out_.append(data); }
  // Sends what write() buffered. Always suspends at least once (other tasks get to run).
  Coro<> drain();
  // Closes the connection (buffered output not yet drained is dropped).
  void close() noexcept;
  Coro<> wait_closed() { co_return; }

  // "peername": the remote "host:port"; anything else: "".
  std::string get_extra_info(std::string_view name) const;

  size_t line_limit() const noexcept { return line_limit_; }
  void set_line_limit(size_t bytes) noexcept { line_limit_ = bytes; }
  int handle() const noexcept { return handle_; }

 private:
  Coro<bool> fill();  // reads more into in_; false at the end of the stream

  int handle_;
  bool eof_ = false;
  size_t line_limit_ = 64 * 1024;
  std::string in_;
  std::string out_;
};

using StreamReader = Stream;
using StreamWriter = Stream;
using StreamPtr = std::shared_ptr<Stream>;

// Connects to host:port. Raises OSError with the reason (refused, unreachable, ...).
Coro<std::pair<StreamPtr, StreamPtr>> open_connection(std::string host, uint16_t port);

// A listening socket and the task accepting its connections. Closes on close() and when it goes
// out of scope.
class Server {
 public:
  Server() = default;
  Server(int listener, TaskRef acceptor) noexcept : listener_(listener), acceptor_(std::move(acceptor)) {}
  Server(Server&& o) noexcept : listener_(std::exchange(o.listener_, -1)), acceptor_(std::move(o.acceptor_)) {}
  Server& operator=(Server&& o) noexcept {
    if (this != &o) {
      close();
      listener_ = std::exchange(o.listener_, -1);
      acceptor_ = std::move(o.acceptor_);
    }
    return *this;
  }
  ~Server() { close(); }

  // Stops accepting (connections already accepted carry on).
  void close() noexcept;
  // Waits until the server has stopped; raises nothing.
  Coro<> wait_closed();
  // The port it listens on (useful after asking for port 0).
  uint16_t port() const noexcept;

 private:
  int listener_ = -1;
  TaskRef acceptor_;
};

namespace detail {
int listen_or_raise(const std::string& host, uint16_t port, int backlog);
Coro<StreamPtr> accept_one(int listener);  // waits for a connection
}  // namespace detail

// Listens on host:port and runs callback(reader, writer) as a new task for each connection.
// The callback returns Coro<> and takes two StreamPtr (the same stream). A failed accept does not
// stop the server: out of sockets (EMFILE), it tells the loop's exception handler once and accepts
// again when a stream closes, the new connections waiting in the backlog meanwhile.
template <typename Callback>
Coro<Server> start_server(Callback callback, std::string host, uint16_t port, int backlog = 5) {
  int listener = detail::listen_or_raise(host, port, backlog);
  auto acceptor = create_task(
      [](Callback cb, int listener) -> Coro<> {
        for (;;) {
          StreamPtr s = co_await detail::accept_one(listener);
          create_task(cb(s, s), "connection");
        }
      }(std::move(callback), listener),
      "server");
  co_return Server(listener, acceptor);
}

}  // namespace asyncio
