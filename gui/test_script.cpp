// SPDX-License-Identifier: GPL-2.0-or-later
#include "test_script.h"

#include <map>
#include <sstream>
#include <stdexcept>

namespace gui {

std::vector<ScriptLine> parse_test_script(const std::string& text) {
  // verb -> minimum number of arguments
  static const std::map<std::string, size_t> verbs = {
      {"wait-frames", 1}, {"click", 1}, {"type", 1}, {"set-record-path", 1}, {"speed", 1},
      {"expect-led", 2}, {"expect-led-pixels", 2}, {"expect-console", 1}, {"remember-task", 1},
      {"expect-task-changed", 1}, {"expect-task", 2}, {"expect-file", 1}, {"screenshot", 1}, {"quit", 0}};
  std::vector<ScriptLine> out;
  std::istringstream in(text);
  std::string raw;
  int number = 0;
  while (std::getline(in, raw)) {
    ++number;
    size_t start = raw.find_first_not_of(" \t");
    if (start == std::string::npos || raw[start] == '#') continue;
    ScriptLine l{number, {}};
    std::istringstream words(raw.substr(start));
    std::string w;
    words >> w;
    l.words.push_back(w);
    auto verb = verbs.find(w);
    if (verb == verbs.end()) throw std::runtime_error("line " + std::to_string(number) + ": unknown command '" + w + "'");
    if (w == "type" || w == "expect-console") {  // the rest of the line is the text (then optional "within N")
      std::string rest;
      std::getline(words, rest);
      rest = rest.substr(std::min(rest.size(), rest.find_first_not_of(' ')));
      std::string within;
      size_t at = rest.rfind(" within ");
      if (w == "expect-console" && at != std::string::npos) {
        within = rest.substr(at + 8);
        rest = rest.substr(0, at);
      }
      if (!rest.empty()) l.words.push_back(rest);
      if (!within.empty()) {
        l.words.push_back("within");
        l.words.push_back(within);
      }
    } else {
      while (words >> w) l.words.push_back(w);
    }
    if (l.words.size() - 1 < verb->second)
      throw std::runtime_error("line " + std::to_string(number) + ": '" + l.words[0] + "' needs " +
                               std::to_string(verb->second) + " argument(s)");
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace gui
