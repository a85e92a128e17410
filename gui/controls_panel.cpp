// SPDX-License-Identifier: GPL-2.0-or-later
// The controls bar: run, pause, single step, speed (0.1x slow motion, 1x, 10x, as fast as
// possible), reset, load a scenario or firmware image, replay the loaded scenario, record the
// session into a scenario file -- and a status line: virtual time, state, emulation rate.
#include <fmt/format.h>

#include "ui_state.h"

namespace gui {

namespace {

// A button whose screen rectangle the test script can click by name.
bool named_button(Ui& ui, const char* label, const char* name, const char* tooltip) {
  bool pressed = ImGui::Button(label);
  ui.widgets[name] = ScreenRect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tooltip);
  return pressed;
}

}  // namespace

void draw_controls(Ui& ui) {
  place_window(0.0f, 0.0f, 1.0f, 0.075f);
  ImGui::Begin("Controls", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                        ImGuiWindowFlags_NoTitleBar);
  const Snapshot& s = *ui.snap;
  bool running = s.state == RunState::Running;
  if (running) {
    if (named_button(ui, "Pause", "pause", "Stop virtual time (the board keeps its state)")) ui.emu.post({Command::Pause, {}, 0});
  } else {
    if (named_button(ui, " Run ", "run", "Let virtual time pass at the chosen speed")) ui.emu.post({Command::Run, {}, 0});
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(running);
  if (named_button(ui, "Step", "step", "Execute one instruction (or take a pending interrupt) while paused"))
    ui.emu.post({Command::Step, {}, 0});
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (named_button(ui, "Reset", "reset", "Restart the firmware from its reset vector (the timeline starts over)"))
    ui.emu.post({Command::Reset, {}, 0});
  ImGui::SameLine();
  ImGui::TextUnformatted("speed");
  const struct { const char* label; double value; } speeds[] = {{"0.1x", 0.1}, {"1x", 1}, {"10x", 10}, {"max", 0}};
  for (const auto& sp : speeds) {
    ImGui::SameLine();
    if (ImGui::RadioButton(sp.label, s.speed == sp.value)) ui.emu.post({Command::SetSpeed, {}, sp.value});
    ui.widgets[std::string("speed-") + sp.label] = ScreenRect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(sp.value ? "%s real time (virtual time is what the firmware sees)" : "%sas fast as the host can emulate",
                        sp.value ? sp.label : "");
  }
  ImGui::SameLine(0, 20);
  ImGui::SetNextItemWidth(180);
  ImGui::InputTextWithHint("##load", "scenario.yaml or firmware.elf", ui.load_path, sizeof ui.load_path);
  ImGui::SameLine();
  if (named_button(ui, "Load", "load", "Open a scenario (its firmware, ready to replay) or a firmware image"))
    ui.emu.post({Command::Load, ui.load_path, 0});
  ImGui::SameLine();
  ImGui::BeginDisabled(s.scenario.empty());
  if (named_button(ui, "Replay", "replay", "Run the loaded scenario's steps and expectations (as `asyncboard run` does)"))
    ui.emu.post({Command::Replay, {}, 0});
  ImGui::EndDisabled();
  ImGui::SameLine(0, 20);
  ImGui::SetNextItemWidth(140);
  ImGui::InputText("##record", ui.record_path, sizeof ui.record_path);
  ImGui::SameLine();
  if (s.recording) {
    if (named_button(ui, "Stop recording", "stop-recording", "Write the session as a scenario file that replays it headless"))
      ui.emu.post({Command::StopRecording, {}, 0});
  } else if (named_button(ui, "Record", "record",
                          "Restart the board and record presses, typing and the waits between them\n"
                          "into a scenario file (asyncboard run FILE replays it)")) {
    ui.emu.post({Command::StartRecording, ui.record_path, 0});
  }
  ImGui::SameLine();
  if (named_button(ui, "Help", "help", "What the panels show")) ui.show_help = !ui.show_help;

  // Status line.
  ImGui::Text("%s  t = %s  %s  %.1f MIPS  %.2fx real time  frame %.1f ms", to_string(s.state), format_time(s.now_ns).c_str(),
              s.sleeping ? "(CPU asleep in WFI)" : "", s.mips, s.virtual_per_real, ui.frame_ms);
  ImGui::SameLine();
  if (s.recording) ImGui::TextColored(ImVec4(1, 0.3f, 0.3f, 1), " REC %s", s.record_path.c_str());
  if (!s.message.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(s.state == RunState::Faulted ? ImVec4(1, 0.4f, 0.4f, 1) : ImVec4(0.9f, 0.9f, 0.5f, 1), " %s",
                       s.message.c_str());
  }
  ImGui::End();
}

}  // namespace gui
