// SPDX-License-Identifier: GPL-2.0-or-later
// Commands from the GUI thread to the emulator thread: what a person does at the dashboard. The
// queue is the only way the GUI changes the board, so the Machine stays owned by one thread.
#pragma once
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace gui {

struct Command {
  enum Kind {
    Run,             // let time pass (paced by the speed)
    Pause,
    Step,            // one instruction, while paused
    SetSpeed,        // value: multiple of real time, 0 = as fast as possible
    Reset,           // the same firmware from its reset vector
    Press,           // text: button name (held until Release: a long press)
    Release,
    Type,            // text: typed into UART0 as-is (the GUI appends the newline)
    StartRecording,  // text: the scenario file to write on StopRecording
    StopRecording,
    Load,            // text: a scenario (.yaml) or firmware image (.elf)
    Replay,          // run the loaded scenario's steps (headless player) and show its result
    Quit,
  };
  Kind kind;
  std::string text;
  double value = 0;
};

class CommandQueue {
 public:
  void push(Command c) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(std::move(c));
    }
    wake_.notify_one();
  }
  // Everything queued so far, in order.
  std::vector<Command> drain() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<Command> out(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
    queue_.clear();
    return out;
  }
  // Sleeps until a command arrives or `until`; the paced emulator waits here so a click never
  // waits for the pace.
  template <typename TimePoint>
  void wait_until(TimePoint until) {
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_until(lock, until, [this] { return !queue_.empty(); });
  }

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Command> queue_;
};

}  // namespace gui
