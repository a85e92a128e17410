// SPDX-License-Identifier: GPL-2.0-or-later
// asyncboard: the simulator's one program. Verbs:
//   run FILE...   scenarios (.yaml) or firmware images (.elf), headless, with CI exit codes
//   bench         the benchmark figures, as a table or --json
//   gui [FILE]    the dashboard (built when SDL2, OpenGL and Dear ImGui are; see gui/)
//   new DIR       a firmware project of one's own, from a template (new_project.h)
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <fmt/format.h>

#include "../bench.h"
#include "../cpu.h"
#include "../scenario_runner.h"
#include "new_project.h"
#include "run_command.h"
#if ASYNCBOARD_HAS_GUI
#include "dashboard.h"
#endif

namespace {

std::string default_firmware_dir() { return sim::asyncboard_firmware_dir(); }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"asyncboard: an emulated Cortex-M board running asyncio-for-C++ firmware"};
  app.require_subcommand(1);
  app.set_version_flag("--version", [] {
    std::string where = sim::unicorn_library_path();
    return fmt::format("asyncboard {}\nUnicorn {}{} (built against {}.{}.{})", ASYNCBOARD_VERSION, sim::unicorn_version(),
                       where.empty() ? "" : ", loaded from " + where, UC_API_MAJOR, UC_API_MINOR, UC_API_PATCH);
  });

  sim::cli::RunOptions run;
  CLI::App* run_cmd = app.add_subcommand("run", "Run scenario files (.yaml) or firmware images (.elf) headless.\n"
                                                "Exit status: 0 passed, 1 an expectation failed, 2 usage or file "
                                                "error, 3 firmware fault.");
  run_cmd->add_option("files", run.files, "Scenario or firmware files")->required();
  run_cmd->add_option("--time-limit", run.time_limit, "Virtual time limit for a firmware image run alone")
      ->capture_default_str();
  run_cmd->add_flag("-q,--quiet", run.quiet, "Print only the result lines");
  run_cmd->add_flag("--memory", run.memory,
                    "Firmware images: report the frame pool, the heap and this process's RSS at the start and the end");
  run_cmd->add_option("--junit", run.junit, "Also write a JUnit XML report (one testcase per file) to this path");
  run_cmd->add_option("--record", run.record,
                      "Record an interactive session with one firmware image (commands on stdin: wait 100ms, press B1, "
                      "release B1, click B1, set-pin PA3 high, quit) into this scenario file");
  run_cmd->add_option("--trace", run.trace,
                      "Also write a Chrome trace-event JSON (chrome://tracing, ui.perfetto.dev): interrupts, console, LEDs");
  run_cmd->add_option("--vcd", run.vcd, "Also write the pins and LEDs as a VCD waveform (GTKWave); several files: PATH-NAME.vcd");
  run_cmd->add_option("-j,--jobs", run.jobs, "Run the files in this many processes at once (output stays in file order)")
      ->check(CLI::Range(1, 256));
  run_cmd->add_option("--speed", run.speed, "Run firmware images at this multiple of real time (0.1: slow motion)")
      ->check(CLI::PositiveNumber);
  run_cmd->add_option("--forward", run.forward,
                      "HOST_PORT:BOARD_PORT: clients of 127.0.0.1:HOST_PORT reach the firmware's BOARD_PORT (one firmware "
                      "image, run in real time until --time-limit or Ctrl-C; HOST_PORT 0: any free port)");
  run_cmd->add_option("--allow-connect", run.allow_connect,
                      "127.0.0.1:PORT: the firmware's connects to that address reach the real one (loopback only)");
  run_cmd->add_flag("--strict-alignment", run.strict_alignment,
                    "Raise UsageFault for unaligned LDRD/STRD, LDM/STM and exclusive accesses even while CCR.UNALIGN_TRP is "
                    "clear, as hardware does (outside IT blocks); emulation gets slower, by what `asyncboard bench` prints");
  run_cmd->add_option("--gdb", run.gdb_port, "Serve the GDB remote protocol on 127.0.0.1:PORT (0: any free port)")
      ->check(CLI::Range(0, 65535));

  sim::cli::NewOptions new_options;
  CLI::App* new_cmd = app.add_subcommand(
      "new", "Write a firmware project of your own in DIR: main.cpp and app.cpp (asyncio firmware), test_app.cpp (the "
             "same task code tested on this machine), scenario.yaml, CMakeLists.txt (finds this asyncboard as a CMake "
             "package) and README.md. Then, in DIR: cmake -S . -B build && cmake --build build; asyncboard run "
             "scenario.yaml");
  new_cmd->add_option("dir", new_options.dir, "The project's directory (new, or empty)")->required();
  new_cmd->add_option("-t,--template", new_options.template_name, "What the firmware does to start with")
      ->check(CLI::IsMember(sim::cli::template_names()))
      ->capture_default_str();
  new_cmd->add_option("--name", new_options.name, "The project's name (default: the directory's name)");

  bool json = false;
  int runs = 5;
  std::string firmware_dir = default_firmware_dir();
  CLI::App* bench_cmd = app.add_subcommand("bench", "Measure emulation speed and the runtime's costs in guest instructions.");
  bench_cmd->add_flag("--json", json, "Print one JSON object with snake_case keys");
  bool profile = false;
  bench_cmd->add_flag("--profile", profile, "Also show where the task switch spends its guest instructions");
  bench_cmd->add_option("--runs", runs, "Runs per speed figure (the median is reported)")->capture_default_str()
      ->check(CLI::Range(1, 101));
  bench_cmd->add_option("--firmware-dir", firmware_dir, "Where the bench_*.elf images are")->capture_default_str();

