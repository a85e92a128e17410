// SPDX-License-Identifier: GPL-2.0-or-later
// GdbServer: the GDB remote serial protocol over TCP on the loopback interface, so gdb-multiarch
// can debug firmware on the Machine -- registers (an M-profile target description), memory,
// software breakpoints, continue, single step, Ctrl-C, kill and detach.
//
//   build/bin/asyncboard run --gdb 3333 build/firmware/blink.elf
//   gdb-multiarch build/firmware/blink.elf -ex "target remote :3333"
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "machine.h"

namespace sim {

class GdbServer {
 public:
  // Listens on 127.0.0.1:port (0: any free port). Throws std::runtime_error naming the port.
  GdbServer(Machine& machine, uint16_t port);
  ~GdbServer();
  uint16_t port() const { return port_; }

  // Waits for gdb, then serves the session until gdb kills, detaches or disconnects. Returns how
  // the firmware ended up (Exited, Faulted, or StopRequested when gdb left it running).
  StopReason serve(const std::function<void(const std::string&)>& log);

 private:
  bool read_packet(std::string& packet);  // false: connection closed
  void send_packet(const std::string& body);
  std::string handle(const std::string& packet, bool& resume, bool& step, bool& done);
  std::string stop_reply(StopReason r) const;
  StopReason resume(bool single_step);
  bool interrupted();  // gdb sent Ctrl-C (0x03)

  Machine& m_;
  int listener_ = -1;
  int client_ = -1;
  uint16_t port_ = 0;
  std::string pending_;  // bytes read but not yet parsed
};

}  // namespace sim
