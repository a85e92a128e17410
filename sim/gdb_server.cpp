// SPDX-License-Identifier: GPL-2.0-or-later
#include "gdb_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <fmt/format.h>
#include <stdexcept>

namespace sim {

namespace {

// The registers gdb sees, in 'g' packet order: r0-r12, sp, lr, pc, then xpsr (gdb's regnum 25).
const int kRegs[] = {UC_ARM_REG_R0,  UC_ARM_REG_R1,  UC_ARM_REG_R2, UC_ARM_REG_R3, UC_ARM_REG_R4,  UC_ARM_REG_R5,
                     UC_ARM_REG_R6,  UC_ARM_REG_R7,  UC_ARM_REG_R8, UC_ARM_REG_R9, UC_ARM_REG_R10, UC_ARM_REG_R11,
                     UC_ARM_REG_R12, UC_ARM_REG_SP,  UC_ARM_REG_LR, UC_ARM_REG_PC, UC_ARM_REG_XPSR};
constexpr int kRegCount = 17;

const char* const kTargetXml =
    "<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\"><target><architecture>arm</architecture>"
    "<feature name=\"org.gnu.gdb.arm.m-profile\">"
    "<reg name=\"r0\" bitsize=\"32\"/><reg name=\"r1\" bitsize=\"32\"/><reg name=\"r2\" bitsize=\"32\"/>"
    "<reg name=\"r3\" bitsize=\"32\"/><reg name=\"r4\" bitsize=\"32\"/><reg name=\"r5\" bitsize=\"32\"/>"
    "<reg name=\"r6\" bitsize=\"32\"/><reg name=\"r7\" bitsize=\"32\"/><reg name=\"r8\" bitsize=\"32\"/>"
    "<reg name=\"r9\" bitsize=\"32\"/><reg name=\"r10\" bitsize=\"32\"/><reg name=\"r11\" bitsize=\"32\"/>"
    "<reg name=\"r12\" bitsize=\"32\"/><reg name=\"sp\" bitsize=\"32\" type=\"data_ptr\"/>"
    "<reg name=\"lr\" bitsize=\"32\"/><reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\"/>"
    "<reg name=\"xpsr\" bitsize=\"32\" regnum=\"25\"/></feature></target>";

std::string hex32le(uint32_t v) {
  return fmt::format("{:02x}{:02x}{:02x}{:02x}", v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, v >> 24);
}

uint32_t parse_hex32le(const std::string& s, size_t at) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(std::stoul(s.substr(at + i * 2, 2), nullptr, 16)) << (8 * i);
  return v;
}

// "addr,len" (hex) from `s` after `prefix` characters.
bool parse_range(const std::string& s, size_t prefix, uint32_t& addr, uint32_t& len) {
  size_t comma = s.find(',', prefix);
  if (comma == std::string::npos) return false;
  try {
    addr = static_cast<uint32_t>(std::stoul(s.substr(prefix, comma - prefix), nullptr, 16));
    len = static_cast<uint32_t>(std::stoul(s.substr(comma + 1), nullptr, 16));
  } catch (...) {
    return false;
  }
  return true;
}

}  // namespace

GdbServer::GdbServer(Machine& machine, uint16_t port) : m_(machine) {
  listener_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // loopback only: the stub is not for the network
  if (listener_ < 0 || bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(listener_, 1) != 0) {
    std::string why = std::strerror(errno);
    if (listener_ >= 0) close(listener_);
    throw std::runtime_error(fmt::format("gdb: cannot listen on 127.0.0.1:{}: {}", port, why));
  }
  socklen_t len = sizeof addr;
  getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
}

GdbServer::~GdbServer() {
  if (client_ >= 0) close(client_);
  if (listener_ >= 0) close(listener_);
}

