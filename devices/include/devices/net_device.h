// SPDX-License-Identifier: GPL-2.0-or-later
// NET0, the board's socket-offload network device: the firmware's window onto the virtual network.
// Firmware opens, reads and writes TCP sockets by command (board/registers.h, namespace net); the
// device copies data to and from guest memory itself and raises its interrupt while a socket that
// firmware waits on is ready.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "board/registers.h"
#include "devices/guest_memory.h"
#include "devices/irq_line.h"
#include "devices/register_map.h"
#include "devices/virtual_network.h"

namespace devices {

// Handles are slots 0..kSocketCount-1, the lowest free one first (so runs are reproducible).
// A command's failure is its RESULT (-ERR_*), never a fault; misuse that can only be a firmware
// bug (a handle that names nothing, a buffer outside RAM, an unknown command) is also reported by
// name to the diagnostics sink.
//
//   slot:  free ──CONNECT/LISTEN/ACCEPT──► open ──CLOSE──► free
//                                            │ RD_WAIT/WR_WAIT bits live while open; CLOSE clears them
class NetDevice {
 public:
  static constexpr int kSocketCount = board::net::kSocketCount;
  static constexpr uint32_t kMaxTransfer = 64 * 1024;  // bytes per SEND/RECV command

  NetDevice(std::string name, VirtualNetwork& network, GuestMemory& memory, uint32_t host_address);
  ~NetDevice();  // closes the sockets still open
  NetDevice(const NetDevice&) = delete;
  NetDevice& operator=(const NetDevice&) = delete;

  const std::string& name() const { return name_; }
  RegisterMap& registers() { return registers_; }
  const RegisterMap& registers() const { return registers_; }
  IrqLine& irq() { return irq_; }
  const IrqLine& irq() const { return irq_; }

  int open_sockets() const;
  uint64_t commands() const { return commands_; }
  // The network's socket behind a handle (0: none), for tools and tests.
  SocketId socket_of(int handle) const;

 private:
  void run(uint32_t code);
  NetResult run_checked(uint32_t code);
  NetResult open_slot(NetResult created);
  int free_slot() const;
  SocketId checked(uint32_t handle);
  uint32_t status() const;
  uint32_t ready(const std::array<uint32_t, board::net::kMaskWords>& wait, bool writable, int word) const;
  void update_irq();
  std::vector<Register> register_table();

  std::string name_;
  VirtualNetwork& network_;
  GuestMemory& memory_;
  uint32_t host_address_;
  std::array<SocketId, kSocketCount> slots_{};
  uint32_t handle_ = 0, addr_ = 0, length_ = 0, ctrl_ = 0;
  int32_t result_ = 0;
  uint64_t commands_ = 0;
  std::array<uint32_t, board::net::kMaskWords> rd_wait_{}, wr_wait_{};
  std::vector<uint8_t> scratch_;
  IrqLine irq_;
  RegisterMap registers_;
};

}  // namespace devices
