#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Fuzzing: builds the libFuzzer targets (tests/fuzz/) into build-fuzz/ -- clang with ASan and UBSan,
# host code only, firmware images taken from the normal build/ -- and runs each for SECONDS.
#   tools/fuzz.sh                 20 s per target (what tools/test.sh and so CI run)
#   tools/fuzz.sh 3600            a longer campaign
#   tools/fuzz.sh 600 elf_loader  only the named targets
# Each target starts from its committed seeds (tests/fuzz/corpus/<target>/) and the inputs earlier
# runs found (build-fuzz/corpus/<target>/, kept between runs); a crash, hang or failed invariant is
# saved in build-fuzz/artifacts/<target>/ and fails the run. Reproduce one with
#   build-fuzz/bin/fuzz_<target> build-fuzz/artifacts/<target>/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scenario_parser elf_loader net_device_registers echo_server_input)
jobs=$(nproc 2>/dev/null || echo 2)

bash tools/install-deps.sh
# The echo target runs build/firmware/tcp_echo.elf: the normal build makes it (tools/test.sh has).
[ -f build/firmware/tcp_echo.elf ] || bash tools/build.sh
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=None -DASYNCBOARD_FUZZ=ON \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DASYNCBOARD_FIRMWARE_DIR="$PWD/build/firmware" >/dev/null
cmake --build build-fuzz -j "$jobs" --target fuzzers
mkdir -p build-fuzz/logs
# Unicorn 2.1.1's own leak of a few bytes per engine is not ours (tools/lsan-suppressions.txt).
export LSAN_OPTIONS="suppressions=$PWD/tools/lsan-suppressions.txt:print_suppressions=0"

# One target: its own corpus and artifact folders and log. -timeout: one input running longer is a
# hang; -rss_limit_mb: growing past it is a leak or unbounded buffering.
run_target() {
  local t=$1 corpus=build-fuzz/corpus/$1 artifacts=build-fuzz/artifacts/$1/ log=build-fuzz/logs/$1.log
  local extra=()
  # The echo target keeps one board across inputs, so every input looks like a leak to LeakSanitizer,
  # whose scan of the machine's memory then makes each input 15 times slower; that target checks
  # the firmware's heap and the network's buffers itself.
  [ "$t" != echo_server_input ] || extra=(-detect_leaks=0)
  mkdir -p "$corpus" "$artifacts"
  if build-fuzz/bin/fuzz_"$t" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
       "${extra[@]}" -artifact_prefix="$artifacts" "$corpus" "tests/fuzz/corpus/$t" >"$log" 2>&1; then
    echo "fuzz: $t ok: $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') inputs" \
         "in ${seconds}s, $(ls "$corpus" | wc -l) in its corpus"
  else
    echo "fuzz: $t FAILED (log: $log, artefacts: $artifacts)"
    grep -E -A12 'ERROR:|^[a-z_]+: ' "$log" | head -40
    ls "$artifacts"
    return 1
  fi
}

# Targets run side by side, one per core; each leaves its verdict in a file (a background job's
# exit status is awkward to collect in order), and the run fails if any of them failed.
rm -f build-fuzz/logs/*.failed
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  (run_target "$t" || touch "build-fuzz/logs/$t.failed") &
done
wait
! ls build-fuzz/logs/*.failed >/dev/null 2>&1