bool GdbServer::read_packet(std::string& packet) {
  for (;;) {
    size_t start = pending_.find('$');
    if (start != std::string::npos) {
      size_t hash = pending_.find('#', start);
      if (hash != std::string::npos && hash + 2 < pending_.size()) {
        packet = pending_.substr(start + 1, hash - start - 1);
        pending_.erase(0, hash + 3);
        (void)::send(client_, "+", 1, MSG_NOSIGNAL);
        return true;
      }
    } else {
      pending_.clear();  // acks and stray bytes before a packet
    }
    char buf[4096];
    ssize_t n = recv(client_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    pending_.append(buf, static_cast<size_t>(n));
  }
}

void GdbServer::send_packet(const std::string& body) {
  unsigned sum = 0;
  for (unsigned char c : body) sum += c;
  std::string out = fmt::format("${}#{:02x}", body, sum & 0xFF);
  (void)::send(client_, out.data(), out.size(), MSG_NOSIGNAL);
}

bool GdbServer::interrupted() {
  pollfd p{client_, POLLIN, 0};
  if (poll(&p, 1, 0) <= 0) return false;
  char buf[256];
  ssize_t n = recv(client_, buf, sizeof buf, MSG_PEEK);
  if (n <= 0) return true;  // gone: stop running
  if (std::memchr(buf, 0x03, static_cast<size_t>(n))) {
    (void)recv(client_, buf, static_cast<size_t>(n), 0);
    return true;
  }
  return false;
}

std::string GdbServer::stop_reply(StopReason r) const {
  switch (r) {
    case StopReason::Exited: return fmt::format("W{:02x}", *m_.exit_status() & 0xFF);
    case StopReason::Faulted: return "S0b";  // SIGSEGV
    case StopReason::StopRequested: return "S02";  // SIGINT: interrupted
    default: return "S05";  // SIGTRAP: breakpoint, step
  }
}

// Runs in slices of virtual time so Ctrl-C from gdb is seen while the firmware runs or sleeps.
StopReason GdbServer::resume(bool single_step) {
  if (single_step) return m_.step();
  const Cycles slice = m_.clock().core_hz() / 100;  // 10 ms of virtual time
  for (;;) {
    StopReason r = m_.run_until(m_.clock().now() + slice);
    if (r == StopReason::Idle) r = m_.run_until(m_.clock().now() + slice);  // sleeping: time still passes
    if (r != StopReason::TimeReached && r != StopReason::Idle) return r;
    if (interrupted()) return StopReason::StopRequested;
  }
}

std::string GdbServer::handle(const std::string& p, bool& resume_now, bool& step, bool& done) {
  Cpu& cpu = m_.cpu();
  if (p == "?") return "S05";
  if (p.rfind("qSupported", 0) == 0) return "PacketSize=4000;qXfer:features:read+";
  if (p.rfind("qXfer:features:read:target.xml:", 0) == 0) {
    uint32_t offset = 0, length = 0;
    if (!parse_range(p, std::strlen("qXfer:features:read:target.xml:"), offset, length)) return "E01";
    std::string xml = kTargetXml;
    if (offset >= xml.size()) return "l";
    std::string chunk = xml.substr(offset, length);
    return (offset + chunk.size() >= xml.size() ? "l" : "m") + chunk;
  }
  if (p == "qAttached") return "1";
  if (p == "qfThreadInfo") return "m1";
  if (p == "qsThreadInfo") return "l";
  if (p == "qC") return "QC1";
  if (p.rfind("H", 0) == 0 || p.rfind("T", 0) == 0) return "OK";
  if (p == "g") {
    std::string out;
    for (int i = 0; i < kRegCount; ++i) out += hex32le(cpu.reg(kRegs[i]) & (i == 15 ? ~1u : ~0u));
    return out;
  }
  if (p[0] == 'G' && p.size() >= 1 + kRegCount * 8) {
    for (int i = 0; i < kRegCount; ++i) {
      uint32_t v = parse_hex32le(p, 1 + i * 8);
      if (i == 15) v |= 1;
      if (i != 16) cpu.set_reg(kRegs[i], v);
    }
    return "OK";
  }
  if (p[0] == 'p' || p[0] == 'P') {
    size_t eq = p.find('=');
    int n = static_cast<int>(std::stoul(p.substr(1, eq == std::string::npos ? std::string::npos : eq - 1), nullptr, 16));
    int index = n < 16 ? n : n == 25 ? 16 : -1;
    if (p[0] == 'p') return index < 0 ? "xxxxxxxx" : hex32le(cpu.reg(kRegs[index]) & (index == 15 ? ~1u : ~0u));
    if (index < 0 || index == 16 || eq == std::string::npos) return "E01";
    uint32_t v = parse_hex32le(p, eq + 1);
    cpu.set_reg(kRegs[index], index == 15 ? (v | 1) : v);
    return "OK";
  }
  if (p[0] == 'm') {
    uint32_t addr = 0, len = 0;
    if (!parse_range(p, 1, addr, len) || len > 0x4000) return "E01";
    std::string bytes(len, '\0');
    if (!cpu.read(addr, bytes.data(), len)) return "E14";  // EFAULT
    std::string out;
    for (unsigned char c : bytes) out += fmt::format("{:02x}", c);
    return out;
  }
  if (p[0] == 'M') {
    uint32_t addr = 0, len = 0;
    size_t colon = p.find(':');
    if (colon == std::string::npos || !parse_range(p.substr(0, colon), 1, addr, len) || p.size() < colon + 1 + len * 2)
      return "E01";
    std::string bytes;
    for (uint32_t i = 0; i < len; ++i) bytes += static_cast<char>(std::stoul(p.substr(colon + 1 + i * 2, 2), nullptr, 16));
    return cpu.write(addr, bytes.data(), len) ? "OK" : "E14";
  }
  if ((p[0] == 'Z' || p[0] == 'z') && (p[1] == '0' || p[1] == '1')) {
    uint32_t addr = 0, kind = 0;
    if (!parse_range(p, 3, addr, kind)) return "E01";
    if (p[0] == 'Z')
      m_.add_breakpoint(addr);
    else
      m_.remove_breakpoint(addr);
    return "OK";
  }
  if (p == "c" || p.rfind("c", 0) == 0) {
    resume_now = true;
    return "";
  }
  if (p == "s" || p.rfind("s", 0) == 0) {
    resume_now = step = true;
    return "";
  }
  if (p == "k" || p[0] == 'D') {
    done = true;
    return p[0] == 'D' ? "OK" : "";
  }
  return "";  // unsupported: the empty reply tells gdb so
}

StopReason GdbServer::serve(const std::function<void(const std::string&)>& log) {
  log(fmt::format("gdb: listening on 127.0.0.1:{} (gdb-multiarch FIRMWARE.elf -ex \"target remote :{}\")", port_, port_));
  client_ = accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
  if (client_ < 0) throw std::runtime_error(fmt::format("gdb: accept failed: {}", std::strerror(errno)));
  int one = 1;
  setsockopt(client_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  log("gdb: connected");
  StopReason last = StopReason::StopRequested;
  std::string packet;
  while (read_packet(packet)) {
    bool resume_now = false, step = false, done = false;
    std::string reply = handle(packet, resume_now, step, done);
    if (done) {
      if (!reply.empty()) send_packet(reply);
      break;
    }
    if (resume_now) {
      last = resume(step);
      send_packet(stop_reply(last));
      if (last == StopReason::Exited) break;
      continue;
    }
    send_packet(reply);
  }
  log("gdb: session ended");
  return last;
}

}  // namespace sim
