#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# `asyncboard run --trace`: the Chrome trace-event JSON loads and holds what the viewers show.
# Fan-out demo: an interrupt track for GPIOA with one handler slice per click, the console lines as
# instants, LED1 as a counter that goes on, then off, a track per task, and arrows from the owner
# task to each listener its Event.set() woke.
# Button-flag demo: the task's track is a run of state slices without gaps or overlaps, with
# "waiting on flag" between presses, and each press draws a flow arrow from the GPIOA handler into
# the task's "ready" slice; the same run twice writes the same bytes.
# usage: trace_export.sh ASYNCBOARD FAN_OUT_SCENARIO BUTTON_FLAG_SCENARIO
asyncboard=$1; fan_out=$2; button_flag=$3
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
for run in fan-out button-flag button-flag-again; do
  case $run in fan-out) scenario=$fan_out ;; *) scenario=$button_flag ;; esac
  "$asyncboard" run -q --trace "$out/$run.json" "$scenario" >/dev/null || { echo "trace_export: the $run run failed"; exit 1; }
done
cmp -s "$out/button-flag.json" "$out/button-flag-again.json" || { echo "trace_export: two runs wrote different traces"; exit 1; }
python3 - "$out/fan-out.json" "$out/button-flag.json" <<'PY'
import json, sys
def fail(why):
    print("trace_export:", why); sys.exit(1)
def load(path):
    events = json.load(open(path))["traceEvents"]
    tracks = {e["tid"]: e["args"]["name"] for e in events if e.get("name") == "thread_name"}
    return events, tracks

# ---- fan-out: interrupts, console, LEDs, and a track per task ----
events, tracks = load(sys.argv[1])
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
lines = [e["name"] for e in events if e["ph"] == "i" and e.get("tid") == 0]
if "display: press 1" not in lines or "led2: press 2" not in lines:
    fail(f"console instants {lines}")
led1 = [e["args"]["lit"] for e in events if e["ph"] == "C" and e["name"] == "LED1"]
if led1 != [0, 1, 0]:
    fail(f"LED1 counter {led1}")
task_tracks = sorted(name for tid, name in tracks.items() if tid > 1000)
if task_tracks != ["task display", "task led1", "task led2", "task main"]:
    fail(f"fan-out task tracks {task_tracks}")
# The owner ("main") sets the Event on each press: an arrow from its running slice into the ready
# slice of each of the three listeners it woke.
names_by_tid = {tid: name for tid, name in tracks.items() if tid > 1000}
slices_by_tid = {tid: [e for e in events if e.get("tid") == tid and e["ph"] == "X"] for tid in names_by_tid}
def slice_at(tid, ts):
    return [x["name"] for x in slices_by_tid.get(tid, []) if x["ts"] <= ts <= x["ts"] + x["dur"]]
task_starts = {e["id"]: e for e in events if e.get("ph") == "s" and e.get("cat") == "wake-task"}
task_ends = {e["id"]: e for e in events if e.get("ph") == "f" and e.get("cat") == "wake-task"}
if len(task_starts) != 6 or sorted(task_starts) != sorted(task_ends):
    fail(f"fan-out: {len(task_starts)} task-to-task arrows, not 6 (two presses, three listeners)")
woken = []
for i, s in task_starts.items():
    f = task_ends[i]
    if names_by_tid.get(s["tid"]) != "task main" or slice_at(s["tid"], s["ts"]) != ["running"]:
        fail(f"fan-out: arrow {i} does not start in main's running slice: {s}")
    if slice_at(f["tid"], f["ts"]) != ["ready"] or not s["ts"] < f["ts"]:
        fail(f"fan-out: arrow {i} does not end in a ready slice after it starts: {f}")
    woken.append(names_by_tid[f["tid"]])
if sorted(woken) != sorted(["task display", "task led1", "task led2"] * 2):
    fail(f"fan-out: the arrows wake {woken}")
irq_arrows = [e for e in events if e.get("ph") == "s" and e.get("cat") == "wake"]
if len(irq_arrows) != 2 or any(e["tid"] != 16 for e in irq_arrows):
    fail(f"fan-out: the interrupt's arrows {irq_arrows}")
fan_out_events = len(events)

# ---- button-flag: the task's states as slices, and the arrows from the interrupt ----
events, tracks = load(sys.argv[2])
main = [tid for tid, name in tracks.items() if name == "task main"]
if len(main) != 1:
    fail(f"button-flag: no single 'task main' track in {tracks}")
main = main[0]
slices = [e for e in events if e.get("tid") == main and e["ph"] == "X"]
names = [s["name"] for s in slices]
if names[:3] != ["ready", "running", "waiting on flag"] or names.count("waiting on flag") != 3:
    fail(f"button-flag: main's slices {names}")
for a, b in zip(slices, slices[1:]):
    if abs(a["ts"] + a["dur"] - b["ts"]) > 0.0015:
        fail(f"button-flag: a gap or an overlap between {a} and {b}")
handlers = [(b["ts"], e["ts"]) for b, e in zip(*[iter([e for e in events if e.get("tid") == 16 and e["ph"] in "BE"])] * 2)]
starts = {e["id"]: e for e in events if e.get("ph") == "s" and e.get("cat") == "wake"}
ends = {e["id"]: e for e in events if e.get("ph") == "f" and e.get("cat") == "wake"}
if len(starts) != 2 or sorted(starts) != sorted(ends):
    fail(f"button-flag: flow events {starts} {ends}")
for i, s in starts.items():
    f = ends[i]
    if s["tid"] != 16 or not any(b < s["ts"] < e for b, e in handlers):
        fail(f"button-flag: arrow {i} does not start inside a GPIOA handler slice: {s}")
    into = [x for x in slices if x["ts"] <= f["ts"] <= x["ts"] + x["dur"]]
    if f["tid"] != main or f.get("bp") != "e" or [x["name"] for x in into] != ["ready"]:
        fail(f"button-flag: arrow {i} does not end in one of main's ready slices: {f}")
    if not s["ts"] < f["ts"]:
        fail(f"button-flag: arrow {i} goes back in time")
print(f"trace_export: ok (fan-out {fan_out_events} events: GPIOA handler slices, console instants, LED counters, "
      f"4 task tracks, 2 arrows from GPIOA to main and 6 from main to the listeners; button-flag: {len(slices)} state slices for main, 2 arrows from GPIOA; same bytes twice)")
PY
