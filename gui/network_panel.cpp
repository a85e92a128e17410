// SPDX-License-Identifier: GPL-2.0-or-later
// The network panel: the virtual network's connections (each side still open or draining) with
// their state and bytes each way. Forwarding real host ports is `asyncboard run --forward`'s; the
// dashboard shows the board's own network.
#include "ui_state.h"

namespace gui {

void draw_network_panel(Ui& ui) {
  place_window(0.73f, 0.375f, 0.27f, 0.10f);
  ImGui::Begin("Network", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  const auto& conns = ui.snap->connections;
  ImGui::TextDisabled("board 10.0.0.2; clients 10.0.0.1; no host forwarding");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Real programs reach the board with `asyncboard run FIRMWARE.elf --forward 8080:80`;\n"
                      "scenarios open connections with tcp-connect steps (Replay shows them here).");
  if (conns.empty()) {
    ImGui::TextDisabled("no connections");
  } else if (ImGui::BeginTable("conns", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("local -> remote", 0, 2.2f);
    ImGui::TableSetupColumn("state", 0, 1.0f);
    ImGui::TableSetupColumn("sent", 0, 0.6f);
    ImGui::TableSetupColumn("recv", 0, 0.6f);
    ImGui::TableHeadersRow();
    for (const auto& c : conns) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%s -> %s", c.local.to_string().c_str(), c.remote.to_string().c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.state.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%llu", static_cast<unsigned long long>(c.bytes_sent));
      ImGui::TableNextColumn();
      ImGui::Text("%llu", static_cast<unsigned long long>(c.bytes_received));
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace gui
