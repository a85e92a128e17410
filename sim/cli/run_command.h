// `asyncboard run FILE...`: scenario files (.yaml) or firmware images (.elf), headless.
#pragma once
#include <string>
#include <vector>

namespace sim::cli {

struct RunOptions {
  std::vector<std::string> files;
  std::string time_limit = "60s";  // for firmware images run without a scenario
  bool quiet = false;              // only the PASS/FAIL lines and the summary
};

int run_command(const RunOptions& options);

}  // namespace sim::cli
