// SPDX-License-Identifier: MIT
#include "asyncio/stream.h"

#include <cerrno>
#include <cstdint>

#include "asyncio/errors.h"
#include "asyncio/loop.h"
#include "asyncio/port.h"
#include "asyncio/sleep.h"
#include "asyncio/wait_for.h"

namespace asyncio {

namespace detail {

namespace {

// Suspends the current task until the port says `handle` is readable (or writable).
class IoReady {
 public:
  IoReady(int handle, bool for_write) noexcept : handle_(handle), write_(for_write) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    Loop& loop = get_event_loop();
    TaskNode* me = loop.current();
    if (!me) throw RuntimeError("stream I/O outside a running task");
    port::io_wait(handle_, write_, me);
    // waiting_on encodes the handle and direction, so cancel() can withdraw exactly this wait.
    void* token = reinterpret_cast<void*>(static_cast<uintptr_t>(handle_) * 2 + (write_ ? 1 : 0));
    loop.park(me, h, TaskState::Waiting, WaitReason::Stream, kNoDeadline, token, &IoReady::leave);
  }
  void await_resume() const { raise_if_cancelled(); }

 private:
  static void leave(TaskNode* t) noexcept {
    auto token = reinterpret_cast<uintptr_t>(t->waiting_on);
    port::io_cancel(static_cast<int>(token / 2), token & 1);
  }
  int handle_;
  bool write_;
};

[[noreturn]] void raise_os_error(int negative_error, const char* what) {
  int error = -negative_error;
  throw OSError(error, std::string(what) + ": " + port::net::error_text(error));
}

}  // namespace

int listen_or_raise(const std::string& host, uint16_t port, int backlog) {
  int h = port::net::listen(host.c_str(), port, backlog);
  if (h < 0) raise_os_error(h, ("start_server(" + host + ":" + std::to_string(port) + ")").c_str());
  return h;
}

namespace {

// Acceptors that found the port out of sockets, waiting for one to be freed (socket_freed()).
WaitQueue g_acceptors_waiting;

// How long an acceptor out of sockets waits at most before it tries again anyway: on the host a
// descriptor may be freed outside asyncio (CPython's asyncio retries after a second as well).
constexpr int64_t kAcceptRetryMs = 1000;

// Suspends the current task until a stream or server closes (or the retry time passes).
class SocketFreed {
 public:
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    Loop& loop = get_event_loop();
    TaskNode* me = loop.current();
    if (!me) throw RuntimeError("accept outside a running task");
    g_acceptors_waiting.push_back(me);
    loop.park(me, h, TaskState::Waiting, WaitReason::Stream, deadline_after_ms(kAcceptRetryMs), &g_acceptors_waiting,
              &WaitQueue::detach);
  }
  void await_resume() const { raise_if_cancelled(); }
};

void socket_freed() noexcept {
  Loop& loop = get_event_loop();
  while (TaskNode* t = g_acceptors_waiting.pop_front()) loop.wake(t);
}

// Errors that say the port has no socket (or memory) for another connection just now.
bool out_of_sockets(int error) { return error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM; }

// A connection that went away before it was accepted: skip it, as accept(2) advises.
bool connection_gone(int error) { return error == ECONNABORTED || error == ECONNRESET || error == EPROTO; }

}  // namespace

// A failed accept does not end the server (as in MicroPython, which ignores it, and CPython): when
// the port is out of sockets the error goes once to the loop's exception handler and the acceptor
// waits until a stream closes -- the new connections wait in the listener's backlog meanwhile --
// rather than ending the server (which would end the firmware's wait_closed()) or spinning on a
// listener that stays readable.
Coro<StreamPtr> accept_one(int listener) {
  bool reported = false;
  for (;;) {
    int h = port::net::accept(listener);
    if (h >= 0) co_return std::make_shared<Stream>(h);
    if (h == port::net::kWouldBlock) {
      co_await IoReady(listener, false);
    } else if (connection_gone(-h)) {
      continue;
    } else if (out_of_sockets(-h)) {
      if (!reported) {
        reported = true;
        std::exception_ptr error =
            std::make_exception_ptr(OSError(-h, std::string("accept: ") + port::net::error_text(-h)));
        get_event_loop().call_exception_handler(
            {"server: no socket for a new connection; it waits in the backlog until one is freed", error, {}});
      }
      co_await SocketFreed();
    } else {
      raise_os_error(h, "accept");
    }
  }
}

}  // namespace detail

Coro<std::pair<StreamPtr, StreamPtr>> open_connection(std::string host, uint16_t port) {
  std::string where = "open_connection(" + host + ":" + std::to_string(port) + ")";
  int h = port::net::connect(host.c_str(), port);
  if (h < 0) detail::raise_os_error(h, where.c_str());
  auto stream = std::make_shared<Stream>(h);  // closes the handle if anything below throws
  co_await detail::IoReady(h, true);          // writable: the connection is made or has failed
  int result = port::net::connect_result(h);
  if (result < 0) detail::raise_os_error(result, where.c_str());
  co_return std::make_pair(stream, stream);
}

