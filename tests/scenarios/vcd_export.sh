#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# `asyncboard run --vcd`: the blink demo's waveform parses as VCD, declares every pin and LED, and
# shows LED1 blinking on schedule (on 5 ms every 705 ms) in step with its pin PA5.
# usage: vcd_export.sh ASYNCBOARD BLINK_SCENARIO
asyncboard=$1; scenario=$2
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
"$asyncboard" run -q --vcd "$out/blink.vcd" "$scenario" || { echo "vcd_export: the run failed"; exit 1; }
python3 - "$out/blink.vcd" <<'PY'
import sys
ids, values, history, now, in_defs = {}, {}, {}, 0, True
for line in open(sys.argv[1]):
    w = line.split()
    if not w:
        continue
    if w[0] == "$var":
        ids[w[3]] = w[4]
        history[w[4]] = []
    elif w[0] == "$enddefinitions":
        in_defs = False
    elif not in_defs and w[0].startswith("#"):
        now = int(w[0][1:])
    elif not in_defs and w[0][0] in "01" and w[0][1:] in ids:
        name = ids[w[0][1:]]
        history[name].append((now, w[0][0] == "1"))
def fail(why):
    print("vcd_export:", why); sys.exit(1)
if sorted(history) != sorted([f"PA{i}" for i in range(16)] + ["LED1", "LED2", "LED1_brightness", "LED2_brightness"]):
    fail(f"signals {sorted(history)}")
if history["LED1"] != history["PA5"]:
    fail("LED1 does not follow PA5")
rises = [t for t, v in history["LED1"] if v]
falls = [t for t, v in history["LED1"] if not v][1:]  # the first entry is the initial value
if len(rises) < 14:
    fail(f"only {len(rises)} blinks of LED1 in 10 s")
for a, b in zip(rises, rises[1:]):
    if abs((b - a) - 705_000_000) > 1_000_000:
        fail(f"LED1 rises at {a} and {b} ns: not 705 ms apart")
for r, f in zip(rises, falls):
    if abs((f - r) - 5_000_000) > 1_000_000:
        fail(f"LED1 on from {r} to {f} ns: not 5 ms")
print(f"vcd_export: ok ({len(rises)} blinks of LED1, in step with PA5)")
PY
