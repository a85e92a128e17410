#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# `asyncboard run --record`: a session typed on standard input becomes a scenario that replays it
# headless -- the replay passes, and the firmware prints the same lines at the same virtual times.
# usage: record_replay.sh ASYNCBOARD FIRMWARE.elf [SESSION]   (SESSION: printf format, one command a line)
asyncboard=$1; firmware=$2
session=${3:-'wait 100ms\nclick B1\nwait 200ms\npress B1\nwait 30ms\nrelease B1\nset-pin PA3 high\nwait 10ms\nclick B1\nquit\n'}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
printf "$session" |
  "$asyncboard" run --record "$out/session.yaml" "$firmware" >"$out/record.txt" 2>&1 ||
  { cat "$out/record.txt"; echo "record_replay: recording failed"; exit 1; }
cat "$out/session.yaml"
"$asyncboard" run "$out/session.yaml" >"$out/replay.txt" 2>&1 ||
  { cat "$out/replay.txt"; echo "record_replay: the replay failed"; exit 1; }
grep ' uart ' "$out/record.txt" >"$out/record.uart"
grep ' uart ' "$out/replay.txt" >"$out/replay.uart"
[ "$(wc -l <"$out/record.uart")" -ge 4 ] || { echo "record_replay: the session printed too little"; exit 1; }
if ! cmp -s "$out/record.uart" "$out/replay.uart"; then
  echo "record_replay: the replay's console differs from the session's:"; diff "$out/record.uart" "$out/replay.uart"; exit 1
fi
echo "record_replay: ok ($(wc -l <"$out/record.uart") console lines, same text at the same virtual times)"
