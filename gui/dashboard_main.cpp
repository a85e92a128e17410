// SPDX-License-Identifier: GPL-2.0-or-later
// The dashboard's main loop: an SDL2 window with an OpenGL 3 context, Dear ImGui drawing the panels
// from the emulator thread's latest snapshot, about 60 frames a second. Also the two unattended
// modes: a test script (tests under Xvfb) and the benchmark (frame time with the board's tasks
// shown, and emulation speed with the dashboard open versus headless).
#include "dashboard.h"

#include <GL/gl.h>
#include <SDL.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "elf_image.h"
#include "machine.h"
#include "scenario_runner.h"
#include "script_player.h"
#include "thread_priority.h"
#include "ui_state.h"

namespace gui {

namespace {

// The nice value of every thread but the emulator's once the window is up.
constexpr int kViewNice = 10;

using Clock = std::chrono::steady_clock;

// The mouse as the window's SDL events report it. Dear ImGui 1.86's SDL backend reads the pointer
// from SDL's global state, which events pushed with SDL_PushEvent (the tests') never reach; taking
// position and buttons from the events themselves serves real and synthetic input alike.
struct Pointer {
  bool seen = false;
  ImVec2 pos;
  bool down[3] = {};
  bool pressed_since_frame[3] = {};  // a click shorter than a frame still reaches ImGui

  void on_event(const SDL_Event& e) {
    if (e.type == SDL_MOUSEMOTION) {
      seen = true;
      pos = ImVec2(static_cast<float>(e.motion.x), static_cast<float>(e.motion.y));
    } else if (e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_MOUSEBUTTONUP) {
      seen = true;
      pos = ImVec2(static_cast<float>(e.button.x), static_cast<float>(e.button.y));
      int b = e.button.button == SDL_BUTTON_LEFT ? 0 : e.button.button == SDL_BUTTON_RIGHT ? 1 : 2;
      down[b] = e.type == SDL_MOUSEBUTTONDOWN;
      if (down[b]) pressed_since_frame[b] = true;
    } else if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_LEAVE) {
      seen = false;
    }
  }
  void apply(ImGuiIO& io) {
    if (seen) io.MousePos = pos;
    for (int b = 0; b < 3; ++b) {
      io.MouseDown[b] = down[b] || pressed_since_frame[b];
      pressed_since_frame[b] = false;
    }
  }
};

std::string default_firmware() {
  try {
    return sim::locate_firmware("button_flag", "");
  } catch (const std::exception&) {
    return "build/firmware/button_flag.elf";
  }
}

// Headless emulation speed, the way `asyncboard run` runs (trace port on, no observers): MIPS.
double headless_mips(const std::string& firmware, double seconds) {
  sim::ElfImage image = sim::ElfImage::load(firmware);
  sim::Machine m(image);
  auto start = Clock::now();
  uint64_t i0 = 0;
  bool warm = false;
  for (;;) {
    sim::Cycles target = m.clock().now() + m.clock().from_ns_ceil(10'000'000);
    if (m.run_until(target) == sim::StopReason::Idle) m.run_until(target);
    double t = std::chrono::duration<double>(Clock::now() - start).count();
    if (!warm && t > 0.3) {  // past start-up (the tasks being created)
      warm = true;
      start = Clock::now();
      i0 = m.instructions();
    } else if (warm && t >= seconds) {
      return (m.instructions() - i0) / t / 1e6;
    }
    if (m.fault()) return 0;
  }
}

// The emulator thread at full speed with its observers, history and snapshots -- everything the
// dashboard adds to emulation -- but no window: separates that cost from sharing the CPU with rendering.
double emulator_thread_mips(const std::string& firmware, double seconds) {
  EmulatorOptions eo;
  eo.file = firmware;
  eo.speed = 0;
  EmulatorThread emu(eo);
  TimelineStore timeline;
  History h;
  auto take = [&] {
    h.generation = timeline.generation();
    emu.take_history(h);
    timeline.add(h);
    h.tasks.clear(), h.irqs.clear(), h.names.clear();
    return emu.snapshot();
  };
  auto start = Clock::now();
  while (take()->tasks.size() < 1000 && Clock::now() - start < std::chrono::seconds(30))
    std::this_thread::sleep_for(std::chrono::milliseconds(16));
  start = Clock::now();
  uint64_t i0 = take()->instructions;
  while (Clock::now() - start < std::chrono::duration<double>(seconds)) std::this_thread::sleep_for(std::chrono::milliseconds(16)), take();
  return (take()->instructions - i0) / std::chrono::duration<double>(Clock::now() - start).count() / 1e6;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5))];
}

}  // namespace

