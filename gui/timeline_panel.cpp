// SPDX-License-Identifier: GPL-2.0-or-later
// The timeline: task states over virtual time, one row per task, with a row per interrupt line whose
// handler runs are marked, a white arrow from a handler to each task it woke through a
// ThreadSafeFlag, and a blue one from a task to each task it woke (Event, Lock, its end). Mouse
// wheel zooms around the pointer, dragging pans; "follow" keeps the newest time at the right edge.
// Only visible rows and, per row, at most one segment per pixel are drawn (binary search into each
// task's changes), so a crowd of tasks stays fast.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ui_state.h"

namespace gui {

namespace {

constexpr float kNameWidth = 110;
constexpr float kRowHeight = 14;

// The interrupt lines with at least one handler run, in exception order.
std::vector<int> irq_rows(const TimelineStore& t) {
  std::vector<int> rows;
  for (const auto& r : t.handler_runs())
    if (std::find(rows.begin(), rows.end(), r.exception) == rows.end()) rows.push_back(r.exception);
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::string irq_label(const Snapshot& s, int exception) {
  for (const IrqView& v : s.irqs)
    if (v.exception == exception) return v.name;
  return fmt::format("exception {}", exception);
}

}  // namespace

void draw_timeline_panel(Ui& ui) {
  place_window(0.0f, 0.625f, 1.0f, 0.375f);
  ImGui::Begin("Timeline", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  const TimelineStore& tl = ui.timeline;
  devices::Nanoseconds newest = std::max(tl.latest(), ui.snap->now_ns);
  ImGui::Checkbox("follow live", &ui.follow);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keep the newest instant at the right edge. Dragging or zooming stops following.");
  ImGui::SameLine();
  if (ImGui::Button("zoom in")) ui.ns_per_px /= 2;
  ImGui::SameLine();
  if (ImGui::Button("zoom out")) ui.ns_per_px *= 2;
  ui.ns_per_px = std::clamp(ui.ns_per_px, 1.0, 1e9);
  ImGui::SameLine();
  ImGui::TextDisabled("%s per pixel; wheel zooms, drag pans.", format_time(static_cast<devices::Nanoseconds>(ui.ns_per_px)).c_str());
  if (tl.forgotten()) {
    ImGui::SameLine();
    ImGui::TextDisabled("(%llu older changes forgotten)", static_cast<unsigned long long>(tl.forgotten()));
  }
  // The legend doubles as the state tooltips.
  for (int i = 0; i < devices::kTaskStateCount; ++i) {
    auto st = static_cast<devices::TaskState>(i);
    ImGui::SameLine();
    ImGui::ColorButton(devices::to_string(st), ImGui::ColorConvertU32ToFloat4(state_color(st)),
                       ImGuiColorEditFlags_NoTooltip, ImVec2(10, 10));
    ImGui::SameLine(0, 2);
    ImGui::TextUnformatted(devices::to_string(st));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", state_help(st));
  }

  ImGui::BeginChild("lanes", ImVec2(0, 0), true, ImGuiWindowFlags_NoMove);
  std::vector<int> irqs = irq_rows(tl);
  const auto& tracks = tl.tracks();
  int rows = static_cast<int>(irqs.size() + tracks.size());
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float width = ImGui::GetContentRegionAvail().x;
  float lane_width = std::max(10.0f, width - kNameWidth);
  ImGui::InvisibleButton("canvas", ImVec2(width, std::max(1.0f, rows * kRowHeight + kRowHeight)));
  bool hovered = ImGui::IsItemHovered();
  ImGuiIO& io = ImGui::GetIO();

  // Pan and zoom, in the lanes' time coordinates.
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
    ui.follow = false;
    ui.view_end -= static_cast<devices::Nanoseconds>(std::max(-1e18, std::min(1e18, io.MouseDelta.x * ui.ns_per_px)));
  }
  if (ui.follow) ui.view_end = newest;
  double view_start = static_cast<double>(ui.view_end) - lane_width * ui.ns_per_px;
  if (hovered && io.MouseWheel != 0) {
    double at = view_start + (io.MousePos.x - origin.x - kNameWidth) * ui.ns_per_px;
    ui.ns_per_px = std::clamp(ui.ns_per_px * std::pow(0.8, io.MouseWheel), 1.0, 1e9);
    if (!ui.follow || io.MousePos.x - origin.x - kNameWidth < lane_width * 0.9f) {
      ui.follow = false;
      ui.view_end = static_cast<devices::Nanoseconds>(
          std::max(0.0, at + (lane_width - (io.MousePos.x - origin.x - kNameWidth)) * ui.ns_per_px));
    }
    io.MouseWheel = 0;  // the wheel zoomed: it does not also scroll the rows
    view_start = static_cast<double>(ui.view_end) - lane_width * ui.ns_per_px;
  }
  double view_end = static_cast<double>(ui.view_end);
  auto x_of = [&](double t) { return origin.x + kNameWidth + static_cast<float>((t - view_start) / ui.ns_per_px); };
  float lane_x0 = origin.x + kNameWidth, lane_x1 = lane_x0 + lane_width;

  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 clip0 = ImGui::GetWindowPos(), clip1(clip0.x + ImGui::GetWindowWidth(), clip0.y + ImGui::GetWindowHeight());
  float first_visible = (clip0.y - origin.y) / kRowHeight - 1, last_visible = (clip1.y - origin.y) / kRowHeight + 1;

  // Row r's vertical extent.
  auto row_y = [&](int r) { return origin.y + kRowHeight + r * kRowHeight; };
  // Time axis along the top, roughly every 120 px.
  double step = std::pow(10.0, std::ceil(std::log10(120 * ui.ns_per_px)));
  if (step / 2 >= 120 * ui.ns_per_px) step /= 2;
  for (double t = std::ceil(std::max(0.0, view_start) / step) * step; t <= view_end; t += step) {
    float x = x_of(t);
    dl->AddLine(ImVec2(x, origin.y), ImVec2(x, origin.y + kRowHeight + rows * kRowHeight), IM_COL32(255, 255, 255, 25));
    dl->AddText(ImVec2(x + 2, origin.y), IM_COL32(180, 180, 180, 255), format_time(static_cast<devices::Nanoseconds>(t)).c_str());
  }

  // Interrupt rows: each handler run as a tick (wider when it lasted more than a pixel).
  std::vector<float> irq_y(irqs.size());
  for (size_t i = 0; i < irqs.size(); ++i) {
    float y = row_y(static_cast<int>(i));
    irq_y[i] = y + kRowHeight / 2;
    dl->AddText(ImVec2(origin.x + 2, y), IM_COL32(255, 170, 90, 255), irq_label(*ui.snap, irqs[i]).c_str());
  }
  const auto& runs = tl.handler_runs();
  auto run_begin = std::lower_bound(runs.begin(), runs.end(), view_start - 1e6,
                                    [](const TimelineStore::HandlerRun& r, double t) { return r.begin < t; });
  float last_x = -1e9f;
  for (auto it = run_begin; it != runs.end() && it->begin <= view_end; ++it) {
    size_t row = std::find(irqs.begin(), irqs.end(), it->exception) - irqs.begin();
    float x0 = std::max(lane_x0, x_of(static_cast<double>(it->begin)));
    float x1 = std::min(lane_x1, x_of(static_cast<double>(it->open ? newest : it->end)));
    if (x1 < lane_x0 || (x0 - last_x < 1 && runs.size() > 10000)) continue;  // at most one tick a pixel when crowded
    last_x = x0;
    float y = row_y(static_cast<int>(row));
    dl->AddRectFilled(ImVec2(x0, y + 2), ImVec2(std::max(x1, x0 + 1.5f), y + kRowHeight - 2), IM_COL32(255, 150, 60, 255));
  }

  // Task rows.
  ImU32 text = IM_COL32(220, 220, 220, 255);
  for (size_t k = 0; k < tracks.size(); ++k) {
    int r = static_cast<int>(irqs.size() + k);
    if (r < first_visible || r > last_visible) continue;
    const TimelineStore::Track& tr = tracks[k];
    float y = row_y(r);
    dl->AddText(ImVec2(origin.x + 2, y), text, tr.name.c_str());
    long i = std::max(0L, TimelineStore::change_at(tr, static_cast<devices::Nanoseconds>(std::max(0.0, view_start))));
    long n = static_cast<long>(tr.changes.size());
    while (i < n) {
      const auto& c = tr.changes[i];
      if (c.at > view_end) break;
      double end = i + 1 < n ? static_cast<double>(tr.changes[i + 1].at) : static_cast<double>(newest);
      float x0 = std::max(lane_x0, x_of(static_cast<double>(c.at))), x1 = std::min(lane_x1, x_of(end));
      if (x1 >= lane_x0 && c.state < devices::TaskState::Done)
        dl->AddRectFilled(ImVec2(x0, y + 2), ImVec2(std::max(x1, x0 + 1), y + kRowHeight - 2), state_color(c.state));
      else if (c.state >= devices::TaskState::Done && x0 <= lane_x1)
        dl->AddText(ImVec2(x0 + 2, y), state_color(c.state), devices::to_string(c.state));
      if (x1 - x0 < 1) {  // sub-pixel: jump to the change in effect one pixel on
        long next = TimelineStore::change_at(tr, static_cast<devices::Nanoseconds>(view_start + (x0 + 1 - lane_x0) * ui.ns_per_px));
        i = std::max(i + 1, next);
      } else {
        ++i;
      }
    }
  }

  // Wake arrows: from the handler's entry to the task it woke (white).
  std::vector<int> serial_row;
  for (size_t k = 0; k < tracks.size(); ++k) {
    if (tracks[k].serial >= serial_row.size()) serial_row.resize(tracks[k].serial + 1, -1);
    serial_row[tracks[k].serial] = static_cast<int>(irqs.size() + k);
  }
  int arrows = 0;
  for (auto it = tl.wakes().rbegin(); it != tl.wakes().rend() && arrows < 200; ++it) {
    if (it->at < view_start) break;
    if (it->handler_entry > view_end) continue;
    size_t irq_row = std::find(irqs.begin(), irqs.end(), it->exception) - irqs.begin();
    if (it->serial >= serial_row.size() || serial_row[it->serial] < 0 || irq_row >= irqs.size()) continue;
    ImVec2 a(x_of(static_cast<double>(it->handler_entry)), irq_y[irq_row]);
    ImVec2 b(x_of(static_cast<double>(it->at)), row_y(serial_row[it->serial]) + kRowHeight / 2);
    if (a.x < lane_x0 && b.x < lane_x0) continue;
    dl->AddLine(a, b, IM_COL32(255, 255, 255, 200), 1.5f);
    dl->AddTriangleFilled(b, ImVec2(b.x - 4, b.y - 6), ImVec2(b.x + 4, b.y - 6), IM_COL32(255, 255, 255, 220));
    ++arrows;
  }
  // Task-to-task wakes (an Event set, a Lock released, a task finished): a blue arrow at the
  // instant, from the waker's row to the woken task's.
  arrows = 0;
  for (auto it = tl.task_wakes().rbegin(); it != tl.task_wakes().rend() && arrows < 200; ++it) {
    if (it->at < view_start) break;
    if (it->at > view_end) continue;
    if (std::max(it->waker, it->serial) >= serial_row.size() || serial_row[it->waker] < 0 || serial_row[it->serial] < 0)
      continue;
    float x = x_of(static_cast<double>(it->at));
    float from_y = row_y(serial_row[it->waker]) + kRowHeight / 2, to_y = row_y(serial_row[it->serial]) + kRowHeight / 2;
    float dir = to_y > from_y ? 1.0f : -1.0f;
    dl->AddLine(ImVec2(x, from_y), ImVec2(x, to_y), IM_COL32(120, 190, 255, 210), 1.5f);
    dl->AddTriangleFilled(ImVec2(x, to_y), ImVec2(x - 4, to_y - 6 * dir), ImVec2(x + 4, to_y - 6 * dir),
                          IM_COL32(120, 190, 255, 230));
    ++arrows;
  }
  if (hovered) {
    double t = view_start + (io.MousePos.x - lane_x0) * ui.ns_per_px;
    int r = static_cast<int>((io.MousePos.y - origin.y - kRowHeight) / kRowHeight);
    if (io.MousePos.x >= lane_x0 && r >= static_cast<int>(irqs.size()) && r < rows && t >= 0) {
      const auto& tr = tracks[r - irqs.size()];
      long i = TimelineStore::change_at(tr, static_cast<devices::Nanoseconds>(t));
      if (i >= 0) {
        const auto& c = tr.changes[i];
        ImGui::SetTooltip("%s at %s: %s%s%s\n%s", tr.name.c_str(), format_time(static_cast<devices::Nanoseconds>(t)).c_str(),
                          devices::to_string(c.state), c.waits_on != devices::WaitReason::None ? " on " : "",
                          devices::to_string(c.waits_on), state_help(c.state));
      }
    }
  }
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace gui
