#!/bin/sh
# `asyncboard run --trace`: the fan-out demo's Chrome trace-event JSON loads, names an interrupt
# track for GPIOA with one handler slice per click, carries the console lines as instants and LED1
# as a counter that goes on, then off.
# usage: trace_export.sh ASYNCBOARD FAN_OUT_SCENARIO
asyncboard=$1; scenario=$2
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
"$asyncboard" run -q --trace "$out/trace.json" "$scenario" || { echo "trace_export: the run failed"; exit 1; }
python3 - "$out/trace.json" <<'PY'
import json, sys
def fail(why):
    print("trace_export:", why); sys.exit(1)
events = json.load(open(sys.argv[1]))["traceEvents"]
tracks = {e["tid"]: e["args"]["name"] for e in events if e.get("name") == "thread_name"}
if tracks.get(16) != "IRQ GPIOA" or tracks.get(0) != "console":
    fail(f"tracks {tracks}")
gpioa = [e for e in events if e.get("tid") == 16 and e["ph"] in "BE"]
if [e["ph"] for e in gpioa] != ["B", "E", "B", "E"]:
    fail(f"GPIOA slices {[(e['ph'], e['ts']) for e in gpioa]}")
for b, e in zip(gpioa[::2], gpioa[1::2]):
    if not 0 < e["ts"] - b["ts"] < 20:
        fail(f"a GPIOA handler from {b['ts']} to {e['ts']} us")
if gpioa[2]["ts"] - gpioa[0]["ts"] < 100_000:
    fail("the two clicks are not 100 ms apart")
lines = [e["name"] for e in events if e["ph"] == "i"]
if "display: press 1" not in lines or "led2: press 2" not in lines:
    fail(f"console instants {lines}")
led1 = [e["args"]["lit"] for e in events if e["ph"] == "C" and e["name"] == "LED1"]
if led1 != [0, 1, 0]:
    fail(f"LED1 counter {led1}")
print(f"trace_export: ok ({len(events)} events, GPIOA handler slices, console instants, LED counters)")
PY
