// SPDX-License-Identifier: GPL-2.0-or-later
// `asyncboard run -j N`: each file in its own asyncboard process, N at a time. Their outputs come
// back whole and in the order of the files, whatever order they finish in, so a parallel run's log
// reads (and hashes) like a serial one.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace sim::cli {

struct ChildRun {
  std::vector<std::string> lines;  // its output, stdout and stderr together
  int status = 0;                  // its exit status (2 if it could not be started or was killed)
  double seconds = 0;              // wall time
};

// Runs `program` with `args(file)` for each file, at most `jobs` at once; calls `done(i, run)` for
// file i in file order as soon as it and every file before it have finished.
void run_in_parallel(const std::string& program, const std::vector<std::string>& files, int jobs,
                     const std::function<std::vector<std::string>(const std::string&)>& args,
                     const std::function<void(size_t, const ChildRun&)>& done);

}  // namespace sim::cli
