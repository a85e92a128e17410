// Turns what a person does at the board -- button presses, pin changes, console typing, with their
// virtual times -- and what the firmware prints into a scenario file that replays the same run
// headless: inputs become waits and press/release/set-pin/type steps, console lines become
// wait-console expectations.
// The dashboard records through it; `asyncboard run --record` drives it from typed commands.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "devices/event_scheduler.h"

namespace sim {

// The steps mirror the session exactly -- the same waits, the inputs between them -- so the replay
// asks the machine to run to the same instants and everything happens at the same cycle. Console
// lines are checked after the wait they came in, without moving time (`within: 0ns`).
class ScenarioRecorder {
 public:
  // The board ran for `d` (a wait typed, a button held, or time a person let pass).
  void wait(devices::Nanoseconds d);
  // An input step, as the scenario format writes it: ("press", "B1"), ("release", "B1"),
  // ("set-pin", "{ pin: PA3, value: high }").
  void input(const std::string& kind, const std::string& argument);
  // Text typed into the console, which took `lasted` to arrive at the line's baud rate.
  void type(const std::string& text, devices::Nanoseconds lasted);
  // A console line the firmware printed (during the latest wait).
  void console(const std::string& text);

  // The scenario file: `firmware` as the file should name it; the time limit covers the session.
  std::string yaml(const std::string& name, const std::string& firmware) const;

 private:
  std::string steps_;
  devices::Nanoseconds total_ = 0;
};

}  // namespace sim
