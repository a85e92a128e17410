// SPDX-License-Identifier: GPL-2.0-or-later
// Scenario files: parsing every step kind, and errors that name the file, the line and the problem.
#include <catch2/catch.hpp>

#include <string>

#include "scenario.h"

namespace sim {

namespace {

using Kind = Step::Kind;

// Every step kind, each on a known line (the comment keeps the numbering visible).
const char* const kFull = R"(name: full
description: every step kind
firmware: blink
time_limit: 3s
steps:
  - wait: 100ms
  - press: B1
  - release: B1
  - click: B2
  - wait-console: "hello world"
  - wait-console: { text: "button pressed", within: 1ms }
  - expect-led: { led: LED1, value: on, within: 2ms }
  - expect-led: { led: LED2, value: off }
  - expect-blink: { led: LED1, on: 5ms, period: 705ms, until: 10s }
  - expect-blink: { led: LED2, on: 5ms, period: 405ms, until: 10s, first: 100ms, tolerance: 100us }
  - expect-exit: 3
  # line 17: a comment
  - expect-led:
      led: LED3
      value: true
)";

// The message of the ScenarioError that parsing `text` as x.yaml throws.
std::string error_of(const std::string& text) {
  try {
    parse_scenario_text(text, "x.yaml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  FAIL("no ScenarioError for:\n" << text);
  return {};
}


// A valid scenario around the given steps (which start on line 5).
std::string with_steps(const std::string& steps) {
  return "name: t\nfirmware: blink\ntime_limit: 1s\nsteps:\n" + steps;
}

}  // namespace

TEST_CASE("scenario header fields are read", "[scenario]") {
  Scenario sc = parse_scenario_text(kFull, "dir/full.yaml");
  CHECK(sc.path == "dir/full.yaml");
  CHECK(sc.name == "full");
  CHECK(sc.description == "every step kind");
  CHECK(sc.firmware == "blink");
  CHECK(sc.time_limit == 3'000'000'000ull);
  CHECK(sc.steps.size() == 12);
}

TEST_CASE("scenario description is optional", "[scenario]") {
  Scenario sc = parse_scenario_text(with_steps("  - wait: 1ms\n"), "x.yaml");
  CHECK(sc.description.empty());
  CHECK(sc.name == "t");
  REQUIRE(sc.steps.size() == 1);
}

TEST_CASE("scenario every step kind parses to the right fields and line", "[scenario]") {
  Scenario sc = parse_scenario_text(kFull, "x.yaml");
  REQUIRE(sc.steps.size() == 12);
  const auto& s = sc.steps;

  CHECK(s[0].kind == Kind::Wait);
  CHECK(s[0].line == 6);
  CHECK(s[0].duration == 100'000'000);

  CHECK(s[1].kind == Kind::Press);
  CHECK(s[1].line == 7);
  CHECK(s[1].target == "B1");

  CHECK(s[2].kind == Kind::Release);
  CHECK(s[2].line == 8);
  CHECK(s[2].target == "B1");

  CHECK(s[3].kind == Kind::Click);
  CHECK(s[3].line == 9);
  CHECK(s[3].target == "B2");
  CHECK(s[3].duration == 50'000'000);  // held for 50 ms

  CHECK(s[4].kind == Kind::WaitConsole);
  CHECK(s[4].line == 10);
  CHECK(s[4].text == "hello world");
  CHECK_FALSE(s[4].has_within);

  CHECK(s[5].kind == Kind::WaitConsole);
  CHECK(s[5].line == 11);
  CHECK(s[5].text == "button pressed");
  CHECK(s[5].has_within);
  CHECK(s[5].duration == 1'000'000);

  CHECK(s[6].kind == Kind::ExpectLed);
  CHECK(s[6].line == 12);
  CHECK(s[6].target == "LED1");
  CHECK(s[6].value);
  CHECK(s[6].has_within);
  CHECK(s[6].duration == 2'000'000);

  CHECK(s[7].kind == Kind::ExpectLed);
  CHECK(s[7].line == 13);
  CHECK(s[7].target == "LED2");
  CHECK_FALSE(s[7].value);
  CHECK_FALSE(s[7].has_within);

  CHECK(s[8].kind == Kind::ExpectBlink);
  CHECK(s[8].line == 14);
  CHECK(s[8].target == "LED1");
  CHECK(s[8].on == 5'000'000);
  CHECK(s[8].period == 705'000'000);
  CHECK(s[8].until == 10'000'000'000ull);
  CHECK(s[8].first == 0);              // default
  CHECK(s[8].tolerance == 1'000'000);  // default: 1 ms

  CHECK(s[9].kind == Kind::ExpectBlink);
  CHECK(s[9].line == 15);
  CHECK(s[9].target == "LED2");
  CHECK(s[9].period == 405'000'000);
  CHECK(s[9].first == 100'000'000);
  CHECK(s[9].tolerance == 100'000);

  CHECK(s[10].kind == Kind::ExpectExit);
  CHECK(s[10].line == 16);
  CHECK(s[10].exit_status == 3);

  CHECK(s[11].kind == Kind::ExpectLed);
  CHECK(s[11].line == 18);  // the line of the step's key, in block style
  CHECK(s[11].target == "LED3");
  CHECK(s[11].value);
}

TEST_CASE("scenario expect-led accepts on/off, true/false and 1/0", "[scenario]") {
  Scenario sc = parse_scenario_text(with_steps("  - expect-led: { led: A, value: on }\n"
                                               "  - expect-led: { led: A, value: off }\n"
                                               "  - expect-led: { led: A, value: true }\n"
                                               "  - expect-led: { led: A, value: false }\n"
                                               "  - expect-led: { led: A, value: 1 }\n"
                                               "  - expect-led: { led: A, value: 0 }\n"),
                                    "x.yaml");
  REQUIRE(sc.steps.size() == 6);
  CHECK(sc.steps[0].value);
  CHECK_FALSE(sc.steps[1].value);
  CHECK(sc.steps[2].value);
  CHECK_FALSE(sc.steps[3].value);
  CHECK(sc.steps[4].value);
  CHECK_FALSE(sc.steps[5].value);
}

TEST_CASE("scenario expect-exit takes negative statuses", "[scenario]") {
  Scenario sc = parse_scenario_text(with_steps("  - expect-exit: -2\n"), "x.yaml");
  REQUIRE(sc.steps.size() == 1);
  CHECK(sc.steps[0].exit_status == -2);
}

TEST_CASE("scenario steps describe themselves", "[scenario]") {
  Scenario sc = parse_scenario_text(kFull, "x.yaml");
  REQUIRE(sc.steps.size() == 12);
  CHECK(sc.steps[0].describe() == "wait 100ms");
  CHECK(sc.steps[1].describe() == "press B1");
  CHECK(sc.steps[2].describe() == "release B1");
  CHECK(sc.steps[3].describe() == "click B2");
  CHECK(sc.steps[4].describe() == "wait-console \"hello world\"");
  CHECK(sc.steps[5].describe() == "wait-console \"button pressed\" within 1ms");
  CHECK(sc.steps[6].describe() == "expect-led LED1 on within 2ms");
  CHECK(sc.steps[7].describe() == "expect-led LED2 off");
  CHECK(sc.steps[8].describe() == "expect-blink LED1 on 5ms every 705ms until 10s");
  CHECK(sc.steps[10].describe() == "expect-exit 3");
}

TEST_CASE("scenario describe of a hand-made step", "[scenario]") {
  Step s{};
  s.kind = Kind::Wait;
  s.duration = 2'500'000'000ull;
  CHECK(s.describe() == "wait 2.5s");
  s.kind = Kind::ExpectExit;
  s.exit_status = 7;
  CHECK(s.describe() == "expect-exit 7");
}

TEST_CASE("scenario type: the text as YAML gives it, escapes and all", "[scenario]") {
  Scenario sc = parse_scenario_text(with_steps("  - type: \"brightness 25\\n\"\n"
                                               "  - type: plain words\n"
                                               "  - type: \"tab\\there \\\"quoted\\\" \\x01\"\n"),
                                    "x.yaml");
  REQUIRE(sc.steps.size() == 3);
  CHECK(sc.steps[0].kind == Kind::Type);
  CHECK(sc.steps[0].line == 5);
  CHECK(sc.steps[0].text == "brightness 25\n");
  CHECK(sc.steps[1].text == "plain words");
  CHECK(sc.steps[2].text == "tab\there \"quoted\" \x01");
  CHECK(sc.steps[0].describe() == "type \"brightness 25\\n\"");
  CHECK(sc.steps[2].describe() == "type \"tab\\there \\\"quoted\\\" \\x01\"");
}

TEST_CASE("scenario type: empty text, or a map, is refused", "[scenario]") {
  CHECK_THAT(error_of(with_steps("  - type: \"\"\n")), Catch::Contains("x.yaml:5:") && Catch::Contains("type: the text to type is empty"));
  CHECK_THAT(error_of(with_steps("  - type: { text: hi }\n")), Catch::Contains("x.yaml:5:") && Catch::Contains("must be a single value"));
}

TEST_CASE("scenario expect-led brightness: a fraction, a tolerance (default 0.01), a time limit", "[scenario]") {
  Scenario sc = parse_scenario_text(with_steps("  - expect-led: { led: LED1, brightness: 0.25 }\n"
                                               "  - expect-led: { led: LED2, brightness: 1, tolerance: 0.05, within: 20ms }\n"),
                                    "x.yaml");
  REQUIRE(sc.steps.size() == 2);
  CHECK(sc.steps[0].has_brightness);
  CHECK(sc.steps[0].brightness == 0.25);
  CHECK(sc.steps[0].brightness_tolerance == 0.01);
  CHECK_FALSE(sc.steps[0].has_within);
  CHECK(sc.steps[1].brightness == 1.0);
  CHECK(sc.steps[1].brightness_tolerance == 0.05);
  CHECK(sc.steps[1].duration == 20'000'000);
  CHECK(sc.steps[0].describe() == "expect-led LED1 brightness 0.25 (tolerance 0.01)");
  CHECK(sc.steps[1].describe() == "expect-led LED2 brightness 1 (tolerance 0.05) within 20ms");
}

TEST_CASE("scenario expect-led brightness errors name what is wrong", "[scenario]") {
  CHECK_THAT(error_of(with_steps("  - expect-led: { led: LED1, brightness: 1.5 }\n")),
             Catch::Contains("x.yaml:5:") && Catch::Contains("brightness: '1.5' is not a number from 0 to 1"));
  CHECK_THAT(error_of(with_steps("  - expect-led: { led: LED1, brightness: half }\n")),
             Catch::Contains("brightness: 'half' is not a number from 0 to 1"));
  CHECK_THAT(error_of(with_steps("  - expect-led: { led: LED1, value: on, brightness: 0.5 }\n")),
             Catch::Contains("give either 'value' (on or off) or 'brightness'"));
  CHECK_THAT(error_of(with_steps("  - expect-led: { led: LED1, value: on, tolerance: 0.1 }\n")),
             Catch::Contains("'tolerance' goes with 'brightness'"));
}

TEST_CASE("scenario expect-irq-count knows the timers by name", "[scenario]") {
  Scenario sc = parse_scenario_text(with_steps("  - expect-irq-count: { irq: TIMER0, count: 3 }\n"
                                               "  - expect-irq-count: { irq: TIMER1, count: 0 }\n"),
                                    "x.yaml");
  REQUIRE(sc.steps.size() == 2);
  CHECK(sc.steps[0].exception == 16 + 4);
  CHECK(sc.steps[1].exception == 16 + 5);
}

// ---- errors ----

TEST_CASE("scenario invalid YAML is reported with its line", "[scenario]") {
  std::string msg = error_of("name: x\nfirmware: a: b\ntime_limit: 1s\n");
  CHECK_THAT(msg, Catch::StartsWith("x.yaml:2:"));
  CHECK_THAT(msg, Catch::Contains("not valid YAML"));
}

TEST_CASE("scenario root must be a map", "[scenario]") {
  SECTION("a list") {
    std::string msg = error_of("- wait: 1s\n- press: B1\n");
    CHECK_THAT(msg, Catch::StartsWith("x.yaml:1:"));
    CHECK_THAT(msg, Catch::Contains("is a map"));
  }
  SECTION("a plain string") {
    std::string msg = error_of("just some text\n");
    CHECK_THAT(msg, Catch::StartsWith("x.yaml:1:"));
    CHECK_THAT(msg, Catch::Contains("is a map"));
  }
}

TEST_CASE("scenario required keys are named when missing", "[scenario]") {
  const std::string name = "name: t\n", firmware = "firmware: blink\n", limit = "time_limit: 1s\n",
                    steps = "steps:\n  - wait: 1ms\n";
  SECTION("name") {
    std::string msg = error_of(firmware + limit + steps);
    CHECK_THAT(msg, Catch::StartsWith("x.yaml:1:"));
    CHECK_THAT(msg, Catch::Contains("missing 'name'"));
  }
  SECTION("firmware") {
    std::string msg = error_of(name + limit + steps);
    CHECK_THAT(msg, Catch::StartsWith("x.yaml:1:"));
    CHECK_THAT(msg, Catch::Contains("missing 'firmware'"));
  }
  SECTION("time_limit") {
    std::string msg = error_of(name + firmware + steps);
    CHECK_THAT(msg, Catch::StartsWith("x.yaml:1:"));
    CHECK_THAT(msg, Catch::Contains("missing 'time_limit'"));
  }
  SECTION("steps") {
    std::string msg = error_of(name + firmware + limit);
    CHECK_THAT(msg, Catch::StartsWith("x.yaml:1:"));
    CHECK_THAT(msg, Catch::Contains("missing 'steps'"));
  }
}

TEST_CASE("scenario unknown top-level keys are named on their line", "[scenario]") {
  std::string msg = error_of("name: t\nfirmware: blink\ntime_limt: 1s\nsteps:\n  - wait: 1ms\n");
  CHECK_THAT(msg, Catch::StartsWith("x.yaml:3:"));
  CHECK_THAT(msg, Catch::Contains("unknown key 'time_limt'"));
  CHECK_THAT(msg, Catch::Contains("time_limit"));  // the known keys are listed
}

TEST_CASE("scenario unknown step kinds are named with the known ones", "[scenario]") {
  std::string msg = error_of(with_steps("  - wait: 1ms\n  - push: B1\n"));
  CHECK_THAT(msg, Catch::StartsWith("x.yaml:6:5: "));  // line and column of the step's name
  CHECK_THAT(msg, Catch::Contains("unknown step 'push'"));
  for (const char* kind :
       {"wait", "press", "release", "click", "wait-console", "expect-led", "expect-blink", "expect-exit"}) {
    INFO(kind);
    CHECK_THAT(msg, Catch::Contains(kind));
  }
}

TEST_CASE("scenario a step with two keys is refused", "[scenario]") {
  std::string msg = error_of(with_steps("  - wait: 1ms\n  - wait: 1s\n    press: B1\n"));
  CHECK_THAT(msg, Catch::StartsWith("x.yaml:6:"));
  CHECK_THAT(msg, Catch::Contains("one 'kind: arguments' pair"));
}

TEST_CASE("scenario a step that is not a map is refused", "[scenario]") {
  std::string msg = error_of(with_steps("  - wait\n"));
  CHECK_THAT(msg, Catch::StartsWith("x.yaml:5:"));
  CHECK_THAT(msg, Catch::Contains("one 'kind: arguments' pair"));
}

TEST_CASE("scenario bad durations are named", "[scenario]") {
  SECTION("in a wait step") {
    std::string msg = error_of(with_steps("  - wait: 1ms\n  - wait: soon\n"));
    CHECK_THAT(msg, Catch::StartsWith("x.yaml:6:"));
    CHECK_THAT(msg, Catch::Contains("'soon' is not a duration"));
  }
  SECTION("the time limit") {
    std::string msg = error_of("name: t\nfirmware: blink\ntime_limit: 100\nsteps:\n  - wait: 1ms\n");
    CHECK_THAT(msg, Catch::StartsWith("x.yaml:3:"));
    CHECK_THAT(msg, Catch::Contains("time_limit"));
    CHECK_THAT(msg, Catch::Contains("'100' is not a duration"));
  }
  SECTION("a within") {
    std::string msg = error_of(with_steps("  - expect-led:\n      led: LED1\n      value: on\n      within: later\n"));
    CHECK_THAT(msg, Catch::StartsWith("x.yaml:8:"));
    CHECK_THAT(msg, Catch::Contains("'later' is not a duration"));
  }
}

TEST_CASE("scenario unknown keys inside expect-led are named on their line", "[scenario]") {
  std::string msg = error_of(with_steps("  - expect-led:\n      led: LED1\n      colour: red\n      value: on\n"));
  CHECK_THAT(msg, Catch::StartsWith("x.yaml:7:"));
  CHECK_THAT(msg, Catch::Contains("expect-led"));
  CHECK_THAT(msg, Catch::Contains("unknown key 'colour'"));
  CHECK_THAT(msg, Catch::Contains("within"));  // the known keys are listed
}

TEST_CASE("scenario missing keys inside a step are named", "[scenario]") {
  std::string msg = error_of(with_steps("  - wait: 1ms\n  - expect-led: { led: LED1 }\n"));
  CHECK_THAT(msg, Catch::StartsWith("x.yaml:6:"));
  CHECK_THAT(msg, Catch::Contains("expect-led: give either 'value' (on or off) or 'brightness' (0 to 1)"));
}

TEST_CASE("scenario expect-led value must be on or off", "[scenario]") {
  std::string msg = error_of(with_steps("  - expect-led: { led: LED1, value: dim }\n"));
  CHECK_THAT(msg, Catch::StartsWith("x.yaml:5:"));
  CHECK_THAT(msg, Catch::Contains("'dim' is neither on nor off"));
}

TEST_CASE("scenario expect-blink needs on shorter than period", "[scenario]") {
  SECTION("on equal to period") {
    std::string msg = error_of(with_steps("  - wait: 1ms\n  - expect-blink: { led: L, on: 5ms, period: 5ms, until: 1s }\n"));
    CHECK_THAT(msg, Catch::StartsWith("x.yaml:6:"));
    CHECK_THAT(msg, Catch::Contains("0 < on < period"));
  }
  SECTION("on longer than period") {
    std::string msg = error_of(with_steps("  - expect-blink: { led: L, on: 10ms, period: 5ms, until: 1s }\n"));
    CHECK_THAT(msg, Catch::StartsWith("x.yaml:5:"));
    CHECK_THAT(msg, Catch::Contains("0 < on < period"));
  }
  SECTION("a zero period") {
    std::string msg = error_of(with_steps("  - expect-blink: { led: L, on: 0ms, period: 0ms, until: 1s }\n"));
    CHECK_THAT(msg, Catch::StartsWith("x.yaml:5:"));
    CHECK_THAT(msg, Catch::Contains("0 < on < period"));
  }
}

TEST_CASE("scenario an empty steps list is refused", "[scenario]") {
  std::string msg = error_of("name: t\nfirmware: blink\ntime_limit: 1s\nsteps: []\n");
  CHECK_THAT(msg, Catch::StartsWith("x.yaml:4:"));
  CHECK_THAT(msg, Catch::Contains("at least one step"));
}

TEST_CASE("scenario steps must be a list", "[scenario]") {
  std::string msg = error_of("name: t\nfirmware: blink\ntime_limit: 1s\nsteps: wait 1s\n");
  CHECK_THAT(msg, Catch::StartsWith("x.yaml:4:"));
  CHECK_THAT(msg, Catch::Contains("a list of at least one step"));
}

TEST_CASE("scenario expect-exit takes a number", "[scenario]") {
  std::string msg = error_of(with_steps("  - wait: 1ms\n  - expect-exit: notanumber\n"));
  CHECK_THAT(msg, Catch::StartsWith("x.yaml:6:"));
  CHECK_THAT(msg, Catch::Contains("expect-exit"));
  CHECK_THAT(msg, Catch::Contains("exit status"));
}

TEST_CASE("scenario wait-console with empty text is refused", "[scenario]") {
  std::string msg = error_of(with_steps("  - wait: 1ms\n  - wait-console: { text: \"\", within: 1ms }\n"));
  CHECK_THAT(msg, Catch::StartsWith("x.yaml:6:"));
  CHECK_THAT(msg, Catch::Contains("empty"));
}

TEST_CASE("scenario a step with an empty argument is refused", "[scenario]") {
  for (const char* kind : {"wait", "press", "wait-console", "expect-led", "expect-blink", "expect-exit"}) {
    INFO(kind);
    std::string msg = error_of(with_steps(std::string("  - wait: 1ms\n  - ") + kind + ":\n"));
    CHECK_THAT(msg, Catch::StartsWith("x.yaml:"));
    CHECK_THAT(msg, Catch::Contains(kind));
  }
}

// An empty value is a null node whose YAML mark is the position of the *next* token, so the error
// names the line after the offending one (or a line past the end of the file).
TEST_CASE("scenario an empty value is reported on its own line", "[scenario]") {
  SECTION("an empty step argument") {
    std::string msg = error_of(with_steps("  - wait: 1ms\n  - press:\n  - wait: 1s\n"));
    CHECK_THAT(msg, Catch::StartsWith("x.yaml:6:"));
  }
  SECTION("an empty steps key followed by another key") {
    std::string msg = error_of("name: t\nfirmware: blink\nsteps:\ntime_limit: 1s\n");
    CHECK_THAT(msg, Catch::StartsWith("x.yaml:3:"));
  }
  SECTION("an empty steps key at the end of the file") {
    std::string msg = error_of("name: t\nfirmware: blink\ntime_limit: 1s\nsteps:\n");
    CHECK_THAT(msg, Catch::StartsWith("x.yaml:4:"));
  }
}

TEST_CASE("scenario name must be a single value", "[scenario]") {
  std::string msg = error_of("name: [a, b]\nfirmware: blink\ntime_limit: 1s\nsteps:\n  - wait: 1ms\n");
  CHECK_THAT(msg, Catch::StartsWith("x.yaml:1:"));
  CHECK_THAT(msg, Catch::Contains("name must be a single value"));
}

TEST_CASE("scenario errors name the path they were given", "[scenario]") {
  try {
    parse_scenario_text("- a\n", "scenarios/999-odd/scenario.yaml");
    FAIL("no error");
  } catch (const ScenarioError& e) {
    CHECK_THAT(std::string(e.what()), Catch::StartsWith("scenarios/999-odd/scenario.yaml:1:"));
  }
}

// ---- files ----

TEST_CASE("scenario a missing file is named", "[scenario]") {
  const std::string path = "/nonexistent-dir-asyncboard/none.yaml";
  try {
    parse_scenario_file(path);
    FAIL("no error");
  } catch (const ScenarioError& e) {
    CHECK_THAT(std::string(e.what()), Catch::StartsWith(path + ": "));
    CHECK_THAT(std::string(e.what()), Catch::Contains("cannot open"));
  }
}

TEST_CASE("scenario the blink scenario file parses", "[scenario]") {
  const std::string path = std::string(ASYNCBOARD_SOURCE_DIR) + "/scenarios/010-blink/scenario.yaml";
  Scenario sc = parse_scenario_file(path);
  CHECK(sc.path == path);
  CHECK(sc.name == "010-blink");
  CHECK(sc.firmware == "blink");
  CHECK(sc.time_limit > 0);
  REQUIRE_FALSE(sc.steps.empty());
  bool has_blink = false;
  for (const Step& s : sc.steps) {
    CHECK(s.line > 5);
    if (s.kind == Kind::ExpectBlink) has_blink = true;
  }
  CHECK(has_blink);
}

TEST_CASE("scenario the button-flag scenario file parses", "[scenario]") {
  const std::string path = std::string(ASYNCBOARD_SOURCE_DIR) + "/scenarios/020-button-flag/scenario.yaml";
  Scenario sc = parse_scenario_file(path);
  CHECK(sc.name == "020-button-flag");
  CHECK(sc.firmware == "button_flag");
  REQUIRE_FALSE(sc.steps.empty());
  bool has_press = false;
  for (const Step& s : sc.steps)
    if (s.kind == Kind::Press) has_press = s.target == "B1";
  CHECK(has_press);
}

TEST_CASE("scenario network steps and options parse", "[scenario][net]") {
  Scenario sc = parse_scenario_text(R"(name: net
firmware: tcp_echo
time_limit: 1s
network: { latency: 100us, bandwidth: 125000, buffer: 512 }
steps:
  - tcp-connect: { conn: c1, port: 80, within: 5ms }
  - tcp-connect: { conn: c2, port: 81, refused: true }
  - tcp-send: { conn: c1, text: "hi\n" }
  - tcp-expect: { conn: c1, text: "echo: hi", within: 1ms }
  - tcp-expect: { conn: c1, match: "[0-9]+" }
  - tcp-expect: { conn: c1, eof: true }
  - tcp-close: c1
  - tcp-close: { conn: c2, half: true }
  - net-fault: { reset: c1 }
  - net-fault: { stall: c1, for: 20ms }
  - net-fault: { refuse: 80, count: 2 }
  - net-fault: { reset-port: 80 }
)", "net.yaml");
  CHECK(sc.network.latency_ns == 100'000);
  CHECK(sc.network.bytes_per_second == 125'000);
  CHECK(sc.network.buffer_bytes == 512);
  REQUIRE(sc.steps.size() == 12);
  const auto& st = sc.steps;
  CHECK(st[0].kind == Kind::TcpConnect);
  CHECK(st[0].target == "c1");
  CHECK(st[0].port == 80);
  CHECK(st[0].duration == 5'000'000);
  CHECK_FALSE(st[0].value);
  CHECK(st[1].value);  // refused: true
  CHECK(st[1].duration == 1'000'000'000);  // default: 1 s to connect
  CHECK(st[2].text == "hi\n");
  CHECK(st[3].kind == Kind::TcpExpect);
  CHECK(st[3].has_within);
  CHECK(st[4].is_regex);
  CHECK(st[5].value);  // eof
  CHECK(st[6].kind == Kind::TcpClose);
  CHECK_FALSE(st[6].value);
  CHECK(st[7].value);  // half
  CHECK(st[8].fault == "reset");
  CHECK(st[9].fault == "stall");
  CHECK(st[9].duration == 20'000'000);
  CHECK(st[10].fault == "refuse");
  CHECK(st[10].count == 2);
  CHECK(st[11].fault == "reset-port");
  CHECK(st[11].port == 80);
  CHECK(st[2].describe() == "tcp-send c1 \"hi\\n\"");
  CHECK(st[3].describe() == "tcp-expect c1 \"echo: hi\" within 1ms");
  CHECK(st[9].describe() == "net-fault stall c1 for 20ms");
  CHECK(st[10].describe() == "net-fault refuse port 80 x2");
}

TEST_CASE("scenario network step errors name the line and the problem", "[scenario][net]") {
  auto with_step = [](const std::string& step) {
    return error_of("name: n\nfirmware: f\ntime_limit: 1s\nsteps:\n  - " + step + "\n");
  };
  CHECK(with_step("tcp-connect: { conn: c1, port: 99999 }") == "x.yaml:5:36: port: '99999' is not a TCP port (1 .. 65535)");
  CHECK(with_step("tcp-connect: { conn: c1 }") == "x.yaml:5:18: tcp-connect: missing 'port'");
  CHECK(with_step("tcp-expect: { conn: c1, text: a, eof: true }") ==
        "x.yaml:5:17: tcp-expect: give one of 'text' (bytes received next), 'match' (a regular expression) or 'eof: true'");
  CHECK(with_step("tcp-expect: { conn: c1, match: \"(\" }").find("is not a regular expression") != std::string::npos);
  CHECK(with_step("net-fault: { explode: c1 }") ==
        "x.yaml:5:16: net-fault: say which fault: reset, stall, refuse or reset-port");
  CHECK(with_step("net-fault: { stall: c1 }") == "x.yaml:5:16: net-fault: missing 'for'");
  CHECK(with_step("tcp-close: { conn: c1, half: maybe }") == "x.yaml:5:34: half: 'maybe' is neither true nor false");
  CHECK(error_of("name: n\nfirmware: f\ntime_limit: 1s\nnetwork: { latency: soon }\nsteps:\n  - wait: 1ms\n") ==
        "x.yaml:4:21: latency: 'soon' is not a duration (write e.g. 100ms, 1s, 250us)");
}

// ---- expect-task ----

TEST_CASE("scenario expect-task reads the name, the state, and optionally what it waits on and within", "[scenario]") {
  Scenario sc = parse_scenario_text(with_steps("  - expect-task: { name: watcher, state: waiting, waits-on: flag, within: 10ms }\n"
                                               "  - expect-task: { name: main, state: running }\n"
                                               "  - expect-task: { name: blinker, state: sleeping, waits-on: sleep }\n"
                                               "  - expect-task:\n      name: worker\n      state: cancelled\n"),
                                    "x.yaml");
  REQUIRE(sc.steps.size() == 4);
  const Step& w = sc.steps[0];
  CHECK(w.kind == Kind::ExpectTask);
  CHECK(w.line == 5);
  CHECK(w.target == "watcher");
  CHECK(w.task_state == devices::TaskState::Waiting);
  CHECK(w.has_waits_on);
  CHECK(w.waits_on == devices::WaitReason::Flag);
  CHECK(w.has_within);
  CHECK(w.duration == 10'000'000);
  CHECK(w.describe() == "expect-task watcher waiting on flag within 10ms");
  CHECK(sc.steps[1].task_state == devices::TaskState::Running);
  CHECK_FALSE(sc.steps[1].has_waits_on);
  CHECK_FALSE(sc.steps[1].has_within);
  CHECK(sc.steps[1].describe() == "expect-task main running");
  CHECK(sc.steps[2].waits_on == devices::WaitReason::Sleep);
  CHECK(sc.steps[3].line == 8);
  CHECK(sc.steps[3].task_state == devices::TaskState::Cancelled);
}

TEST_CASE("scenario expect-task knows every state and wait reason by the runtime's names", "[scenario]") {
  for (const char* state : {"ready", "running", "sleeping", "waiting", "done", "failed", "cancelled"}) {
    INFO(state);
    Scenario sc = parse_scenario_text(with_steps(std::string("  - expect-task: { name: t, state: ") + state + " }\n"), "x.yaml");
    CHECK(devices::to_string(sc.steps[0].task_state) == std::string(state));
  }
  for (const char* on : {"event", "lock", "flag", "stream", "task", "wait-for", "gather"}) {
    INFO(on);
    Scenario sc = parse_scenario_text(
        with_steps(std::string("  - expect-task: { name: t, state: waiting, waits-on: ") + on + " }\n"), "x.yaml");
    CHECK(devices::to_string(sc.steps[0].waits_on) == std::string(on));
  }
}

TEST_CASE("scenario expect-task errors name the line, the column and what is expected", "[scenario]") {
  SECTION("an unknown state lists the states") {
    std::string msg = error_of(with_steps("  - wait: 1ms\n  - expect-task: { name: watcher, state: asleep }\n"));
    CHECK_THAT(msg, Catch::StartsWith("x.yaml:6:42: "));
    CHECK_THAT(msg, Catch::Contains("state: 'asleep' is not a task state (ready, running, sleeping, waiting, done, failed, "
                                    "cancelled)"));
  }
  SECTION("an unknown wait reason lists the reasons") {
    std::string msg = error_of(with_steps("  - expect-task: { name: w, state: waiting, waits-on: semaphore }\n"));
    CHECK_THAT(msg, Catch::StartsWith("x.yaml:5:"));
    CHECK_THAT(msg, Catch::Contains("waits-on: 'semaphore' is not something a task waits on (sleep, event, lock, flag, "
                                    "stream, task, wait-for, gather)"));
  }
  SECTION("waits-on with a state that waits on nothing") {
    std::string msg = error_of(with_steps("  - expect-task: { name: w, state: ready, waits-on: flag }\n"));
    CHECK_THAT(msg, Catch::Contains("a ready task waits on nothing"));
  }
  SECTION("sleep goes with sleeping, and only with it") {
    CHECK_THAT(error_of(with_steps("  - expect-task: { name: w, state: waiting, waits-on: sleep }\n")),
               Catch::Contains("write state: sleeping"));
    CHECK_THAT(error_of(with_steps("  - expect-task: { name: w, state: sleeping, waits-on: event }\n")),
               Catch::Contains("a sleeping task waits on sleep"));
  }
  SECTION("a missing state, an unknown key, an empty name") {
    CHECK_THAT(error_of(with_steps("  - expect-task: { name: w }\n")), Catch::Contains("expect-task: missing 'state'"));
    CHECK_THAT(error_of(with_steps("  - expect-task: { name: w, state: done, reason: flag }\n")),
               Catch::Contains("expect-task: unknown key 'reason' (known: name, state, waits-on, within)"));
    CHECK_THAT(error_of(with_steps("  - expect-task: { name: \"\", state: done }\n")), Catch::Contains("name is empty"));
  }
  SECTION("a bad within") {
    CHECK_THAT(error_of(with_steps("  - expect-task: { name: w, state: done, within: soon }\n")),
               Catch::Contains("within: 'soon' is not a duration"));
  }
}

TEST_CASE("scenario buttons take an optional bounce and a click its hold time", "[scenario]") {
  Scenario sc = parse_scenario_text(with_steps("  - press: { button: B1, bounce: 2ms }\n"
                                               "  - release: { button: B1, bounce: 1ms }\n"
                                               "  - click: { button: B1, bounce: 3ms, hold: 80ms }\n"
                                               "  - click: B1\n"),
                                    "b.yaml");
  REQUIRE(sc.steps.size() == 4);
  CHECK(sc.steps[0].bounce == 2'000'000);
  CHECK(sc.steps[1].bounce == 1'000'000);
  CHECK(sc.steps[2].duration == 80'000'000);
  CHECK(sc.steps[2].describe() == "click B1 hold 80ms bounce 3ms");
  CHECK(sc.steps[3].bounce == 0);
  CHECK(sc.steps[3].describe() == "click B1");
  CHECK(error_of(with_steps("  - click: { button: B1, bounce: 60ms }\n")) ==
        "x.yaml:5:12: click: the bounce must end before the release: make hold longer than bounce");
  CHECK(error_of(with_steps("  - press: { button: B1, hold: 60ms }\n")) ==
        "x.yaml:5:26: press: unknown key 'hold' (known: button, bounce)");
}

// Found by fuzzing the parser (tests/fuzz/scenario_parser.cpp): libstdc++ compiles a regular
// expression by recursion, and a 200 KB pattern overflowed the stack -- the program crashed
// instead of naming the line. Patterns are limited to 1000 characters.
TEST_CASE("scenario a match pattern too long to compile safely is refused by name", "[scenario][fuzz]") {
  std::string huge(200'000, 'a');
  CHECK(error_of(with_steps("  - wait-console: { match: \"" + huge + "\" }\n")) ==
        "x.yaml:5:28: wait-console: match: the regular expression is 200000 characters long; at most 1000 are allowed");
  CHECK(error_of(with_steps("  - tcp-expect: { conn: c1, match: \"" + std::string(20'000, '(') + "\" }\n"))
            .find("tcp-expect: match: the regular expression is 20000 characters long") != std::string::npos);
  std::string longest(1000, 'a');
  Scenario sc = parse_scenario_text(with_steps("  - wait-console: { match: \"" + longest + "\" }\n"), "x.yaml");
  CHECK(sc.steps[0].text == longest);
}

// Found by fuzzing: libstdc++ reads a back-reference or repetition count digit by digit into a long
// and overflows (undefined behaviour, UBSan stops) on a 19-digit one. Counts keep to six digits; a
// long number as text, an escaped backslash before digits and counts of six digits still parse.
TEST_CASE("scenario a back-reference or repetition count too long to read is refused by name", "[scenario][fuzz]") {
  CHECK(error_of(with_steps("  - wait-console: { match: \"a\\\\678901234567890123456789\" }\n")) ==
        "x.yaml:5:28: wait-console: match: '\\67890123456789012345678...' is a back-reference or repetition count of "
        "more than 6 digits");
  CHECK(error_of(with_steps("  - wait-console: { match: \"a{1234567}\" }\n")).find("'{1234567...'") != std::string::npos);
  CHECK(error_of(with_steps("  - wait-console: { match: \"a{1,1234567}\" }\n")).find("'{1,1234567...'") != std::string::npos);
  for (const char* fine : {"total 1234567890123456789012", "\\\\\\\\1234567890123", "x{3,12}", "y{000012}?"}) {
    Scenario sc = parse_scenario_text(with_steps(std::string("  - wait-console: { match: \"") + fine + "\" }\n"),
                                      "x.yaml");
    CHECK(sc.steps[0].is_regex);
  }
}

}  // namespace sim
