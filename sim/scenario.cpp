// SPDX-License-Identifier: GPL-2.0-or-later
#include "scenario.h"

#include <regex>

#include "board/memory_map.h"

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>
#include <cctype>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "duration.h"

namespace sim {

namespace {

class Parser {
 public:
  explicit Parser(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const YAML::Node& at, const std::string& why) const {
    int line = at.Mark().line >= 0 ? at.Mark().line + 1 : 1;
    int column = at.Mark().column >= 0 ? at.Mark().column + 1 : 1;
    throw ScenarioError(fmt::format("{}:{}:{}: {}", path_, line, column, why));
  }

  std::string scalar(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar()) fail(n, fmt::format("{} must be a single value", what));
    return n.Scalar();
  }

  devices::Nanoseconds duration(const YAML::Node& n, const std::string& what) const {
    auto d = parse_duration(scalar(n, what));
    if (!d) fail(n, fmt::format("{}: '{}' is not a duration (write e.g. 100ms, 1s, 250us)", what, n.Scalar()));
    return *d;
  }

  // Checks that a step's map has only known keys and all required ones.
  void keys(const YAML::Node& map, const std::string& step, const std::set<std::string>& required,
            const std::set<std::string>& optional) const {
    if (!map.IsMap()) fail(map, fmt::format("{} takes a map: {{{}}}", step, fmt::join(required, ": ..., ")));
    for (const auto& kv : map) {
      std::string k = kv.first.as<std::string>();
      if (!required.count(k) && !optional.count(k))
        fail(kv.first, fmt::format("{}: unknown key '{}' (known: {})", step, k, fmt::join(all(required, optional), ", ")));
    }
    for (const std::string& k : required)
      if (!map[k]) fail(map, fmt::format("{}: missing '{}'", step, k));
  }

  static std::vector<std::string> all(const std::set<std::string>& a, const std::set<std::string>& b) {
    std::vector<std::string> v(a.begin(), a.end());
    v.insert(v.end(), b.begin(), b.end());
    return v;
  }

  // A GPIOA pin: "PA5" or 5.
  int pin(const YAML::Node& n) const {
    std::string v = scalar(n, "pin");
    std::string digits = v.rfind("PA", 0) == 0 ? v.substr(2) : v;
    int p = -1;
    try {
      size_t used = 0;
      p = std::stoi(digits, &used);
      if (used != digits.size()) p = -1;
    } catch (const std::exception&) {
    }
    if (p < 0 || p > 15) fail(n, fmt::format("pin: '{}' is not a GPIOA pin (PA0 .. PA15, or 0 .. 15)", v));
    return p;
  }

  // high / low (and float where allowed): 1, 0, -1.
  int level(const YAML::Node& n, bool allow_float) const {
    std::string v = scalar(n, "value");
    if (v == "high" || v == "1") return 1;
    if (v == "low" || v == "0") return 0;
    if (allow_float && v == "float") return -1;
    fail(n, fmt::format("value: '{}' is not {}", v, allow_float ? "high, low or float" : "high or low"));
  }

  // An interrupt by name: GPIOA, UART0, TIMEBASE, TIMER0, TIMER1, SysTick, or IRQ<n>; the exception number.
  int interrupt(const YAML::Node& n) const {
    std::string v = scalar(n, "irq");
    if (v == "GPIOA") return 16 + board::kGpioAIrq;
    if (v == "UART0") return 16 + board::kUart0Irq;
    if (v == "TIMEBASE") return 16 + board::kTimebaseIrq;
    if (v == "NET0") return 16 + board::kNet0Irq;
    if (v == "TIMER0") return 16 + board::kTimer0Irq;
    if (v == "TIMER1") return 16 + board::kTimer1Irq;
    if (v == "SysTick") return 15;
    if (v.rfind("IRQ", 0) == 0) {
      try {
        size_t used = 0;
        int line = std::stoi(v.substr(3), &used);
        if (used == v.size() - 3 && line >= 0 && line < 32) return 16 + line;
      } catch (const std::exception&) {
      }
    }
    fail(n, fmt::format("irq: '{}' is not an interrupt (GPIOA, UART0, TIMEBASE, NET0, TIMER0, TIMER1, SysTick, IRQ0 .. IRQ31)", v));
  }

