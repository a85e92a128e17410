// SPDX-License-Identifier: GPL-2.0-or-later
// Durations as scenario files write them, and as reports print them.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "duration.h"

namespace sim {

using devices::Nanoseconds;

TEST_CASE("parse_duration reads a number and a unit", "[duration]") {
  CHECK(parse_duration("100ms") == Nanoseconds{100'000'000});
  CHECK(parse_duration("1s") == Nanoseconds{1'000'000'000});
  CHECK(parse_duration("2.5s") == Nanoseconds{2'500'000'000});
  CHECK(parse_duration("250us") == Nanoseconds{250'000});
  CHECK(parse_duration("10ns") == Nanoseconds{10});
  CHECK(parse_duration("0s") == Nanoseconds{0});
  CHECK(parse_duration("0ns") == Nanoseconds{0});
  CHECK(parse_duration("1.5ms") == Nanoseconds{1'500'000});
  CHECK(parse_duration("0.1us") == Nanoseconds{100});
  CHECK(parse_duration("705ms") == Nanoseconds{705'000'000});
  CHECK(parse_duration("12s") == Nanoseconds{12'000'000'000});
}

TEST_CASE("parse_duration rounds fractions of a nanosecond to the nearest", "[duration]") {
  CHECK(parse_duration("0.4ns") == Nanoseconds{0});
  CHECK(parse_duration("1.6ns") == Nanoseconds{2});
}

TEST_CASE("parse_duration rejects anything that is not a number and a unit", "[duration]") {
  for (const char* bad : {"", "100", "ms", "-1s", "1 h", "1sx", "nan", "nans", "infs", "inf", "1h", "1min", "1S",
                          "1Ms", "s1", "1s ", "1 s", "1.2.3s", "--1s"}) {
    INFO("'" << bad << "'");
    CHECK_FALSE(parse_duration(bad).has_value());
  }
}

TEST_CASE("parse_duration rejects durations that do not fit in 64-bit nanoseconds", "[duration]") {
  CHECK_FALSE(parse_duration("1e30s").has_value());
  CHECK_FALSE(parse_duration("100000000000s").has_value());  // 1e20 ns
  CHECK(parse_duration("10000000000s") == Nanoseconds{10'000'000'000'000'000'000ull});  // 1e19 ns fits
}

TEST_CASE("format_duration writes exact values in the largest whole unit", "[duration]") {
  CHECK(format_duration(2'000'000'000) == "2s");
  CHECK(format_duration(100'000'000) == "100ms");
  CHECK(format_duration(1'500'000) == "1.5ms");
  CHECK(format_duration(250'000) == "250us");
  CHECK(format_duration(10) == "10ns");
  CHECK(format_duration(0) == "0ns");
  CHECK(format_duration(2'500'000'000) == "2.5s");
  CHECK(format_duration(999) == "999ns");
  CHECK(format_duration(1'000) == "1us");
  CHECK(format_duration(1'234'567'000'000'000ull) == "1234567s");  // whole units: every digit kept
}

TEST_CASE("format_duration output parses back to the same value", "[duration]") {
  for (Nanoseconds ns : {Nanoseconds{2'000'000'000}, Nanoseconds{100'000'000}, Nanoseconds{1'500'000},
                         Nanoseconds{250'000}, Nanoseconds{10}, Nanoseconds{0}, Nanoseconds{705'000'000},
                         Nanoseconds{12'000'000'000}, Nanoseconds{100'061'000}, Nanoseconds{1'001}}) {
    std::string text = format_duration(ns);
    INFO(ns << " ns formatted as '" << text << "'");
    CHECK(parse_duration(text) == ns);
  }
}

// The header promises "the shortest exact form". Values with more than six significant digits in
// the chosen unit are rounded by the "{:.6g}" format, so the printed value is not the value.
TEST_CASE("format_duration is exact for values with many significant digits", "[duration]") {
  for (Nanoseconds ns : {Nanoseconds{1'000'001}, Nanoseconds{1'234'567}, Nanoseconds{10'000'000'001}}) {
    std::string text = format_duration(ns);
    INFO(ns << " ns formatted as '" << text << "'");
    CHECK(parse_duration(text) == ns);
  }
}

TEST_CASE("format_ms prints fixed milliseconds, width 10, three decimals", "[duration]") {
  CHECK(format_ms(100'061'000) == "   100.061 ms");
  CHECK(format_ms(0) == "     0.000 ms");
  CHECK(format_ms(1'500'000) == "     1.500 ms");
  CHECK(format_ms(12'345'678'000) == " 12345.678 ms");
  CHECK(format_ms(100'061'000).size() == 13);
}

}  // namespace sim