int run_dashboard(const DashboardOptions& options) {
  std::string file = options.file.empty() ? default_firmware() : options.file;
  std::vector<ScriptLine> script;
  if (!options.test_script.empty()) {
    std::ifstream in(options.test_script);
    if (!in) {
      std::fprintf(stderr, "asyncboard gui: cannot open the test script %s\n", options.test_script.c_str());
      return 2;
    }
    std::stringstream text;
    text << in.rdbuf();
    try {
      script = parse_test_script(text.str());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "asyncboard gui: %s: %s\n", options.test_script.c_str(), e.what());
      return 2;
    }
  }
  if (!std::ifstream(file)) {
    std::fprintf(stderr, "asyncboard gui: %s: cannot open the file\n", file.c_str());
    return 2;
  }
  double headless = 0, threaded = 0;
  if (options.bench_seconds > 0) {
    std::printf("measuring headless emulation of %s for %.0f s...\n", file.c_str(), options.bench_seconds);
    std::fflush(stdout);
    headless = headless_mips(file, options.bench_seconds);
    threaded = emulator_thread_mips(file, options.bench_seconds);
  }

  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  const char* driver = std::getenv("SDL_VIDEODRIVER");
  // Without a display SDL may still initialise a driver nobody sees (offscreen, KMS): refuse unless
  // the user chose one with SDL_VIDEODRIVER.
  bool have_display = (display && *display) || (wayland && *wayland) || (driver && *driver);
  if (!have_display) SDL_SetError("no display");
  if (!have_display || SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr,
                 "asyncboard gui: cannot open a window: %s (DISPLAY is %s%s%s). The dashboard needs a display; "
                 "without one, run scenarios headless with `asyncboard run`, or use xvfb-run.\n",
                 SDL_GetError(), display && *display ? display : "not set", wayland && *wayland ? ", WAYLAND_DISPLAY is " : "",
                 wayland && *wayland ? wayland : "");
    return 2;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  std::string title = "asyncboard - " + file;
  SDL_Window* window = SDL_CreateWindow(title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width,
                                        options.height, SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE);
  SDL_GLContext gl = window ? SDL_GL_CreateContext(window) : nullptr;
  if (!gl) {
    std::fprintf(stderr, "asyncboard gui: cannot create an OpenGL 3.2 window: %s\n", SDL_GetError());
    if (window) SDL_DestroyWindow(window);
    SDL_Quit();
    return 2;
  }
  SDL_GL_MakeCurrent(window, gl);
  SDL_GL_SetSwapInterval(script.empty() && options.bench_seconds <= 0 ? 1 : 0);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is fixed: nothing to remember between runs
  ImGui::StyleColorsDark();
  ImGui_ImplSDL2_InitForOpenGL(window, gl);
  ImGui_ImplOpenGL3_Init("#version 150");

  int status = 0;
  double dashboard_mips = 0;
  size_t bench_tasks = 0;
  std::array<double, 6> bench_frame{};  // frame time median, 95th, max, frames; panels median, 95th
  {
    EmulatorOptions eo;
    eo.file = file;
    eo.speed = options.bench_seconds > 0 ? 0 : options.speed;
    EmulatorThread emu(eo);
    Ui ui(emu);
    ui.snap = emu.wait_for_snapshot(0, std::chrono::seconds(10));  // the first frame needs one
    if (!ui.snap) throw std::runtime_error("the emulator thread did not start");
    // The emulator first, the view with what is left (see thread_priority.h).
    favour_thread(emu.thread_id(), kViewNice);
    ui.show_help = false;
    std::snprintf(ui.load_path, sizeof ui.load_path, "%s", file.c_str());
    Pointer pointer;
    std::unique_ptr<ScriptPlayer> player;
    if (!options.test_script.empty()) player = std::make_unique<ScriptPlayer>(script, window);
    std::vector<double> frame_ms, build_ms;  // whole frames; the panels' own work (ImGui, before OpenGL)
    auto bench_start = Clock::now();
    uint64_t bench_i0 = 0;
    bool bench_warm = false;
    History history;
    const auto frame_budget = std::chrono::microseconds(16'667);

    for (bool quit = false; !quit;) {
      auto frame_start = Clock::now();
      SDL_Event e;
      while (SDL_PollEvent(&e)) {
        ImGui_ImplSDL2_ProcessEvent(&e);
        pointer.on_event(e);
        if (e.type == SDL_QUIT) quit = true;
        if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE && e.window.windowID == SDL_GetWindowID(window))
          quit = true;
      }
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplSDL2_NewFrame();
      pointer.apply(io);
      ImGui::NewFrame();

      ui.snap = emu.snapshot();
      history.generation = ui.timeline.generation();
      emu.take_history(history);
      ui.timeline.add(history);
      history.tasks.clear();
      history.irqs.clear();
      history.names.clear();
      history.dropped = 0;
      ui.widgets.clear();
      draw_controls(ui);
      draw_board_panel(ui);
      draw_tasks_panel(ui);
      draw_interrupts_panel(ui);
      draw_network_panel(ui);
      draw_memory_panel(ui);
      draw_timeline_panel(ui);
      draw_help_window(ui);

      ImGui::Render();
      auto built = Clock::now();
      int w, h;
      SDL_GL_GetDrawableSize(window, &w, &h);
      glViewport(0, 0, w, h);
      glClearColor(0.08f, 0.08f, 0.10f, 1.0f);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      if (player) {
        player->frame(ui);
        if (player->finished()) {
          status = player->status();
          quit = true;
        }
      }
      SDL_GL_SwapWindow(window);
      double ms = std::chrono::duration<double, std::milli>(Clock::now() - frame_start).count();
      ui.frame_ms = ui.frame_ms * 0.9 + ms * 0.1;

      if (options.bench_seconds > 0) {
        double t = std::chrono::duration<double>(Clock::now() - bench_start).count();
        if (!bench_warm && t > 0.5 && ui.snap->tasks.size() >= 1000) {
          bench_warm = true;
          bench_start = Clock::now();
          bench_i0 = ui.snap->instructions;
        } else if (bench_warm) {
          frame_ms.push_back(ms);
          build_ms.push_back(std::chrono::duration<double, std::milli>(built - frame_start).count());
          if (t >= options.bench_seconds) {
            dashboard_mips = (ui.snap->instructions - bench_i0) / t / 1e6;
            quit = true;
          }
        } else if (t > 30) {
          std::fprintf(stderr, "asyncboard gui --bench: the firmware never showed 1000 tasks\n");
          status = 2;
          quit = true;
        }
      }
      // About 60 frames a second whether or not the driver waits for vertical blank (Xvfb does not).
      auto spent = Clock::now() - frame_start;
      if (spent < frame_budget) std::this_thread::sleep_for(frame_budget - spent);
    }
    if (options.bench_seconds > 0 && status == 0) {
      bench_tasks = ui.snap->tasks.size();
      bench_frame = {percentile(frame_ms, 0.5), percentile(frame_ms, 0.95), percentile(frame_ms, 1.0),
                     static_cast<double>(frame_ms.size()), percentile(build_ms, 0.5), percentile(build_ms, 0.95)};
    }
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(gl);
  SDL_DestroyWindow(window);
  SDL_Quit();
  if (options.bench_seconds > 0 && status == 0) {
    // Headless again once the window is gone: the machine's load drifts (it is shared), so the
    // reference is the mean of the runs before and after the dashboard's.
    double headless_after = headless_mips(file, options.bench_seconds);
    double reference = (headless + headless_after) / 2;
    std::printf("dashboard bench: %s, %zu tasks in the table, timeline following live, speed max\n", file.c_str(), bench_tasks);
    std::printf("  frame time: median %.2f ms, 95th percentile %.2f ms, max %.2f ms over %.0f frames (target <= 16.7 ms: 60 fps)\n",
                bench_frame[0], bench_frame[1], bench_frame[2], bench_frame[3]);
    std::printf("  of which the panels (snapshot to ImGui draw lists): median %.2f ms, 95th percentile %.2f ms; the rest "
                "is OpenGL rendering and the swap\n", bench_frame[4], bench_frame[5]);
    std::printf("  emulation: headless %.1f MIPS (%.1f before the dashboard, %.1f after), dashboard open %.1f MIPS: %.2fx "
                "(target >= 0.90x)\n", reference, headless, headless_after, dashboard_mips,
                reference > 0 ? dashboard_mips / reference : 0.0);
    std::printf("  emulation on the dashboard's thread, no window (observers, history, snapshots): %.1f MIPS: %.2fx\n",
                threaded, reference > 0 ? threaded / reference : 0.0);
  }
  return status;
}

}  // namespace gui