Coro<bool> Stream::fill() {
  if (eof_ || handle_ < 0) co_return false;
  char chunk[512];
  for (;;) {
    long n = port::net::recv(handle_, chunk, sizeof chunk);
    if (n > 0) {
      in_.append(chunk, static_cast<size_t>(n));
      co_return true;
    }
    if (n == 0) {
      eof_ = true;
      co_return false;
    }
    if (n != port::net::kWouldBlock) detail::raise_os_error(static_cast<int>(n), "stream read");
    co_await detail::IoReady(handle_, false);
  }
}

Coro<std::string> Stream::read(long n) {
  if (n == 0) co_return std::string();
  if (n < 0) {
    while (co_await fill()) {
    }
    co_return std::exchange(in_, std::string());
  }
  if (in_.empty()) co_await fill();
  size_t take = std::min(in_.size(), static_cast<size_t>(n));
  std::string out = in_.substr(0, take);
  in_.erase(0, take);
  co_return out;
}

Coro<size_t> Stream::readinto(char* buffer, size_t size) {
  if (size == 0) co_return 0;
  if (in_.empty()) co_await fill();
  size_t take = std::min(in_.size(), size);
  in_.copy(buffer, take);
  in_.erase(0, take);
  co_return take;
}

Coro<std::string> Stream::readexactly(size_t n) {
  while (in_.size() < n) {
    if (!co_await fill())
      throw EOFError("readexactly: the stream ended after " + std::to_string(in_.size()) + " of " + std::to_string(n) +
                     " bytes");
  }
  std::string out = in_.substr(0, n);
  in_.erase(0, n);
  co_return out;
}

Coro<std::string> Stream::readline() {
  size_t searched = 0;
  for (;;) {
    size_t nl = in_.find('\n', searched);
    if (nl != std::string::npos) {
      std::string line = in_.substr(0, nl + 1);
      in_.erase(0, nl + 1);
      co_return line;
    }
    searched = in_.size();
    if (in_.size() > line_limit_)
      throw RuntimeError("readline: no newline within the line limit of " + std::to_string(line_limit_) + " bytes");
    if (!co_await fill()) co_return std::exchange(in_, std::string());
  }
}

Coro<> Stream::drain() {
  co_await sleep_ms(0);  // drain always suspends at least once, as in MicroPython
  size_t sent = 0;
  while (sent < out_.size()) {
    if (handle_ < 0) throw OSError(9, "drain: the stream is closed");
    long n = port::net::send(handle_, out_.data() + sent, out_.size() - sent);
    if (n > 0) {
      sent += static_cast<size_t>(n);
    } else if (n == port::net::kWouldBlock) {
      co_await detail::IoReady(handle_, true);
    } else {
      out_.erase(0, sent);
      detail::raise_os_error(static_cast<int>(n), "stream write");
    }
  }
  out_.clear();
}

void Stream::close() noexcept {
  if (handle_ < 0) return;
  // Tasks still waiting on this stream wake up and find it closed (end of stream, or an error).
  for (bool for_write : {false, true})
    if (detail::TaskNode* waiter = port::io_cancel(handle_, for_write)) get_event_loop().wake(waiter);
  port::net::close(handle_);
  handle_ = -1;
  detail::socket_freed();  // an acceptor out of sockets may take the next connection now
}

std::string Stream::get_extra_info(std::string_view name) const {
  char buf[64];
  if (name == "peername" && handle_ >= 0 && port::net::peername(handle_, buf, sizeof buf)) return buf;
  return "";
}

void Server::close() noexcept {
  if (listener_ < 0) return;
  if (acceptor_ && !acceptor_.done()) {
    try {
      acceptor_.cancel();
    } catch (...) {  // only "can't cancel self": the acceptor never closes its own server
    }
  }
  port::io_cancel(listener_, false);
  port::net::close(listener_);
  listener_ = -1;
  detail::socket_freed();
}

Coro<> Server::wait_closed() {
  if (acceptor_ && !acceptor_.done()) {
    Task<> t(acceptor_.node());
    try {
      co_await t;
    } catch (const CancelledError&) {  // the acceptor ends cancelled: that is what closing means
    } catch (...) {  // it failed: say so (wait_closed() raises nothing), or the server would end in silence
      get_event_loop().call_exception_handler({"server: stopped accepting connections", std::current_exception(), t});
    }
  }
}

uint16_t Server::port() const noexcept { return listener_ >= 0 ? port::net::local_port(listener_) : 0; }

}  // namespace asyncio
