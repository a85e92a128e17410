// SPDX-License-Identifier: GPL-2.0-or-later
// What the panels share within one frame: the emulator to send commands to, the snapshot being
// drawn, the timeline's history, view settings, and where the clickable parts landed on screen (the
// test script clicks them by name, as a person would with the mouse).
#pragma once
#include <imgui.h>

#include <map>
#include <memory>
#include <string>

#include "emulator_thread.h"
#include "timeline_store.h"

namespace gui {

struct ScreenRect {
  ImVec2 min, max;
  ImVec2 center() const { return ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2); }
};

struct Ui {
  explicit Ui(EmulatorThread& e) : emu(e) {}
  EmulatorThread& emu;
  std::shared_ptr<const Snapshot> snap;  // this frame's: every panel draws the same instant
  TimelineStore timeline;

  // Widgets by name ("B1", "LED1", "console-input", "run", "record", ...), as drawn this frame.
  std::map<std::string, ScreenRect> widgets;

  // Board: who holds B1 down (mouse on the drawn button, or the B key), and what was last sent.
  bool button_sent_pressed = false;
  char console_input[256] = {};
  bool console_autoscroll = true;

  // Controls.
  char load_path[512] = {};
  char record_path[512] = "session.yaml";
  bool show_help = false;
  bool show_demo_tooltips = true;

  // Timeline view: the visible window ends at view_end; follow keeps it at the newest time.
  double ns_per_px = 200'000;  // 0.2 ms per pixel: a quarter second across
  devices::Nanoseconds view_end = 0;
  bool follow = true;

  // Frame time, for the status line and the benchmark.
  double frame_ms = 0;
};

// Colours and one-line explanations shared by the tasks table, the timeline and the help window.
ImU32 state_color(devices::TaskState s);
const char* state_help(devices::TaskState s);
const char* wait_help(devices::WaitReason w);
std::string format_time(devices::Nanoseconds ns);  // "1.234 ms", "12.5 s", ...

void draw_controls(Ui& ui);
void draw_board_panel(Ui& ui);
void draw_tasks_panel(Ui& ui);
void draw_timeline_panel(Ui& ui);
void draw_interrupts_panel(Ui& ui);
void draw_network_panel(Ui& ui);
void draw_memory_panel(Ui& ui);
void draw_help_window(Ui& ui);

// Places a panel on first use, as fractions of the window (no imgui.ini: the layout is fixed).
void place_window(float x, float y, float w, float h);

}  // namespace gui
