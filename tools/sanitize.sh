#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# AddressSanitizer + UndefinedBehaviorSanitizer over the host half: builds it into build-asan/
# (-DASYNCBOARD_ASAN=ON, without the dashboard, which tools/tsan.sh covers) with the firmware images
# of the normal build, then runs every unit, simulator and scenario test there. Any report fails
# the run: a leak, a bad access, undefined behaviour.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/firmware/blink.elf ] || bash tools/build.sh
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DASYNCBOARD_ASAN=ON -DASYNCBOARD_GUI=OFF \
  -DASYNCBOARD_FIRMWARE_FROM="$PWD/build/firmware" >/dev/null
cmake --build build-asan -j "$jobs"
# quarantine_size_mb: freed memory ASan holds back to catch a use after free. Its default (256 MiB)
# fills over the soak test's two virtual hours of host allocations and frees (on Unicorn 2.1.1, RSS
# went 91 -> 178 MiB with it, flat with quarantine_size_mb=0), and the soak's RSS check would read
# that as growth; 8 MiB still holds the most recent frees back.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:quarantine_size_mb=8"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tools/lsan-suppressions.txt:print_suppressions=0"
# The benchmark's figures under ASan mean nothing, and the QEMU half of the conformance suite is the
# same as in the normal run: both stay out.
ctest --test-dir build-asan -j "$jobs" --output-on-failure --timeout 600 -E "bench_json|bench_report|sim\.conformance"
echo "sanitize: no AddressSanitizer or UBSan reports"
