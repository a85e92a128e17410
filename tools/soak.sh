#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# soak.sh [HOURS]: runs the soak image (tests/sim/firmware/soak.cpp: tasks, gather, timeouts, locks,
# cancellation and TCP, one round a virtual second) for HOURS of virtual time (default 24), with the
# frame pool, the heap and this process's RSS reported after the first second, every virtual hour
# and at the end; fails if the pool's high water or the heap moved after the first hour. CI runs two
# virtual hours of the same image as a test (sim.soak...); this is the long run, by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
hours=${1:-24}
[ -f build/firmware/test_soak.elf ] || bash tools/build.sh
out=$(mktemp); trap 'rm -f "$out"' EXIT
# The image serves forever: reaching the time limit is the expected end (exit status 1, "still running").
build/bin/asyncboard run --memory --time-limit "$((hours * 3600))s" build/firmware/test_soak.elf | tee "$out" | grep -E "memory|soak:" || true
grep -q "still running at the time limit" "$out" || { echo "soak: the run did not last $hours hours"; exit 1; }
# "high water N; ... heap M bytes" after the first hour and at the end must agree.
figures() { sed -n "s/.*high water \([0-9]*\);.*heap \([0-9]*\) bytes.*/\1 \2/p" "$out"; }
first=$(figures | sed -n 2p); last=$(figures | tail -1)
[ -n "$first" ] && [ "$first" = "$last" ] || { echo "soak: memory moved: after 1 h '$first', at the end '$last'"; exit 1; }
echo "soak: $hours virtual hours, frame pool high water and heap unchanged since the first hour ($last)"
