// The board's network port: not wired yet -- the socket-offload network device arrives with the
// peripherals issue. Every call fails with ENOSYS, so open_connection()/start_server() raise a
// clear OSError instead of hanging.
#include <errno.h>

#include "asyncio/port.h"

namespace asyncio::port {

namespace net {
int connect(const char*, uint16_t) noexcept { return -ENOSYS; }
int connect_result(int) noexcept { return -ENOSYS; }
int listen(const char*, uint16_t, int) noexcept { return -ENOSYS; }
int accept(int) noexcept { return -ENOSYS; }
long recv(int, void*, size_t) noexcept { return -ENOSYS; }
long send(int, const void*, size_t) noexcept { return -ENOSYS; }
void close(int) noexcept {}
bool peername(int, char*, size_t) noexcept { return false; }
uint16_t local_port(int) noexcept { return 0; }
const char* error_text(int error) noexcept {
  return error == ENOSYS ? "no network device on this board yet" : "network error";
}
}  // namespace net

void io_wait(int, bool, detail::TaskNode*) noexcept {}
detail::TaskNode* io_cancel(int, bool) noexcept { return nullptr; }
void poll_io() noexcept {}
bool io_waiting() noexcept { return false; }

}  // namespace asyncio::port
