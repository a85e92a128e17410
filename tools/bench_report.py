#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes the benchmark report: every figure the issues ask for, next to its peer measured in the same run.

    python3 tools/bench_report.py                       # medians of 5 runs -> scenarios/bench/REPORT.md
    python3 tools/bench_report.py --runs 1 --out F.md   # quicker (CI checks the report is complete)

Runs `asyncboard bench --json` (the board: guest instructions, emulation speed next to bare Unicorn and
qemu-system-arm -icount), `asyncio_bench --json` (the host runtime next to CPython's asyncio) and, when a
display or xvfb-run is there, `asyncboard gui --bench` (the dashboard). The machine is noted at the top.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, timeout=900, env=None):
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited with {out.returncode}:\n{out.stdout}\n{out.stderr}")
    return out.stdout


def machine():
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; commit {commit or '?'}"


def fmt(v, digits=0):
    if v is None:
        return "—"
    if isinstance(v, float) and digits:
        return f"{v:,.{digits}f}"
    return f"{v:,.0f}" if isinstance(v, (int, float)) else str(v)


def ratio(a, b, digits=2):
    return "—" if not a or not b else f"{a / b:.{digits}f}x"


def gui_bench(build):
    """The dashboard's figures, or None when there is no display to open it on."""
    cmd = [os.path.join(build, "bin", "asyncboard"), "gui", "--bench", "3"]
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        if not shutil.which("xvfb-run"):
            return None
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"] + cmd
        env["LIBGL_ALWAYS_SOFTWARE"] = "1"
    try:
        text = run(cmd, timeout=300, env=env)
    except (RuntimeError, subprocess.TimeoutExpired, FileNotFoundError):
        return None
    frame = re.search(r"frame time: median ([0-9.]+) ms", text)
    panels = re.search(r"panels .*?: median ([0-9.]+) ms", text)
    speed = re.search(r"dashboard open ([0-9.]+) MIPS: ([0-9.]+)x", text)
    headless = re.search(r"headless ([0-9.]+) MIPS", text)
    return {
        "frame_ms": float(frame.group(1)) if frame else None,
        "panels_ms": float(panels.group(1)) if panels else None,
        "open_mips": float(speed.group(1)) if speed else None,
        "ratio": float(speed.group(2)) if speed else None,
        "headless_mips": float(headless.group(1)) if headless else None,
        "software_gl": not os.environ.get("DISPLAY"),
    }


