// SPDX-License-Identifier: GPL-2.0-or-later
#include "virtual_clock.h"

namespace sim {

devices::Nanoseconds VirtualClock::to_ns(Cycles c) const {
  return static_cast<devices::Nanoseconds>(static_cast<unsigned __int128>(c) * 1'000'000'000u / hz_);
}

Cycles VirtualClock::from_ns_ceil(devices::Nanoseconds ns) const {
  unsigned __int128 scaled = static_cast<unsigned __int128>(ns) * hz_;
  return static_cast<Cycles>((scaled + 999'999'999u) / 1'000'000'000u);
}

devices::EventId VirtualClock::schedule_at(devices::Nanoseconds at, std::function<void()> action) {
  return schedule_at_cycle(from_ns_ceil(at), std::move(action));
}

devices::EventId VirtualClock::schedule_at_cycle(Cycles at, std::function<void()> action) {
  devices::EventId id = next_id_++;
  events_.emplace(Key{at, id}, std::move(action));
  when_.emplace(id, at);
  if (at < next_cycle_) next_cycle_ = at;
  if (horizon_) horizon_->lower(at);
  return id;
}

void VirtualClock::cancel(devices::EventId id) {
  auto it = when_.find(id);
  if (it == when_.end()) return;
  events_.erase(Key{it->second, id});
  when_.erase(it);
  refresh_next();
}

std::optional<Cycles> VirtualClock::next_event() const {
  if (events_.empty()) return std::nullopt;
  return events_.begin()->first.at;
}

void VirtualClock::deliver_due() {
  while (!events_.empty() && events_.begin()->first.at <= now_) {
    auto node = events_.extract(events_.begin());
    when_.erase(node.key().id);
    refresh_next();
    node.mapped()();
  }
}

}  // namespace sim
