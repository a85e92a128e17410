#!/usr/bin/env bash
# Every test: set up, build, then run the whole suite under ctest (unit tests by layer, machine
# tests on firmware images, every scenario, the command line's bad-input answers).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/build.sh
jobs=$(nproc 2>/dev/null || echo 2)
# A test that hangs fails after 5 minutes instead of eating the CI budget.
ctest --test-dir build -j "$jobs" --output-on-failure --timeout 300
# Then each fuzz target for a short bounded run (its own clang build in build-fuzz/; about 1.5
# minutes in all). ASYNCBOARD_QUICK=1 skips it; ASYNCBOARD_FUZZ_SECONDS sets the time per target.
if [ "${ASYNCBOARD_QUICK:-0}" != 1 ]; then
  bash tools/fuzz.sh "${ASYNCBOARD_FUZZ_SECONDS:-15}"
fi
