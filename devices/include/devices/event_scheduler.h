// SPDX-License-Identifier: GPL-2.0-or-later
// What a device model needs from time: the current virtual time and one-shot callbacks at a
// future instant. The simulator's VirtualClock implements it; device tests use a small fake.
#pragma once
#include <cstdint>
#include <functional>

namespace devices {

using Nanoseconds = uint64_t;
using EventId = uint64_t;
inline constexpr EventId kNoEvent = 0;

class EventScheduler {
 public:
  virtual ~EventScheduler() = default;
  virtual Nanoseconds now_ns() const = 0;
  // Runs `action` once when virtual time reaches `at` (at once, on the next delivery, if `at` is past).
  // Events due at the same instant run in the order they were scheduled.
  virtual EventId schedule_at(Nanoseconds at, std::function<void()> action) = 0;
  // Forgets a scheduled event; unknown or already-run ids are ignored.
  virtual void cancel(EventId id) = 0;
};

}  // namespace devices
