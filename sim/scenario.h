// SPDX-License-Identifier: GPL-2.0-or-later
// Scenario files: what to run (firmware, time limit) and a list of steps in virtual time -- input
// to give the board and expectations to check. Parsed from YAML with yaml-cpp; every error names
// the file and line. The format grows in the scenarios issue; scenarios/README.md describes it.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "devices/event_scheduler.h"
#include "devices/virtual_network.h"
#include "devices/trace_port.h"

namespace sim {

class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Step {
  enum class Kind {
    Wait,         // wait: 100ms
    Press,        // press: B1
    Release,      // release: B1
    Click,        // click: B1  (press, hold 50 ms, release); or {button: B1, bounce: 2ms, hold: 100ms}
    WaitConsole,  // wait-console: {text: "button pressed", within: 1ms}, or {match: "pressed [0-9]+"}
    ExpectLed,    // expect-led: {led: LED1, value: on, within: 1ms}  (within: optional), or
                  //   {led: LED1, brightness: 0.25, tolerance: 0.01}  (PWM-dimmed; tolerance optional)
    ExpectBlink,  // expect-blink: {led: LED1, on: 5ms, period: 705ms, until: 10s, tolerance: 1ms}
    ExpectExit,   // expect-exit: 0
    SetPin,       // set-pin: {pin: PA3, value: high}  (high, low, or float: released to its pull)
    ExpectPin,    // expect-pin: {pin: PA5, value: high, within: 1ms}  (within: optional)
    ExpectIrqCount,  // expect-irq-count: {irq: GPIOA, count: 2}  (times the handler was entered)
    RunUntilIdle,    // run-until-idle: 100ms  (the CPU asleep with nothing pending, within that long)
    TcpConnect,   // tcp-connect: {conn: c1, port: 80, within: 10ms}  (refused: true expects a refusal)
    TcpSend,      // tcp-send: {conn: c1, text: "hello\n"}
    TcpExpect,    // tcp-expect: {conn: c1, text: "echo: hello", within: 10ms}  (or match: regex, or eof: true)
    TcpClose,     // tcp-close: c1, or {conn: c1, half: true} (shutdown: the board reads end of stream)
    NetFault,     // net-fault: {reset: c1} | {stall: c1, for: 100ms} | {refuse: 80, count: 1} | {reset-port: 80}
    ExpectTask,      // expect-task: {name: watcher, state: waiting, waits-on: flag, within: 1ms}  (from the trace port)
    Type,            // type: "brightness 25\n"  (into the console's UART at 115200 baud)
  };
  Kind kind;
  int line = 0;             // in the scenario file, for messages
  std::string target;       // button, LED, interrupt or task name
  int pin = -1;             // set-pin, expect-pin: GPIOA pin number
  int level = 0;            // set-pin, expect-pin: 0 low, 1 high; set-pin: -1 float
  int exception = 0;        // expect-irq-count: the exception number (16 + IRQ line, or 15 for SysTick)
  uint64_t count = 0;       // expect-irq-count
  std::string text;         // wait-console; type: the bytes to type
  bool value = false;       // expect-led: lit?
  bool has_brightness = false;     // expect-led: brightness given instead of value
  double brightness = 0;           // expect-led: 0..1
  double brightness_tolerance = 0; // expect-led: how far off it may be
  int exit_status = 0;      // expect-exit
  devices::Nanoseconds duration = 0;   // wait; click hold; wait-console/expect "within"
  devices::Nanoseconds bounce = 0;     // press, release, click: contact bounce for up to this long
  bool has_within = false;
  bool is_regex = false;    // wait-console: `match:` (an ECMAScript regular expression) rather than `text:`
  devices::Nanoseconds on = 0, period = 0, first = 0, until = 0, tolerance = 0;  // expect-blink
  uint16_t port = 0;        // tcp-connect; net-fault refuse / reset-port
  std::string fault;        // net-fault: reset, stall, refuse, reset-port
  devices::TaskState task_state = devices::TaskState::Ready;  // expect-task
  bool has_waits_on = false;                                   // expect-task: waits-on given
  devices::WaitReason waits_on = devices::WaitReason::None;

  std::string describe() const;  // "wait-console \"button pressed\" within 1ms"
};

struct Scenario {
  std::string path;         // the file it came from
  std::string name;
  std::string description;
  std::string firmware;     // as written: a name in build/firmware or a path relative to the file
  devices::Nanoseconds time_limit = 0;
  devices::LinkConfig network;  // network: {latency: 20us, bandwidth: 1000000, buffer: 4096}
  std::vector<Step> steps;
};

// Text as a C string literal for messages: in quotes, newlines and other control bytes escaped.
std::string quoted(std::string_view text);

Scenario parse_scenario_file(const std::string& path);          // throws ScenarioError
Scenario parse_scenario_text(const std::string& text, const std::string& path);

}  // namespace sim
