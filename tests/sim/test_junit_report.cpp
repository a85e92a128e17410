// SPDX-License-Identifier: GPL-2.0-or-later
// The JUnit report's text escaping: whatever firmware prints must leave a well-formed document.
#include <catch2/catch.hpp>
#include <string>

#include "cli/junit_report.h"

using sim::cli::xml_text;

TEST_CASE("junit: markup characters become entities", "[junit]") {
  CHECK(xml_text("a<b & c>\"d'") == "a&lt;b &amp; c&gt;&quot;d&apos;");
}

TEST_CASE("junit: control characters and broken UTF-8 become U+FFFD, valid UTF-8 stays", "[junit]") {
  CHECK(xml_text(std::string("x\x01y\x1b", 4)) == "x\xEF\xBF\xBDy\xEF\xBF\xBD");
  CHECK(xml_text("tab\tnew\nline") == "tab\tnew\nline");
  CHECK(xml_text("caf\xC3\xA9 \xE2\x86\x92") == "caf\xC3\xA9 \xE2\x86\x92");   // é and →: kept
  CHECK(xml_text("\xFF\xC3") == "\xEF\xBF\xBD\xEF\xBF\xBD");                     // a stray byte, a cut sequence
  CHECK(xml_text("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                     // overlong '/'
}

TEST_CASE("junit: a document counts failures and errors apart", "[junit]") {
  std::vector<sim::cli::CaseReport> cases(3);
  cases[0].name = "ok";
  cases[1].name = "bad";
  cases[1].code = 1;
  cases[1].message = "LED1 is off";
  cases[2].name = "crash";
  cases[2].code = 3;
  cases[2].output = {"registers: r0 <0>"};
  std::string xml = sim::cli::junit_xml(cases);
  CHECK_THAT(xml, Catch::Contains("tests=\"3\" failures=\"1\" errors=\"1\""));
  CHECK_THAT(xml, Catch::Contains("<failure type=\"expectation failed\" message=\"LED1 is off\">"));
  CHECK_THAT(xml, Catch::Contains("<error type=\"firmware fault\""));
  CHECK_THAT(xml, Catch::Contains("registers: r0 &lt;0&gt;"));
}
