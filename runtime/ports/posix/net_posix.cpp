// SPDX-License-Identifier: MIT
// asyncio's network port on Linux: non-blocking TCP sockets (IPv4, numeric or resolvable hosts).
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>

#include "asyncio/port.h"

namespace asyncio::port::net {

static_assert(kWouldBlock == -EAGAIN, "kWouldBlock must be -EAGAIN");

namespace {

int fail() { return errno == EWOULDBLOCK ? kWouldBlock : -errno; }

bool resolve(const char* host, uint16_t port, sockaddr_in& out) {
  out = {};
  out.sin_family = AF_INET;
  out.sin_port = htons(port);
  if (!host || !*host || strcmp(host, "0.0.0.0") == 0) {
    out.sin_addr.s_addr = htonl(INADDR_ANY);
    return true;
  }
  if (inet_pton(AF_INET, host, &out.sin_addr) == 1) return true;
  addrinfo hints{}, *res = nullptr;
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(host, nullptr, &hints, &res) != 0 || !res) return false;
  out.sin_addr = reinterpret_cast<sockaddr_in*>(res->ai_addr)->sin_addr;
  freeaddrinfo(res);
  return true;
}

int make_socket() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -errno;
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

}  // namespace

int connect(const char* host, uint16_t port) noexcept {
  sockaddr_in addr;
  if (!resolve(host, port, addr)) return -EHOSTUNREACH;
  int fd = make_socket();
  if (fd < 0) return fd;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
    int error = -errno;
    ::close(fd);
    return error;
  }
  return fd;
}

int connect_result(int handle) noexcept {
  int error = 0;
  socklen_t len = sizeof error;
  if (getsockopt(handle, SOL_SOCKET, SO_ERROR, &error, &len) != 0) return -errno;
  return -error;
}

int listen(const char* host, uint16_t port, int backlog) noexcept {
  sockaddr_in addr;
  if (!resolve(host, port, addr)) return -EADDRNOTAVAIL;
  int fd = make_socket();
  if (fd < 0) return fd;
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, backlog) != 0) {
    int error = -errno;
    ::close(fd);
    return error;
  }
  return fd;
}

int accept(int listener) noexcept {
  int fd = accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (fd < 0) return fail();
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

long recv(int handle, void* buffer, size_t size) noexcept {
  ssize_t n = ::recv(handle, buffer, size, 0);
  return n < 0 ? fail() : n;
}

long send(int handle, const void* data, size_t size) noexcept {
  ssize_t n = ::send(handle, data, size, MSG_NOSIGNAL);
  return n < 0 ? fail() : n;
}

void close(int handle) noexcept {
  if (handle >= 0) ::close(handle);
}

bool peername(int handle, char* out, size_t size) noexcept {
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  if (getpeername(handle, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return false;
  char ip[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &addr.sin_addr, ip, sizeof ip);
  snprintf(out, size, "%s:%u", ip, ntohs(addr.sin_port));
  return true;
}

uint16_t local_port(int handle) noexcept {
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  if (getsockname(handle, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return 0;
  return ntohs(addr.sin_port);
}

const char* error_text(int error) noexcept { return strerror(error); }

}  // namespace asyncio::port::net