  // A number from 0 to 1 (brightness, tolerance).
  double fraction(const YAML::Node& n, const std::string& what) const {
    std::string v = scalar(n, what);
    double d = -1;
    try {
      size_t used = 0;
      d = std::stod(v, &used);
      if (used != v.size()) d = -1;
    } catch (const std::exception&) {
    }
    if (!(d >= 0 && d <= 1)) fail(n, fmt::format("{}: '{}' is not a number from 0 to 1", what, v));
    return d;
  }

  bool on_off(const YAML::Node& n) const {
    std::string v = scalar(n, "value");
    if (v == "on" || v == "true" || v == "1") return true;
    if (v == "off" || v == "false" || v == "0") return false;
    fail(n, fmt::format("value: '{}' is neither on nor off", v));
  }

  uint16_t port(const YAML::Node& n, const std::string& what) const {
    std::string v = scalar(n, what);
    try {
      size_t used = 0;
      long p = std::stol(v, &used);
      if (used == v.size() && p >= 1 && p <= 65535) return static_cast<uint16_t>(p);
    } catch (const std::exception&) {
    }
    fail(n, fmt::format("{}: '{}' is not a TCP port (1 .. 65535)", what, v));
  }

  uint64_t whole(const YAML::Node& n, const std::string& what, uint64_t min, uint64_t max = UINT64_MAX) const {
    std::string v = scalar(n, what);
    try {
      size_t used = 0;
      unsigned long long x = std::stoull(v, &used);
      if (used == v.size() && v[0] != '-' && x >= min && x <= max) return x;
    } catch (const std::exception&) {
    }
    fail(n, fmt::format("{}: '{}' is not a whole number from {} to {}", what, v, min, max));
  }

  bool yes_no(const YAML::Node& n, const std::string& what) const {
    std::string v = scalar(n, what);
    if (v == "true" || v == "yes") return true;
    if (v == "false" || v == "no") return false;
    fail(n, fmt::format("{}: '{}' is neither true nor false", what, v));
  }

