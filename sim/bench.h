// SPDX-License-Identifier: GPL-2.0-or-later
// The figures of `asyncboard bench`: emulation speed against bare Unicorn on the same image in the
// same run, and the runtime's cost in guest instructions per task switch and per interrupt-to-task
// wake-up, and the network's (echo round trip, throughput, 64 connections). Each speed figure is the median of several runs; instruction counts are deterministic.
#pragma once
#include <string>

#include "bench_net.h"

namespace sim {

struct BenchFigures {
  int runs = 0;
  std::string unicorn_version;       // the library loaded (uc_version()), e.g. "2.1.1"
  double emulated_mips = 0;          // the Machine (hooks, clock, devices) on the compute image
  double bare_unicorn_mips = 0;      // Unicorn alone, no hooks, same image, same instructions
  double empty_hook_unicorn_mips = 0;  // Unicorn with one empty block hook: the floor for any hooked design
  // Ratios are medians of each run's ratio (the peers of one run see the same machine load).
  double emulation_speed_ratio = 0;  // emulated / bare, compute loop
  double mips_memory = 0;            // the memory-bound loop (a store per word) under the Machine
  double bare_unicorn_mips_memory = 0;
  double empty_hook_unicorn_mips_memory = 0;
  double memory_speed_ratio = 0;     // emulated / bare, memory-bound loop
  // QEMU -icount (qemu-system-arm, mps2-an385) on the same sources: 0 when QEMU is not installed.
  double qemu_icount_mips = 0;
  double qemu_icount_mips_memory = 0;
  double qemu_ratio = 0, qemu_ratio_memory = 0;  // emulated / QEMU -icount
  double idle_real_time_speedup = 0; // virtual seconds per real second, blinking for 10 minutes
  double switch_instructions = 0;    // guest instructions per sleep_ms(0) task switch, 2 tasks
  double switch_instructions_1_task = 0;
  double switch_instructions_10_tasks = 0;
  double switch_instructions_1000_tasks = 0;
  double switch_instructions_traced = 0;  // 2 tasks with the trace port enabled (the hook's cost included)
  double event_round_trip_instructions = 0;  // Event ping-pong between two tasks, per round trip
  // The runtime end to end as `run` runs it (bench_e2e_*: 1000 tasks and 2M sleep_ms(0) switches;
  // 1M Event round trips): wall nanoseconds per unit with the trace port off and on (run's default),
  // medians, and their ratio in the same run; guest instructions per switch with the port on.
  double switch_wall_ns_trace_off = 0;
  double switch_wall_ns_trace_on = 0;
  double switch_trace_on_off_ratio = 0;
  double event_round_trip_wall_ns_trace_off = 0;
  double event_round_trip_wall_ns_trace_on = 0;
  double event_trace_on_off_ratio = 0;
  // Wall time under --strict-alignment over run's default, median of per-run ratios.
  double switch_strict_alignment_ratio = 0;
  double event_strict_alignment_ratio = 0;
  double switch_instructions_1000_tasks_traced = 0;
  double bytes_per_task = 0;         // frame pool bytes of a minimal sleeping task (frame + record)
  double runtime_flash_bytes = 0;    // code of namespace asyncio in the blink demo
  double irq_to_task_instructions = 0;  // from raising the button interrupt to the waiting task running
  double irq_to_task_ns = 0;            // the same in virtual time at the core clock
  NetFigures net;                       // the echo server on NET0 (bench_net.h)
  std::string switch_profile;           // with --profile: the switch's instructions by guest function
};

// Throws std::runtime_error naming the image when a firmware image is missing or misbehaves.
BenchFigures run_benchmarks(const std::string& firmware_dir, int runs, bool profile = false);

std::string bench_table(const BenchFigures& f);
std::string bench_json(const BenchFigures& f);

}  // namespace sim
