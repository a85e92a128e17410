// SPDX-License-Identifier: GPL-2.0-or-later
// Turns what a person does at the board -- button presses, pin changes, console typing, TCP clients, with their
// virtual times -- and what the firmware prints into a scenario file that replays the same run
// headless: inputs become waits and press/release/set-pin/type/tcp-* steps, console lines and bytes
// the board sent become wait-console and tcp-expect expectations.
// The dashboard records through it; `asyncboard run --record` drives it from typed commands.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "devices/event_scheduler.h"

namespace sim {

// `s` as a YAML double-quoted string (control bytes escaped; UTF-8 left as it is).
std::string yaml_quoted(const std::string& s);

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
  // A scenario TCP client's step ("tcp-connect", "{ conn: c1, port: 80 }"), and the time the step
  // itself took (a connect runs until it is established).
  void network(const std::string& kind, const std::string& argument, devices::Nanoseconds lasted = 0);
  // Bytes the board sent to a client (during the latest wait or step): a tcp-expect with no time to spare.
  void received(const std::string& conn, const std::string& bytes);

  // The scenario file: `firmware` as the file should name it; the time limit covers the session.
  std::string yaml(const std::string& name, const std::string& firmware) const;

 private:
  std::string steps_;
  devices::Nanoseconds total_ = 0;
};

}  // namespace sim
