#!/usr/bin/env bash
# Every test: set up, build, then run the whole suite under ctest (unit tests by layer, machine
# tests on firmware images, every scenario, the command line's bad-input answers).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/build.sh
jobs=$(nproc 2>/dev/null || echo 2)
# A test that hangs fails after 5 minutes instead of eating the CI budget.
ctest --test-dir build -j "$jobs" --output-on-failure --timeout 300
# Then each fuzz target for a short bounded run (its own clang build in build-fuzz/; about two
# minutes in all); ASYNCBOARD_FUZZ_SECONDS=0 skips it, a larger number fuzzes longer.
seconds=${ASYNCBOARD_FUZZ_SECONDS:-15}
[ "$seconds" -eq 0 ] || bash tools/fuzz.sh "$seconds"
