// SPDX-License-Identifier: GPL-2.0-or-later
// A stand-in for the simulator's virtual clock in device tests: time moves only when a test says
// so, and due events run in time order, then in the order they were scheduled.
#pragma once
#include <algorithm>
#include <functional>
#include <vector>

#include "devices/event_scheduler.h"

namespace devices::testing {

class FakeScheduler : public EventScheduler {
 public:
  Nanoseconds now_ns() const override { return now_; }

  EventId schedule_at(Nanoseconds at, std::function<void()> action) override {
    EventId id = next_id_++;
    Pending event{at, id, std::move(action)};
    // Insert after every event due at or before `at`: ids grow, so this keeps scheduling order.
    auto pos = std::upper_bound(pending_.begin(), pending_.end(), at,
                                [](Nanoseconds t, const Pending& p) { return t < p.at; });
    pending_.insert(pos, std::move(event));
    return id;
  }

  void cancel(EventId id) override {
    std::erase_if(pending_, [id](const Pending& p) { return p.id == id; });
  }

  // Runs every event due at or before `target` (including ones those events schedule), each with
  // the clock set to its instant (or left at now if it was scheduled in the past), then leaves
  // the clock at `target`. Time never goes backwards.
  void advance_to(Nanoseconds target) {
    while (!pending_.empty() && pending_.front().at <= target) {
      Pending event = std::move(pending_.front());
      pending_.erase(pending_.begin());
      now_ = std::max(now_, event.at);
      event.action();
    }
    now_ = std::max(now_, target);
  }
  void advance_by(Nanoseconds delta) { advance_to(now_ + delta); }

  // Moves the clock without delivering anything, as the real simulator does between deliveries.
  void jump_to(Nanoseconds target) { now_ = std::max(now_, target); }

  size_t pending() const { return pending_.size(); }

 private:
  struct Pending {
    Nanoseconds at;
    EventId id;
    std::function<void()> action;
  };
  Nanoseconds now_ = 0;
  EventId next_id_ = kNoEvent + 1;
  std::vector<Pending> pending_;  // sorted by (at, id)
};

}  // namespace devices::testing
