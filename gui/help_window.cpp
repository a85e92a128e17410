// SPDX-License-Identifier: GPL-2.0-or-later
// The help window: a first-time user's map of the dashboard -- what each panel shows and how to
// drive the board -- and the replay log, shown when a scenario has been replayed.
#include "ui_state.h"

namespace gui {

void draw_help_window(Ui& ui) {
  if (!ui.snap->replay_log.empty()) {
    place_window(0.73f, 0.375f, 0.27f, 0.25f);
    ImGui::Begin("Replay", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
    for (const std::string& line : ui.snap->replay_log) ImGui::TextUnformatted(line.c_str());
    ImGui::End();
  }
  if (!ui.show_help) return;
  ImGui::SetNextWindowSize(ImVec2(560, 0), ImGuiCond_Always);
  ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.3f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.0f));
  ImGui::Begin("Help", &ui.show_help, ImGuiWindowFlags_NoCollapse);
  ImGui::TextWrapped(
      "An emulated Cortex-M4 board runs asyncio-for-C++ firmware. Everything here is read from the board "
      "while it runs; times are virtual (the board's clock), not wall-clock.");
  ImGui::Separator();
  ImGui::BulletText("Board: click B1 (or hold the B key) to press the button; hold it for a long press.\n"
                    "LEDs glow with their brightness; the squares are GPIOA's pins (lit = high).\n"
                    "Type a line under the console and press Enter: it reaches UART0 at 115200 baud.");
  ImGui::BulletText("Tasks: every asyncio task, its state, what it waits on, how often it woke and how\n"
                    "long it ran. Click a header to sort; hover a state for its meaning.");
  ImGui::BulletText("Timeline: task states over time (colours as in the legend), interrupt handler runs\n"
                    "in orange, white arrows from an interrupt to the task it woke, and blue arrows from\n"
                    "a task to the tasks it woke (an Event set, a Lock released, its end). Wheel zooms,\n"
                    "drag pans, 'follow live' tracks the newest time.");
  ImGui::BulletText("Interrupts: per line, enabled / pending / active, how often it was taken, and the\n"
                    "latest latency from the handler's entry to the task it woke resuming.");
  ImGui::BulletText("Network: the board's TCP connections with state and bytes each way.");
  ImGui::BulletText("Memory: the frame pool and the heap with their high-water marks, and the main stack's\n"
                    "peak (tasks are stackless: they share it with the loop and the interrupt handlers).");
  ImGui::BulletText("Controls: Run/Pause, Step (one instruction), speed 0.1x..max, Reset, Load a scenario\n"
                    "or .elf, Replay the scenario's steps, Record the session into a scenario file.");
  ImGui::Separator();
  ImGui::TextWrapped("Task states: ready (due, waiting for its turn) - running - sleeping (in sleep_ms) - "
                     "waiting (on a flag, event, lock, stream, task...) - done / failed / cancelled.");
  ImGui::End();
}

}  // namespace gui
