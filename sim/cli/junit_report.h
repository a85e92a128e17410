// SPDX-License-Identifier: GPL-2.0-or-later
// JUnit XML for CI systems (Jenkins, GitLab, GitHub's test reporters): one <testcase> per file that
// `asyncboard run` ran, with what it printed and, if it did not pass, why.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sim::cli {

struct CaseReport {
  std::string name;                 // the scenario's name, or the image's file name
  std::string file;
  int code = 0;                     // 0 passed, 1 expectation failed, 2 usage or file error, 3 firmware fault
  std::string message;              // the result line's text
  double seconds = 0;               // wall time
  std::vector<std::string> output;  // what the run printed
};

// The whole document. Text is escaped for XML 1.0: markup characters become entities, control
// characters and bytes that are not UTF-8 become U+FFFD (firmware may print anything).
std::string junit_xml(const std::vector<CaseReport>& cases);

// `text` made safe for XML character data and attribute values.
std::string xml_text(std::string_view text);

}  // namespace sim::cli
