// SPDX-License-Identifier: GPL-2.0-or-later
#include "timeline_store.h"

#include <algorithm>

#include "board/peripherals.h"

namespace gui {

void TimelineStore::clear() {
  tracks_.clear();
  index_.clear();
  runs_.clear();
  wakes_.clear();
  task_wakes_.clear();
  open_run_.clear();
  latest_ = 0;
  forgotten_ = 0;
}

TimelineStore::Track& TimelineStore::track(uint32_t serial) {
  if (serial >= index_.size()) index_.resize(serial + 1 + index_.size() / 2, -1);
  if (index_[serial] < 0) {
    index_[serial] = static_cast<int32_t>(tracks_.size());
    tracks_.push_back(Track{serial, "task " + std::to_string(serial), {}});
  }
  return tracks_[index_[serial]];
}

void TimelineStore::add(const History& batch) {
  if (batch.generation != generation_) {
    clear();
    generation_ = batch.generation;
  }
  forgotten_ += batch.dropped;
  for (const auto& [serial, name] : batch.names) track(serial).name = name;
  // Handler runs first: a wake in this batch is matched to a handler run from the same batch.
  for (const IrqMark& m : batch.irqs) {
    latest_ = std::max(latest_, m.at);
    if (m.exception >= static_cast<int>(open_run_.size())) open_run_.resize(m.exception + 1, -1);
    if (m.entry) {
      open_run_[m.exception] = static_cast<long>(runs_.size());
      runs_.push_back(HandlerRun{m.exception, m.at, m.at, true});
    } else if (open_run_[m.exception] >= 0) {
      HandlerRun& r = runs_[open_run_[m.exception]];
      r.end = m.at;
      r.open = false;
      open_run_[m.exception] = -1;
    }
  }
  for (const TaskChange& c : batch.tasks) {
    latest_ = std::max(latest_, c.at);
    Track& t = track(c.serial);
    if (c.kind == devices::TaskEventKind::InterruptWoke) {
      // The latest handler entry at or before the wake: the loop knows a flag woke the task, and
      // the handler that ran last is what set it (the same rule as the trace export's arrows).
      for (auto it = runs_.rbegin(); it != runs_.rend(); ++it)
        if (it->begin <= c.at && it->exception != 16 + board::kTimebaseIrq) {  // not TIMEBASE: it wakes sleepers, not flags
          wakes_.push_back(Wake{it->exception, it->begin, c.serial, c.at});
          break;
        }
    } else if (c.kind == devices::TaskEventKind::Woke) {
      // From the handler running at that instant, if one is (Event.set() from an interrupt, which
      // is not safe), else from the task that woke it.
      const HandlerRun* running = nullptr;
      for (auto it = runs_.rbegin(); it != runs_.rend() && !running; ++it)
        if (it->begin <= c.at && (it->open || c.at < it->end)) running = &*it;
      if (running)
        wakes_.push_back(Wake{running->exception, running->begin, c.serial, c.at});
      else if (c.waker)
        task_wakes_.push_back(TaskWake{c.waker, c.serial, c.at});
    }
    if (!t.changes.empty() && t.changes.back().state == c.state && t.changes.back().waits_on == c.waits_on) continue;
    t.changes.push_back(Change{c.at, c.state, c.waits_on});
    if (t.changes.size() > kMaxChangesPerTrack) {
      size_t cut = t.changes.size() / 2;
      t.changes.erase(t.changes.begin(), t.changes.begin() + cut);
      forgotten_ += cut;
    }
  }
  if (runs_.size() > kMaxHandlerRuns) {
    size_t cut = runs_.size() / 2;
    runs_.erase(runs_.begin(), runs_.begin() + cut);
    for (long& i : open_run_) i = i >= static_cast<long>(cut) ? i - static_cast<long>(cut) : -1;
    forgotten_ += cut;
  }
  if (wakes_.size() > kMaxHandlerRuns) wakes_.erase(wakes_.begin(), wakes_.begin() + wakes_.size() / 2);
  if (task_wakes_.size() > kMaxHandlerRuns)
    task_wakes_.erase(task_wakes_.begin(), task_wakes_.begin() + task_wakes_.size() / 2);
}

long TimelineStore::change_at(const Track& track, devices::Nanoseconds t) {
  auto it = std::upper_bound(track.changes.begin(), track.changes.end(), t,
                             [](devices::Nanoseconds v, const Change& c) { return v < c.at; });
  return static_cast<long>(it - track.changes.begin()) - 1;
}

}  // namespace gui
