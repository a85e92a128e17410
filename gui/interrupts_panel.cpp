// SPDX-License-Identifier: GPL-2.0-or-later
// The interrupts panel: each of the board's interrupt lines (and SysTick) as the NVIC holds it --
// enabled, pending, active -- how often its handler ran, and the latest interrupt-to-task latency:
// from the handler's entry to the moment the task it woke (through a ThreadSafeFlag) resumed.
#include "ui_state.h"

namespace gui {

void draw_interrupts_panel(Ui& ui) {
  place_window(0.73f, 0.075f, 0.27f, 0.30f);
  ImGui::Begin("Interrupts", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  if (ImGui::BeginTable("irqs", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                       ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("line", 0, 1.0f);
    ImGui::TableSetupColumn("en", 0, 0.35f);
    ImGui::TableSetupColumn("pend", 0, 0.45f);
    ImGui::TableSetupColumn("act", 0, 0.4f);
    ImGui::TableSetupColumn("taken", 0, 0.7f);
    ImGui::TableSetupColumn("IRQ->task", 0, 1.1f);
    ImGui::TableHeadersRow();
    auto flag = [](bool on, const char* help) {
      ImGui::TableNextColumn();
      ImGui::TextColored(on ? ImVec4(0.4f, 0.9f, 0.4f, 1) : ImVec4(0.5f, 0.5f, 0.5f, 1), on ? "yes" : "-");
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", help);
    };
    for (const IrqView& v : ui.snap->irqs) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(v.name.c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("exception %d%s", v.exception, v.exception >= 16 ? " (external line)" : "");
      flag(v.enabled, "enabled: the firmware set its bit in NVIC_ISER (SysTick: its TICKINT)");
      flag(v.pending, "pending: raised, waiting to be taken (masked, or a higher priority runs)");
      flag(v.active, "active: its handler is running (or preempted)");
      ImGui::TableNextColumn();
      ImGui::Text("%llu", static_cast<unsigned long long>(v.taken));
      ImGui::TableNextColumn();
      if (v.latest_latency_ns) {
        ImGui::TextUnformatted(format_time(*v.latest_latency_ns).c_str());
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip("Latest: from %s's handler entry to '%s' resuming (woken through a ThreadSafeFlag)",
                            v.name.c_str(), v.latest_woken.c_str());
      } else {
        ImGui::TextDisabled("-");
      }
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace gui
