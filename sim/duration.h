// SPDX-License-Identifier: GPL-2.0-or-later
// Durations as scenario files write them: "100ms", "1s", "2.5s", "250us", "10ns".
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "devices/event_scheduler.h"

namespace sim {

// nullopt for anything else (no unit, a sign, an exponent, spaces, unknown unit, trailing garbage).
std::optional<devices::Nanoseconds> parse_duration(std::string_view text);
// Exact, in the largest unit that fits: 1500000 -> "1.5ms", 2000000000 -> "2s", 1000001 -> "1.000001ms".
std::string format_duration(devices::Nanoseconds ns);
// Fixed milliseconds for logs, 10 characters then the unit: "   100.004 ms".
std::string format_ms(devices::Nanoseconds ns);

}  // namespace sim
