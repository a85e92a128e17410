#include "scenario.h"

#include <regex>

#include "board/memory_map.h"

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>
#include <fstream>
#include <functional>
#include <map>
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
    fail(n, fmt::format("irq: '{}' is not an interrupt (GPIOA, UART0, TIMEBASE, TIMER0, TIMER1, SysTick, IRQ0 .. IRQ31)", v));
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
      s.target = scalar(arg, kind + " (a button name)");
      s.duration = 50'000'000;  // click: held for 50 ms
    } else if (kind == "wait-console") {
      s.kind = Step::Kind::WaitConsole;
      if (arg.IsScalar()) {
        s.text = arg.Scalar();
      } else {
        keys(arg, kind, {}, {"text", "match", "within"});
        if (!arg["text"] == !arg["match"]) fail(arg, "wait-console: give either 'text' (a substring) or 'match' (a regular expression)");
        s.is_regex = static_cast<bool>(arg["match"]);
        s.text = scalar(s.is_regex ? arg["match"] : arg["text"], s.is_regex ? "match" : "text");
        if (s.is_regex) {
          try {
            std::regex check(s.text);
          } catch (const std::regex_error& e) {
            fail(arg["match"], fmt::format("wait-console: match: '{}' is not a regular expression ({})", s.text, e.what()));
          }
        }
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
    } else if (kind == "type") {
      s.kind = Step::Kind::Type;
      s.text = scalar(arg, "type (the text to type, e.g. \"hello\\n\")");
      if (s.text.empty()) fail(arg, "type: the text to type is empty");
    } else if (kind == "run-until-idle") {
      s.kind = Step::Kind::RunUntilIdle;
      s.duration = duration(arg, "run-until-idle (the longest it may take)");
    } else {
      fail(kv.first, fmt::format("unknown step '{}' (known: wait, press, release, click, wait-console, expect-led, "
                                 "expect-blink, expect-exit, set-pin, expect-pin, expect-irq-count, run-until-idle, type)",
                                 kind));
    }
    return s;
  }

  Scenario parse(const YAML::Node& root) const {
    if (!root.IsDefined() || root.IsNull()) throw ScenarioError(path_ + ":1:1: the scenario file is empty");
    if (!root.IsMap()) fail(root, "a scenario is a map with name, firmware, time_limit and steps");
    static const std::set<std::string> known = {"name", "description", "firmware", "time_limit", "steps"};
    for (const auto& kv : root) {
      if (!known.count(kv.first.as<std::string>()))
        fail(kv.first, fmt::format("unknown key '{}' (known: name, description, firmware, time_limit, steps)",
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
    const YAML::Node& steps = root["steps"];
    if (!steps.IsSequence() || steps.size() == 0) fail(steps, "steps: a list of at least one step");
    for (const auto& item : steps) sc.steps.push_back(step(item));
    return sc;
  }

 private:
  std::string path_;
};

}  // namespace

std::string Step::describe() const {
  switch (kind) {
    case Kind::Wait: return fmt::format("wait {}", format_duration(duration));
    case Kind::Press: return fmt::format("press {}", target);
    case Kind::Release: return fmt::format("release {}", target);
    case Kind::Click: return fmt::format("click {}", target);
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
    case Kind::Type: {
      std::string shown;
      for (unsigned char c : text) {
        if (c == '\n') shown += "\\n";
        else if (c == '\r') shown += "\\r";
        else if (c == '\t') shown += "\\t";
        else if (c == '"' || c == '\\') shown += fmt::format("\\{}", static_cast<char>(c));
        else if (c < 0x20 || c == 0x7F) shown += fmt::format("\\x{:02X}", c);
        else shown += static_cast<char>(c);
      }
      return fmt::format("type \"{}\"", shown);
    }
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