  // A `match:` pattern must compile, and be short: libstdc++ compiles a regular expression by
  // recursion, one level per term, so a pattern of some 100,000 characters overflows the stack
  // (found by fuzzing). A line of console output or a reply needs nothing near the limit.
  static constexpr size_t kMaxPattern = 1000;
  // libstdc++ reads a back-reference (\12) or a repetition count ({3,12}) into a long, ten times the
  // last value plus a digit, and overflows (undefined behaviour) past 18 digits (found by fuzzing);
  // the state limit refuses any count over 100,000 anyway, so six digits lose nothing.
  static constexpr size_t kMaxCountDigits = 6;
  static std::optional<std::string> overlong_count(const std::string& pattern) {
    auto run_end = [&](size_t at) {  // one past the digits starting at `at`
      while (at < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[at]))) ++at;
      return at;
    };
    for (size_t i = 0; i + 1 < pattern.size(); ++i) {
      size_t from = i + 1, end = from;
      if (pattern[i] == '\\') {
        end = run_end(from);
        if (end == from) ++i;  // \x escapes one character: a '\\' pair must not start a back-reference
      } else if (pattern[i] == '{') {
        end = run_end(from);                                          // {min
        if (end - from <= kMaxCountDigits && end < pattern.size() && pattern[end] == ',')
          from = end + 1, end = run_end(from);                        // {min,max
      }
      if (end - from > kMaxCountDigits) return pattern.substr(i, std::min<size_t>(end - i, 24));
    }
    return std::nullopt;
  }
  void check_regex(const YAML::Node& n, const std::string& step, const std::string& pattern) const {
    if (pattern.size() > kMaxPattern)
      fail(n, fmt::format("{}: match: the regular expression is {} characters long; at most {} are allowed", step,
                          pattern.size(), kMaxPattern));
    if (auto count = overlong_count(pattern))
      fail(n, fmt::format("{}: match: '{}...' is a back-reference or repetition count of more than {} digits", step,
                          *count, kMaxCountDigits));
    try {
      std::regex check(pattern);
    } catch (const std::regex_error& e) {
      fail(n, fmt::format("{}: match: '{}' is not a regular expression ({})", step, pattern, e.what()));
    }
  }

  // A connection name: what tcp-connect called it, used by the later steps.
  std::string conn(const YAML::Node& n) const {
    std::string v = scalar(n, "conn");
    if (v.empty()) fail(n, "conn: a connection needs a name");
    return v;
  }

  void tcp_step(const std::string& kind, const YAML::Node& key, const YAML::Node& arg, Step& s) const {
    if (kind == "tcp-connect") {
      s.kind = Step::Kind::TcpConnect;
      keys(arg, kind, {"conn", "port"}, {"within", "refused"});
      s.target = conn(arg["conn"]);
      s.port = port(arg["port"], "port");
      s.value = arg["refused"] && yes_no(arg["refused"], "refused");
      s.duration = arg["within"] ? duration(arg["within"], "within") : 1'000'000'000;
      s.has_within = static_cast<bool>(arg["within"]);
    } else if (kind == "tcp-send") {
      s.kind = Step::Kind::TcpSend;
      keys(arg, kind, {"conn", "text"}, {});
      s.target = conn(arg["conn"]);
      s.text = scalar(arg["text"], "text");
      if (s.text.empty()) fail(arg["text"], "tcp-send: the text is empty");
    } else if (kind == "tcp-expect") {
      s.kind = Step::Kind::TcpExpect;
      keys(arg, kind, {"conn"}, {"text", "match", "eof", "within"});
      s.target = conn(arg["conn"]);
      int forms = !!arg["text"] + !!arg["match"] + !!arg["eof"];
      if (forms != 1)
        fail(arg, "tcp-expect: give one of 'text' (bytes received next), 'match' (a regular expression) or 'eof: true'");
      if (arg["eof"]) {
        if (!yes_no(arg["eof"], "eof")) fail(arg["eof"], "tcp-expect: eof: only 'true' makes sense");
        s.value = true;
      } else {
        s.is_regex = static_cast<bool>(arg["match"]);
        s.text = scalar(s.is_regex ? arg["match"] : arg["text"], s.is_regex ? "match" : "text");
        if (s.text.empty()) fail(arg, "tcp-expect: the text to expect is empty");
        if (s.is_regex) check_regex(arg["match"], kind, s.text);
      }
      if (arg["within"]) {
        s.duration = duration(arg["within"], "within");
        s.has_within = true;
      }
    } else if (kind == "tcp-close") {
      s.kind = Step::Kind::TcpClose;
      if (arg.IsScalar()) {
        s.target = conn(arg);
      } else {
        keys(arg, kind, {"conn"}, {"half"});
        s.target = conn(arg["conn"]);
        s.value = arg["half"] && yes_no(arg["half"], "half");
      }
    } else if (kind == "net-fault") {
      s.kind = Step::Kind::NetFault;
      if (!arg.IsMap()) fail(arg, "net-fault takes a map: {reset: c1}, {stall: c1, for: 100ms}, {refuse: 80, count: 1} or {reset-port: 80}");
      if (arg["reset"]) {
        keys(arg, kind, {"reset"}, {});
        s.fault = "reset";
        s.target = conn(arg["reset"]);
      } else if (arg["stall"]) {
        keys(arg, kind, {"stall", "for"}, {});
        s.fault = "stall";
        s.target = conn(arg["stall"]);
        s.duration = duration(arg["for"], "for");
      } else if (arg["refuse"]) {
        keys(arg, kind, {"refuse"}, {"count"});
        s.fault = "refuse";
        s.port = port(arg["refuse"], "refuse");
        s.count = 1;
        if (arg["count"]) {
          try {
            int c = arg["count"].as<int>();
            if (c < 1) throw YAML::Exception(arg["count"].Mark(), "not positive");
            s.count = static_cast<uint64_t>(c);
          } catch (const YAML::Exception&) {
            fail(arg["count"], "net-fault: count is a whole number of connects, at least 1");
          }
        }
      } else if (arg["reset-port"]) {
        keys(arg, kind, {"reset-port"}, {});
        s.fault = "reset-port";
        s.port = port(arg["reset-port"], "reset-port");
      } else {
        fail(arg, "net-fault: say which fault: reset, stall, refuse or reset-port");
      }
    } else {
      fail(key, fmt::format("unknown step '{}' (the network steps are tcp-connect, tcp-send, tcp-expect, tcp-close "
                            "and net-fault)", kind));
    }
  }

  // A task state as the runtime names it.
  devices::TaskState task_state(const YAML::Node& n) const {
    std::string v = scalar(n, "state");
    std::vector<std::string> names;
    for (int i = 0; i < devices::kTaskStateCount; ++i) {
      auto state = static_cast<devices::TaskState>(i);
      if (v == devices::to_string(state)) return state;
      names.push_back(devices::to_string(state));
    }
    fail(n, fmt::format("expect-task: state: '{}' is not a task state ({})", v, fmt::join(names, ", ")));
  }

  // What a waiting task waits on: flag, event, lock, ... (WaitReason::None has no name here).
  devices::WaitReason wait_reason(const YAML::Node& n) const {
    std::string v = scalar(n, "waits-on");
    std::vector<std::string> names;
    for (int i = 1; i < devices::kWaitReasonCount; ++i) {
      auto reason = static_cast<devices::WaitReason>(i);
      if (v == devices::to_string(reason)) return reason;
      names.push_back(devices::to_string(reason));
    }
    fail(n, fmt::format("expect-task: waits-on: '{}' is not something a task waits on ({})", v, fmt::join(names, ", ")));
  }

  Step step(const YAML::Node& item) const {
    if (!item.IsMap() || item.size() != 1)
      fail(item, "each step is one 'kind: arguments' pair, e.g. '- wait: 100ms'");
    auto kv = *item.begin();
    std::string kind = kv.first.as<std::string>();
    const YAML::Node& arg = kv.second;
    if (arg.IsNull()) fail(kv.first, fmt::format("{}: has no value", kind));
    Step s{};
    s.line = kv.first.Mark().line + 1;
    if (kind == "wait") {
      s.kind = Step::Kind::Wait;
      s.duration = duration(arg, "wait");
    } else if (kind == "press" || kind == "release" || kind == "click") {
      s.kind = kind == "press" ? Step::Kind::Press : kind == "release" ? Step::Kind::Release : Step::Kind::Click;
      s.duration = 50'000'000;  // click: held for 50 ms
      if (arg.IsMap()) {  // { button: B1, bounce: 2ms, hold: 100ms (click) }
        keys(arg, kind, {"button"}, kind == "click" ? std::set<std::string>{"bounce", "hold"} : std::set<std::string>{"bounce"});
        s.target = scalar(arg["button"], "button");
        if (arg["bounce"]) s.bounce = duration(arg["bounce"], "bounce");
        if (arg["hold"]) s.duration = duration(arg["hold"], "hold");
        if (s.kind == Step::Kind::Click && s.bounce >= s.duration)
          fail(arg, "click: the bounce must end before the release: make hold longer than bounce");
      } else {
        s.target = scalar(arg, kind + " (a button name)");
      }
    } else if (kind == "wait-console") {
      s.kind = Step::Kind::WaitConsole;
      if (arg.IsScalar()) {
        s.text = arg.Scalar();
      } else {
        keys(arg, kind, {}, {"text", "match", "within"});
        if (!arg["text"] == !arg["match"]) fail(arg, "wait-console: give either 'text' (a substring) or 'match' (a regular expression)");
        s.is_regex = static_cast<bool>(arg["match"]);
        s.text = scalar(s.is_regex ? arg["match"] : arg["text"], s.is_regex ? "match" : "text");
        if (s.is_regex) check_regex(arg["match"], kind, s.text);
        if (arg["within"]) {
          s.duration = duration(arg["within"], "within");
          s.has_within = true;
        }
      }
      if (s.text.empty()) fail(arg, "wait-console: the text to wait for is empty");
    } else if (kind == "expect-led") {
      s.kind = Step::Kind::ExpectLed;
      keys(arg, kind, {"led"}, {"value", "brightness", "tolerance", "within"});
      s.target = scalar(arg["led"], "led");
      if (!arg["value"] == !arg["brightness"])
        fail(arg, "expect-led: give either 'value' (on or off) or 'brightness' (0 to 1)");
      if (arg["value"]) {
        if (arg["tolerance"]) fail(arg["tolerance"], "expect-led: 'tolerance' goes with 'brightness'");
        s.value = on_off(arg["value"]);
      } else {
        s.has_brightness = true;
        s.brightness = fraction(arg["brightness"], "brightness");
        s.brightness_tolerance = arg["tolerance"] ? fraction(arg["tolerance"], "tolerance") : 0.01;
      }
      if (arg["within"]) {
        s.duration = duration(arg["within"], "within");
        s.has_within = true;
      }
    } else if (kind == "expect-blink") {
      s.kind = Step::Kind::ExpectBlink;
      keys(arg, kind, {"led", "on", "period", "until"}, {"first", "tolerance"});
      s.target = scalar(arg["led"], "led");
      s.on = duration(arg["on"], "on");
      s.period = duration(arg["period"], "period");
      s.until = duration(arg["until"], "until");
      s.first = arg["first"] ? duration(arg["first"], "first") : 0;
      s.tolerance = arg["tolerance"] ? duration(arg["tolerance"], "tolerance") : 1'000'000;
      if (s.period == 0 || s.on >= s.period) fail(arg, "expect-blink: needs 0 < on < period");
    } else if (kind == "expect-exit") {
      s.kind = Step::Kind::ExpectExit;
      try {
        s.exit_status = arg.as<int>();
      } catch (const YAML::Exception&) {
        fail(arg, "expect-exit: takes the exit status, e.g. 'expect-exit: 0'");
      }
    } else if (kind == "set-pin") {
      s.kind = Step::Kind::SetPin;
      keys(arg, kind, {"pin", "value"}, {});
      s.pin = pin(arg["pin"]);
      s.level = level(arg["value"], /*allow_float=*/true);
    } else if (kind == "expect-pin") {
      s.kind = Step::Kind::ExpectPin;
      keys(arg, kind, {"pin", "value"}, {"within"});
      s.pin = pin(arg["pin"]);
      s.level = level(arg["value"], /*allow_float=*/false);
      if (arg["within"]) {
        s.duration = duration(arg["within"], "within");
        s.has_within = true;
      }
    } else if (kind == "expect-irq-count") {
      s.kind = Step::Kind::ExpectIrqCount;
      keys(arg, kind, {"irq", "count"}, {});
      s.target = scalar(arg["irq"], "irq");
      s.exception = interrupt(arg["irq"]);
      try {
        long long c = arg["count"].as<long long>();
        if (c < 0) throw YAML::Exception(arg["count"].Mark(), "negative");
        s.count = static_cast<uint64_t>(c);
      } catch (const YAML::Exception&) {
        fail(arg["count"], "expect-irq-count: count is a whole number, e.g. 'count: 2'");
      }
    } else if (kind == "expect-task") {
      s.kind = Step::Kind::ExpectTask;
      keys(arg, kind, {"name", "state"}, {"waits-on", "within"});
      s.target = scalar(arg["name"], "name");
      if (s.target.empty()) fail(arg["name"], "expect-task: name: the task's name is empty");
      s.task_state = task_state(arg["state"]);
      if (arg["waits-on"]) {
        s.has_waits_on = true;
        s.waits_on = wait_reason(arg["waits-on"]);
        // The runtime pairs them: a task waiting on sleep is sleeping, and only these two wait.
        bool sleep = s.waits_on == devices::WaitReason::Sleep;
        if (s.task_state == devices::TaskState::Sleeping && !sleep)
          fail(arg["waits-on"], "expect-task: a sleeping task waits on sleep; for anything else write state: waiting");
        if (s.task_state == devices::TaskState::Waiting && sleep)
          fail(arg["waits-on"], "expect-task: a task waiting on sleep is sleeping: write state: sleeping");
        if (s.task_state != devices::TaskState::Waiting && s.task_state != devices::TaskState::Sleeping)
          fail(arg["waits-on"], fmt::format("expect-task: a {} task waits on nothing; waits-on goes with state: waiting",
                                            devices::to_string(s.task_state)));
      }
      if (arg["within"]) {
        s.duration = duration(arg["within"], "within");
        s.has_within = true;
      }
    } else if (kind == "type") {
      s.kind = Step::Kind::Type;
      s.text = scalar(arg, "type (the text to type, e.g. \"hello\\n\")");
      if (s.text.empty()) fail(arg, "type: the text to type is empty");
    } else if (kind == "run-until-idle") {
      s.kind = Step::Kind::RunUntilIdle;
      s.duration = duration(arg, "run-until-idle (the longest it may take)");
    } else if (kind.rfind("tcp-", 0) == 0 || kind == "net-fault") {
      tcp_step(kind, kv.first, arg, s);
    } else {
      fail(kv.first, fmt::format("unknown step '{}' (known: wait, press, release, click, wait-console, expect-led, "
                                 "expect-blink, expect-exit, set-pin, expect-pin, expect-irq-count, run-until-idle, expect-task, type, "
                                 "tcp-connect, tcp-send, tcp-expect, tcp-close, net-fault)",
                                 kind));
    }
    return s;
  }

  Scenario parse(const YAML::Node& root) const {
    if (!root.IsDefined() || root.IsNull()) throw ScenarioError(path_ + ":1:1: the scenario file is empty");
    if (!root.IsMap()) fail(root, "a scenario is a map with name, firmware, time_limit and steps");
    static const std::set<std::string> known = {"name", "description", "firmware", "time_limit", "network", "steps"};
    for (const auto& kv : root) {
      if (!known.count(kv.first.as<std::string>()))
        fail(kv.first, fmt::format("unknown key '{}' (known: name, description, firmware, time_limit, network, steps)",
                                   kv.first.as<std::string>()));
      if (kv.second.IsNull()) fail(kv.first, fmt::format("'{}' has no value", kv.first.as<std::string>()));
    }
    for (const char* k : {"name", "firmware", "time_limit", "steps"})
      if (!root[k]) fail(root, fmt::format("missing '{}'", k));
    Scenario sc;
    sc.path = path_;
    sc.name = scalar(root["name"], "name");
    if (root["description"]) sc.description = scalar(root["description"], "description");
    sc.firmware = scalar(root["firmware"], "firmware");
    sc.time_limit = duration(root["time_limit"], "time_limit");
    if (const YAML::Node& net = root["network"]) {
      keys(net, "network", {}, {"latency", "bandwidth", "buffer"});
      if (net["latency"]) sc.network.latency_ns = duration(net["latency"], "latency");
      if (net["bandwidth"]) sc.network.bytes_per_second = whole(net["bandwidth"], "bandwidth (bytes per second)", 1);
      if (net["buffer"]) sc.network.buffer_bytes = static_cast<uint32_t>(whole(net["buffer"], "buffer (bytes)", 1, 1 << 24));
    }
    const YAML::Node& steps = root["steps"];
    if (!steps.IsSequence() || steps.size() == 0) fail(steps, "steps: a list of at least one step");
    for (const auto& item : steps) sc.steps.push_back(step(item));
    return sc;
  }

 private:
  std::string path_;
};

}  // namespace

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c == '"' || c == '\\') out += std::string("\\") + static_cast<char>(c);
    else if (c < 0x20 || c >= 0x7F) out += fmt::format("\\x{:02x}", c);
    else out += static_cast<char>(c);
  }
  return out + "\"";
}

