// SPDX-License-Identifier: GPL-2.0-or-later
// TimelineStore: the GUI thread's copy of the board's history -- each task's state changes, each
// interrupt handler's runs, and who woke whom -- built from the History batches the
// emulator thread hands over, and laid out for drawing: per task, changes in time order, so the
// timeline finds the visible window by binary search and draws only what is on screen.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "snapshot.h"

namespace gui {

class TimelineStore {
 public:
  struct Change {
    devices::Nanoseconds at;
    devices::TaskState state;
    devices::WaitReason waits_on;
  };
  struct Track {
    uint32_t serial = 0;
    std::string name;
    std::vector<Change> changes;  // in time order; the state holds until the next change
  };
  struct HandlerRun {
    int exception = 0;
    devices::Nanoseconds begin = 0, end = 0;  // end == begin while still running
    bool open = true;
  };
  // An interrupt's handler set a ThreadSafeFlag and the loop woke the task waiting on it (or, not
  // safely, called Event.set() itself).
  struct Wake {
    int exception;
    devices::Nanoseconds handler_entry;
    uint32_t serial;
    devices::Nanoseconds at;
  };
  // A task woke another: set an Event it waited on, released a Lock to it, or finished.
  struct TaskWake {
    uint32_t waker, serial;
    devices::Nanoseconds at;
  };

  // Per-track and overall caps: beyond them the oldest half is forgotten (the view says so).
  static constexpr size_t kMaxChangesPerTrack = 20'000;
  static constexpr size_t kMaxHandlerRuns = 100'000;

  void add(const History& batch);
  void clear();
  uint64_t generation() const { return generation_; }

  const std::vector<Track>& tracks() const { return tracks_; }
  const std::vector<HandlerRun>& handler_runs() const { return runs_; }
  const std::vector<Wake>& wakes() const { return wakes_; }
  const std::vector<TaskWake>& task_wakes() const { return task_wakes_; }
  devices::Nanoseconds latest() const { return latest_; }
  uint64_t forgotten() const { return forgotten_; }

  // The index of the change in effect at `t` (the last one at or before it), or -1 if none yet.
  static long change_at(const Track& track, devices::Nanoseconds t);

 private:
  Track& track(uint32_t serial);

  uint64_t generation_ = 0;
  std::vector<Track> tracks_;
  std::vector<int32_t> index_;  // serial -> index into tracks_, -1: none
  std::vector<HandlerRun> runs_;
  std::vector<Wake> wakes_;
  std::vector<TaskWake> task_wakes_;
  std::vector<long> open_run_;  // exception -> index into runs_ of its handler run still going, -1
  devices::Nanoseconds latest_ = 0;
  uint64_t forgotten_ = 0;
};

}  // namespace gui
