#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs the dependencies (Debian 12) and builds everything into build/: the host programs
# (build/bin/) and the firmware images (build/firmware/). Shared by run.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"
