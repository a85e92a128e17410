// SPDX-License-Identifier: GPL-2.0-or-later
// VirtualClock: the machine's one notion of time, counted in CPU cycles at the core clock, and the
// deterministic queue of everything scheduled to happen at a time (timer matches, scripted input).
// Events due at the same cycle run in the order they were scheduled.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <utility>

#include "devices/event_scheduler.h"
#include "run_horizon.h"

namespace sim {

using Cycles = uint64_t;

class VirtualClock final : public devices::EventScheduler {
 public:
  explicit VirtualClock(uint32_t core_hz) : hz_(core_hz) {}

  uint32_t core_hz() const { return hz_; }
  Cycles now() const { return now_; }
  devices::Nanoseconds now_ns() const override { return to_ns(now_); }

  devices::Nanoseconds to_ns(Cycles c) const;
  Cycles from_ns_ceil(devices::Nanoseconds ns) const;  // the first cycle at or after `ns`

  // Moves time forward (never back). Does not run events: deliver_due() does.
  void advance_to(Cycles c) {
    if (c > now_) now_ = c;
  }
  void advance_by(Cycles c) { now_ += c; }

  devices::EventId schedule_at(devices::Nanoseconds at, std::function<void()> action) override;
  devices::EventId schedule_at_cycle(Cycles at, std::function<void()> action);
  void cancel(devices::EventId id) override;

  std::optional<Cycles> next_event() const;
  // The same as a plain number for the hot path: UINT64_MAX when nothing is scheduled.
  Cycles next_event_cycle() const { return next_cycle_; }
  // Runs every event due at or before now(), in order (events they schedule for now run too).
  void deliver_due();
  // An event scheduled before `horizon` lowers it to the event's cycle (the block hook's one compare).
  void watch(RunHorizon* horizon) { horizon_ = horizon; }

 private:
  struct Key {
    Cycles at;
    devices::EventId id;  // increasing: ties run in scheduling order
    bool operator<(const Key& o) const { return at != o.at ? at < o.at : id < o.id; }
  };
  Cycles now_ = 0;
  Cycles next_cycle_ = UINT64_MAX;  // beside now_: the block hook compares the two on every block
  uint32_t hz_;
  devices::EventId next_id_ = 1;
  std::map<Key, std::function<void()>> events_;
  std::map<devices::EventId, Cycles> when_;
  RunHorizon* horizon_ = nullptr;
  void refresh_next() { next_cycle_ = events_.empty() ? UINT64_MAX : events_.begin()->first.at; }
};

}  // namespace sim
