#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Determinism: each demo scenario, run twice in separate processes, gives the same trace hash and
# the same output byte for byte (wall-clock figures aside).
# usage: determinism.sh ASYNCBOARD SCENARIO.yaml...
asyncboard=$1; shift
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
fail=0
for scenario in "$@"; do
  for run in 1 2; do
    "$asyncboard" run "$scenario" | sed 's/ ([0-9]* ms wall)$//' >"$out/$run.txt"
  done
  hash=$(grep -o '\[trace [0-9a-f]*\]' "$out/1.txt")
  if [ -z "$hash" ]; then echo "determinism: $scenario printed no trace hash"; fail=1; continue; fi
  if ! cmp -s "$out/1.txt" "$out/2.txt"; then
    echo "determinism: $scenario differs between two runs:"; diff "$out/1.txt" "$out/2.txt" | head -20; fail=1
  else
    echo "determinism: $scenario $hash, twice"
  fi
done
exit "$fail"
