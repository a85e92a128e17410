// SPDX-License-Identifier: GPL-2.0-or-later
#include "semihosting.h"

#include <fmt/format.h>

namespace sim {

namespace {
constexpr uint32_t SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04, SYS_WRITE = 0x05, SYS_CLOCK = 0x10, SYS_EXIT = 0x18,
                   SYS_EXIT_EXTENDED = 0x20, SYS_ELAPSED = 0x30, SYS_TICKFREQ = 0x31;
constexpr uint32_t ADP_Stopped_ApplicationExit = 0x20026;
constexpr uint32_t kFailed = 0xFFFFFFFF;
constexpr uint32_t kMaxString = 64 * 1024;
}  // namespace

uint32_t Semihosting::word(uint32_t address) {
  uint32_t v = 0;
  m_.read(address, &v, 4);
  return v;
}

uint32_t Semihosting::call(uint32_t op, uint32_t arg, const std::function<void(const std::string&)>& note) {
  switch (op) {
    case SYS_WRITEC: {
      char c = 0;
      if (!m_.read(arg, &c, 1)) return kFailed;
      m_.console(c);
      return 0;
    }
    case SYS_WRITE0: {
      for (uint32_t i = 0; i < kMaxString; ++i) {
        char c = 0;
        if (!m_.read(arg + i, &c, 1) || c == 0) break;
        m_.console(c);
      }
      return 0;
    }
    case SYS_WRITE: {  // {handle, buffer, length}; returns the bytes NOT written
      uint32_t handle = word(arg), buffer = word(arg + 4), length = word(arg + 8);
      if (handle != 1 && handle != 2) return length;
      for (uint32_t i = 0; i < length && i < kMaxString; ++i) {
        char c = 0;
        if (!m_.read(buffer + i, &c, 1)) return length - i;
        m_.console(c);
      }
      return 0;
    }
    case SYS_CLOCK: return static_cast<uint32_t>(m_.cycles() / (m_.core_hz / 100));  // centiseconds
    case SYS_ELAPSED: {  // 64-bit tick count into {low, high}
      uint64_t c = m_.cycles();
      uint32_t words[2] = {static_cast<uint32_t>(c), static_cast<uint32_t>(c >> 32)};
      return m_.write(arg, words, sizeof words) ? 0 : kFailed;
    }
    case SYS_TICKFREQ: return m_.core_hz;
    case SYS_EXIT:  // AArch32: r1 is the reason itself
      m_.exit(arg == ADP_Stopped_ApplicationExit ? 0 : 1);
      return 0;
    case SYS_EXIT_EXTENDED:  // {reason, subcode}: the subcode is the exit status
      m_.exit(word(arg) == ADP_Stopped_ApplicationExit ? word(arg + 4) : 1);
      return 0;
    default:
      note(fmt::format("semihosting: operation 0x{:02X} is not supported (returns -1)", op));
      return kFailed;
  }
}

}  // namespace sim
