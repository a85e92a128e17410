#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# `asyncboard run --speed 10` paces the board at ten times real time: one virtual second of blinking
# must take at least a tenth of a real second (as fast as possible it takes a few milliseconds).
asyncboard=$1; elf=$2
start=$(date +%s%N)
"$asyncboard" run --speed 10 --time-limit 1s "$elf" >/dev/null
end=$(date +%s%N)
elapsed_ms=$(( (end - start) / 1000000 ))
echo "paced_run: 1 s of virtual time at 10x took ${elapsed_ms} ms"
[ "$elapsed_ms" -ge 95 ] || { echo "paced_run: too fast: pacing is not applied"; exit 1; }
echo "paced_run: ok"
