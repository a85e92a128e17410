#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Every test: set up, build, then run the whole suite under ctest (unit tests by layer, machine
# tests on firmware images, every scenario, the command line's bad-input answers, the dashboard
# under Xvfb), then the same host code again under the sanitizers: ASan + UBSan over the unit,
# simulator and scenario tests (tools/sanitize.sh), TSan over the dashboard's threads (tools/tsan.sh).
# ASYNCBOARD_QUICK=1 skips the sanitizer builds and fuzzing (for a quick local check; CI runs them).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/build.sh
jobs=$(nproc 2>/dev/null || echo 2)
# A test that hangs fails after 5 minutes instead of eating the CI budget.
ctest --test-dir build -j "$jobs" --output-on-failure --timeout 300
# Then the sanitizer builds, and each fuzz target for a short bounded run (its own clang build in
# build-fuzz/; about 1.5 minutes in all; ASYNCBOARD_FUZZ_SECONDS sets the time per target).
if [ "${ASYNCBOARD_QUICK:-0}" != 1 ]; then
  bash tools/sanitize.sh
  bash tools/tsan.sh
  bash tools/fuzz.sh "${ASYNCBOARD_FUZZ_SECONDS:-15}"
fi