std::string Step::describe() const {
  switch (kind) {
    case Kind::Wait: return fmt::format("wait {}", format_duration(duration));
    case Kind::Press:
    case Kind::Release:
    case Kind::Click: {
      std::string what = fmt::format("{} {}", kind == Kind::Press ? "press" : kind == Kind::Release ? "release" : "click", target);
      if (kind == Kind::Click && duration != 50'000'000) what += " hold " + format_duration(duration);
      if (bounce) what += " bounce " + format_duration(bounce);
      return what;
    }
    case Kind::WaitConsole:
      if (is_regex)
        return has_within ? fmt::format("wait-console match /{}/ within {}", text, format_duration(duration))
                          : fmt::format("wait-console match /{}/", text);
      return has_within ? fmt::format("wait-console \"{}\" within {}", text, format_duration(duration))
                        : fmt::format("wait-console \"{}\"", text);
    case Kind::ExpectLed:
      if (has_brightness)
        return fmt::format("expect-led {} brightness {:g} (tolerance {:g}){}", target, brightness, brightness_tolerance,
                           has_within ? " within " + format_duration(duration) : "");
      return fmt::format("expect-led {} {}{}", target, value ? "on" : "off",
                         has_within ? " within " + format_duration(duration) : "");
    case Kind::ExpectBlink:
      return fmt::format("expect-blink {} on {} every {} until {}", target, format_duration(on),
                         format_duration(period), format_duration(until));
    case Kind::ExpectExit: return fmt::format("expect-exit {}", exit_status);
    case Kind::SetPin: return fmt::format("set-pin PA{} {}", pin, level < 0 ? "float" : level ? "high" : "low");
    case Kind::ExpectPin:
      return fmt::format("expect-pin PA{} {}{}", pin, level ? "high" : "low",
                         has_within ? " within " + format_duration(duration) : "");
    case Kind::ExpectIrqCount: return fmt::format("expect-irq-count {} {}", target, count);
    case Kind::RunUntilIdle: return fmt::format("run-until-idle within {}", format_duration(duration));
    case Kind::TcpConnect: return fmt::format("tcp-connect {} to port {}{}", target, port, value ? " (refused)" : "");
    case Kind::TcpSend: return fmt::format("tcp-send {} {}", target, quoted(text));
    case Kind::TcpExpect:
      if (value) return fmt::format("tcp-expect {} end of stream", target);
      return fmt::format("tcp-expect {} {}{}", target, is_regex ? "/" + text + "/" : quoted(text),
                         has_within ? " within " + format_duration(duration) : "");
    case Kind::TcpClose: return fmt::format("tcp-close {}{}", target, value ? " (half)" : "");
    case Kind::NetFault:
      if (fault == "stall") return fmt::format("net-fault stall {} for {}", target, format_duration(duration));
      if (fault == "reset") return fmt::format("net-fault reset {}", target);
      if (fault == "refuse") return fmt::format("net-fault refuse port {} x{}", port, count);
      return fmt::format("net-fault reset-port {}", port);
    case Kind::ExpectTask:
      return fmt::format("expect-task {} {}{}{}", target, devices::to_string(task_state),
                         has_waits_on ? fmt::format(" on {}", devices::to_string(waits_on)) : "",
                         has_within ? " within " + format_duration(duration) : "");
    case Kind::Type: return fmt::format("type {}", quoted(text));
  }
  return "?";
}

Scenario parse_scenario_text(const std::string& text, const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(fmt::format("{}:{}:{}: not valid YAML: {}", path, e.mark.line + 1, e.mark.column + 1, e.msg));
  }
  try {
    return Parser(path).parse(root);
  } catch (const YAML::Exception& e) {
    throw ScenarioError(fmt::format("{}:{}:{}: {}", path, e.mark.line + 1, e.mark.column + 1, e.msg));
  }
}

Scenario parse_scenario_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ScenarioError(fmt::format("{}: cannot open the scenario file", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_scenario_text(ss.str(), path);
}

}  // namespace sim