#if ASYNCBOARD_HAS_GUI
  gui::DashboardOptions gui_options;
  CLI::App* gui_cmd = app.add_subcommand(
      "gui", "Open the dashboard: the board (click B1), its tasks, a timeline, interrupts, network, memory.\n"
             "With no FILE, the button demo (button_flag.elf). Needs a display (DISPLAY or WAYLAND_DISPLAY).");
  gui_cmd->add_option("file", gui_options.file, "A scenario (.yaml) or firmware image (.elf)");
  gui_cmd->add_option("--speed", gui_options.speed, "Start at this multiple of real time (0: as fast as possible)")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  gui_cmd->add_option("--bench", gui_options.bench_seconds,
                      "Measure for this many seconds: frame time with the firmware's tasks shown, and emulation speed "
                      "with the dashboard open versus headless (default firmware: bench_many_tasks.elf, 1000 tasks)");
  gui_cmd->add_option("--size", gui_options.width, "Window width (height: 5/8 of it)")->check(CLI::Range(640, 4096));
  // For the tests under Xvfb: play a script of clicks and checks, exit with its verdict.
  gui_cmd->add_option("--test-script", gui_options.test_script)->group("");
#endif

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : sim::kUsageOrFileError;
  }

  if (*new_cmd) return sim::cli::new_project(new_options);
  if (*run_cmd) {
    run.time_limit_given = run_cmd->count("--time-limit") > 0;
    try {
      return sim::cli::run_command(run);
    } catch (const std::exception& e) {  // a bug of ours, reported rather than crashing
      std::fprintf(stderr, "asyncboard run: internal error: %s\n", e.what());
      return sim::kUsageOrFileError;
    }
  }
#if ASYNCBOARD_HAS_GUI
  if (*gui_cmd) {
    gui_options.height = gui_options.width * 5 / 8;
    if (gui_options.bench_seconds > 0 && gui_options.file.empty())
      gui_options.file = (std::filesystem::path(firmware_dir) / "bench_many_tasks.elf").string();
    try {
      return gui::run_dashboard(gui_options);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "asyncboard gui: %s\n", e.what());
      return sim::kUsageOrFileError;
    }
  }
#endif
  if (*bench_cmd) {
    try {
      sim::BenchFigures f = sim::run_benchmarks(firmware_dir, runs, profile);
      std::fputs(json ? (sim::bench_json(f) + "\n").c_str() : sim::bench_table(f).c_str(), stdout);
      return 0;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s\n", e.what());
      return sim::kUsageOrFileError;
    }
  }
  return sim::kUsageOrFileError;
}
