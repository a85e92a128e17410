// SPDX-License-Identifier: GPL-2.0-or-later
// The tasks panel: every asyncio task the trace port knows -- name, state, what it waits on (and a
// sleeper's wake-up time), wake count, time run, since when, and the bytes it holds in the frame
// pool -- sortable by any column. Rows are drawn through
// ImGuiListClipper, so only the visible ones cost anything: 1000 tasks draw as fast as 10.
#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "ui_state.h"

namespace gui {

namespace {

enum Column { kSerial, kName, kState, kWaitsOn, kWakes, kRun, kSince, kFrames };

// The row order, re-sorted only when the snapshot or the sort changes.
struct Order {
  uint64_t sequence = 0;
  std::vector<int> rows;
};

bool less(const TaskView& a, const TaskView& b, int column) {
  switch (column) {
    case kName: return a.name < b.name;
    case kState: return a.state < b.state;
    case kWaitsOn: return a.waits_on < b.waits_on;
    case kWakes: return a.wakes < b.wakes;
    case kRun: return a.run_ns < b.run_ns;
    case kSince: return a.since < b.since;
    case kFrames: return a.frame_bytes < b.frame_bytes;
    default: return a.serial < b.serial;
  }
}

}  // namespace

void draw_tasks_panel(Ui& ui) {
  place_window(0.33f, 0.075f, 0.40f, 0.55f);
  ImGui::Begin("Tasks", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  const Snapshot& s = *ui.snap;
  int live = 0;
  for (const TaskView& t : s.tasks) live += t.state < devices::TaskState::Done;
  ImGui::Text("%d live tasks, %zu shown (finished ones are kept for a while)", live, s.tasks.size());
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("From the board's trace port: the runtime reports each task event in two or three stores.\n"
                      "Click a column header to sort. Hover a state for what it means.");

  static Order order;
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("tasks", 8, flags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_DefaultSort, 0.3f, kSerial);
    ImGui::TableSetupColumn("name", 0, 0.9f, kName);
    ImGui::TableSetupColumn("state", 0, 0.8f, kState);
    ImGui::TableSetupColumn("waits on", 0, 1.1f, kWaitsOn);
    ImGui::TableSetupColumn("wakes", 0, 0.65f, kWakes);
    ImGui::TableSetupColumn("run", 0, 0.8f, kRun);
    ImGui::TableSetupColumn("since", 0, 0.85f, kSince);
    ImGui::TableSetupColumn("bytes", 0, 0.65f, kFrames);
    ImGui::TableHeadersRow();

    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (order.sequence != s.sequence || order.rows.size() != s.tasks.size() || (specs && specs->SpecsDirty)) {
      order.rows.resize(s.tasks.size());
      std::iota(order.rows.begin(), order.rows.end(), 0);
      if (specs && specs->SpecsCount > 0) {
        int column = specs->Specs[0].ColumnUserID;
        bool descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
        std::stable_sort(order.rows.begin(), order.rows.end(), [&](int a, int b) {
          return descending ? less(s.tasks[b], s.tasks[a], column) : less(s.tasks[a], s.tasks[b], column);
        });
        specs->SpecsDirty = false;
      }
      order.sequence = s.sequence;
    }

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(order.rows.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const TaskView& t = s.tasks[order.rows[i]];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%u", t.serial);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(t.name.c_str());
        ImGui::TableNextColumn();
        ImGui::PushStyleColor(ImGuiCol_Text, state_color(t.state));
        ImGui::TextUnformatted(devices::to_string(t.state));
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", state_help(t.state));
        ImGui::TableNextColumn();
        if (t.waits_on == devices::WaitReason::Sleep && t.state == devices::TaskState::Sleeping)
          ImGui::Text("sleep until %s", format_time(static_cast<devices::Nanoseconds>(t.due_ms) * 1'000'000).c_str());
        else
          ImGui::TextUnformatted(devices::to_string(t.waits_on));
        if (t.waits_on != devices::WaitReason::None && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", wait_help(t.waits_on));
        ImGui::TableNextColumn();
        ImGui::Text("%u", t.wakes);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_time(t.run_ns).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_time(t.since).c_str());
        ImGui::TableNextColumn();
        if (t.frame_bytes) ImGui::Text("%u", t.frame_bytes);
        if (t.frame_bytes && ImGui::IsItemHovered())
          ImGui::SetTooltip("Bytes this task holds in the frame pool: its record, its coroutine's frame and the\n"
                            "frames of the coroutines it awaits inline (as of its latest suspension).");
      }
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace gui
