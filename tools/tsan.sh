#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# ThreadSanitizer over the dashboard: builds the host half with -fsanitize=thread into build-tsan/
# (-DASYNCBOARD_TSAN=ON), then runs the dashboard's threads -- both window tests under Xvfb and
# the benchmark's 1000-task run -- and fails on any data race report. Firmware comes from
# the normal build (build/firmware, built first if missing). Takes a few minutes; tools/test.sh (CI) runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/firmware/button_flag.elf ] || bash tools/build.sh
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DASYNCBOARD_TSAN=ON >/dev/null
cmake --build build-tsan -j2 --target asyncboard
# llvmpipe renders on the calling thread (Mesa is not instrumented); a race report is an error.
export LP_NUM_THREADS=0 TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"
export ASYNCBOARD_FIRMWARE_DIR="$PWD/build/firmware"
out=build-tsan/gui-artefacts
sh tests/gui/gui_test.sh click build-tsan/bin/asyncboard tests/gui/click.script "$out"
sh tests/gui/gui_test.sh record build-tsan/bin/asyncboard tests/gui/record.script "$out"
# The benchmark's paths too: the emulator thread at full speed with 1000 tasks, the window open.
LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s "-screen 0 1280x800x24" build-tsan/bin/asyncboard gui --bench 2 2>&1 | tail -6
echo "tsan: no data races reported"