def report(board, host, gui, runs):
    b, h = board, host
    rows = []

    def row(figure, value, peer, target=""):
        rows.append(f"| {figure} | {value} | {peer} | {target} |")

    def times(key):
        return "—" if not b.get(key) else f"{b[key]:.2f}x"

    unicorn = f"Unicorn {b.get('unicorn_version', '?')}: "
    row("emulated MIPS, compute loop", fmt(b.get("emulated_mips"), 1),
        f"{unicorn}bare {fmt(b.get('bare_unicorn_mips'), 1)} ({times('mips_ratio_vs_bare_unicorn')}), an empty block hook "
        f"alone {fmt(b.get('empty_hook_unicorn_mips'), 1)}; QEMU -icount {fmt(b.get('qemu_icount_mips'), 1)} "
        f"({times('mips_ratio_vs_qemu_icount')})", "≥ 1.0x QEMU -icount, ≥ 0.9x bare")
    row("emulated MIPS, memory-bound loop", fmt(b.get("mips_memory"), 1),
        f"bare {fmt(b.get('bare_unicorn_mips_memory'), 1)} ({times('mips_memory_ratio_vs_bare_unicorn')}), an empty block "
        f"hook alone {fmt(b.get('empty_hook_unicorn_mips_memory'), 1)}; QEMU -icount "
        f"{fmt(b.get('qemu_icount_mips_memory'), 1)} ({times('mips_memory_ratio_vs_qemu_icount')})",
        "≥ 1.0x QEMU -icount, ≥ 0.9x bare")
    row("virtual / real time, idle blink", f"{fmt(b.get('idle_real_time_speedup'))}x", "a 1 ms periodic tick: ~250x", "≥ 1000x")
    for n, key in (("1", "switch_instructions_1_task"), ("2", "switch_instructions"), ("10", "switch_instructions_10_tasks"),
                   ("1000", "switch_instructions_1000_tasks")):
        row(f"guest instructions per sleep_ms(0) switch, {n} task{'s' if n != '1' else ''}", fmt(b.get(key)),
            "MicroPython ~10,500 (1 task) .. ~35,000 (1000)", "≤ 50")
    row("the same, 2 tasks, trace port on", fmt(b.get("switch_instructions_traced")), "", "")
    row("guest instructions per Event ping-pong", fmt(b.get("event_round_trip_instructions")), "", "")
    row("wall ns per switch end to end (1000 tasks, 2M switches), trace port on", fmt(b.get("switch_wall_ns_trace_on"), 1),
        f"trace port off {fmt(b.get('switch_wall_ns_trace_off'), 1)} ({times('switch_trace_on_off_ratio')}); "
        f"{fmt(b.get('switch_instructions_1000_tasks_traced'))} guest instructions a switch traced, "
        f"{fmt(b.get('switch_instructions_1000_tasks'))} not", "≤ 1.5x off, ≤ 20 instructions more")
    row("wall ns per Event round trip end to end (1M), trace port on", fmt(b.get("event_round_trip_wall_ns_trace_on"), 1),
        f"trace port off {fmt(b.get('event_round_trip_wall_ns_trace_off'), 1)} ({times('event_trace_on_off_ratio')})",
        "≤ 1.5x off")
    row("--strict-alignment: wall time per switch / per Event round trip, trace port on",
        f"{times('switch_strict_alignment_ratio')} / {times('event_strict_alignment_ratio')}",
        "code hooks on LDRD/LDM/exclusives: any code hook slows every block", "")
    row("guest instructions, button IRQ → task", fmt(b.get("irq_to_task_instructions")), "MicroPython ~39,000", "")
    row("RAM bytes per minimal sleeping task", fmt(b.get("bytes_per_task")), "MicroPython 80", "≤ 64")
    row("flash bytes of the runtime", fmt(b.get("runtime_flash_bytes")), "", "")
    row("echo round trip (latency 0)", f"{fmt(b.get('echo_round_trip_instructions'))} instructions, {fmt(b.get('echo_round_trip_us'), 2)} µs", "", "")
    row("bytes per virtual second, one connection", fmt(b.get("net_bytes_per_virtual_second")),
        f"{fmt(b.get('net_instructions_per_byte'), 2)} instructions a byte", "")
    row("concurrent connections served without loss", fmt(b.get("concurrent_connections_served")), "", "64")
    for n in ("1_task", "10_tasks", "1000_tasks", "100000_tasks"):
        ours, theirs = h.get(f"switches_per_second_{n}"), h.get(f"cpython_switches_per_second_{n}")
        row(f"host switches per second, {n.replace('_', ' ')}", fmt(ours), f"CPython {fmt(theirs)} ({ratio(ours, theirs, 0)})", "≥ 100x CPython")
    ours, theirs = h.get("event_round_trips_per_second"), h.get("cpython_event_round_trips_per_second")
    row("host Event round trips per second", fmt(ours), f"CPython {fmt(theirs)} ({ratio(ours, theirs, 0)})", "")
    row("host ThreadSafeFlag round trip from another thread", f"{fmt(h.get('cross_thread_round_trip_us'), 1)} µs",
        f"CPython {fmt(h.get('cpython_cross_thread_round_trip_us'), 1)} µs; MicroPython unix ~2,200 µs", "< 20 µs")
    row("host bytes per task", fmt(h.get("bytes_per_task")), f"CPython {fmt(h.get('cpython_bytes_per_task'))}", "")
    if gui:
        gl = " (software OpenGL under Xvfb)" if gui["software_gl"] else ""
        row("dashboard frame time, 1000 tasks shown", f"{fmt(gui['frame_ms'], 1)} ms{gl}",
            f"of which the panels {fmt(gui['panels_ms'], 2)} ms", "≤ 16.7 ms (60 fps)")
        row("emulation with the dashboard open", f"{fmt(gui['open_mips'], 1)} MIPS",
            f"headless {fmt(gui['headless_mips'], 1)} MIPS ({fmt(gui['ratio'], 2)}x)", "≥ 0.90x headless")
    head = [
        "# Benchmark report",
        "",
        f"Written by `tools/bench_report.py` on {datetime.date.today().isoformat()}: {machine()}. Speed figures are "
        f"medians of {runs} runs, each with its peer measured in the same run; guest instruction counts are exact and "
        "the same on every machine. What each figure measures: [scenarios/bench/README.md](README.md).",
        "",
        "| figure | asyncboard | peer (same run) | target |",
        "| --- | --- | --- | --- |",
    ]
    return "\n".join(head + rows) + "\n"


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--out", default=os.path.join(ROOT, "scenarios", "bench", "REPORT.md"))
    ap.add_argument("--no-gui", action="store_true", help="leave out the dashboard's figures")
    args = ap.parse_args(argv)
    board = json.loads(run([os.path.join(args.build, "bin", "asyncboard"), "bench", "--json", "--runs", str(args.runs),
                            "--firmware-dir", os.path.join(args.build, "firmware")]))
    host = json.loads(run([os.path.join(args.build, "bin", "asyncio_bench"), "--json", "--runs", str(args.runs)]))
    gui = None if args.no_gui else gui_bench(args.build)
    text = report(board, host, gui, args.runs)
    with open(args.out, "w") as f:
        f.write(text)
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
