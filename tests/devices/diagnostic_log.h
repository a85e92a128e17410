// SPDX-License-Identifier: GPL-2.0-or-later
// Collects what a RegisterMap reports, so tests can assert that an odd access was named.
#pragma once
#include <string>
#include <vector>

#include "devices/register_map.h"

namespace devices::testing {

struct DiagnosticLog {
  std::vector<std::string> lines;

  void attach(RegisterMap& map) {
    map.set_diagnostics([this](const std::string& line) { lines.push_back(line); });
  }
};

}  // namespace devices::testing
