// SPDX-License-Identifier: GPL-2.0-or-later
// The memory panel: the firmware's asyncio frame pool (in use, high-water mark, capacity), its newlib
// heap, its stacks (the main stack's peak and depth now; PSP once used), and the simulator's own
// resident size -- read from outside, as `asyncboard run --memory` does, so it needs nothing from
// the firmware.
#include "ui_state.h"

namespace gui {

void draw_memory_panel(Ui& ui) {
  place_window(0.73f, 0.475f, 0.27f, 0.15f);
  ImGui::Begin("Memory", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  const sim::FirmwareMemory& mem = ui.snap->memory;
  if (mem.frames_in_use && mem.frame_pool_bytes && *mem.frame_pool_bytes) {
    float used = static_cast<float>(*mem.frames_in_use) / static_cast<float>(*mem.frame_pool_bytes);
    char label[96];
    snprintf(label, sizeof label, "%u of %u bytes", *mem.frames_in_use, *mem.frame_pool_bytes);
    ImGui::TextUnformatted("frame pool");
    ImGui::SameLine();
    ImGui::ProgressBar(used, ImVec2(-1, 0), label);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Coroutine frames and task records come from this fixed pool.\n"
                        "High-water mark: %u bytes; %u allocations since start.\n"
                        "Running out raises RuntimeError naming the limit, never a hard fault.",
                        mem.frames_high_water.value_or(0), mem.frame_allocations.value_or(0));
    ImGui::Text("high water %u", mem.frames_high_water.value_or(0));
  } else {
    ImGui::TextDisabled("no asyncio frame pool in this image");
  }
  if (mem.heap_bytes) {
    ImGui::SameLine();
    ImGui::Text("  heap %u bytes", *mem.heap_bytes);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("newlib's heap (malloc, std::string, streams): it only grows, so this is its high-water mark.");
  }
  if (mem.main_stack_peak && mem.main_stack_bytes && *mem.main_stack_bytes) {
    char label[96];
    snprintf(label, sizeof label, "peak %u of %u bytes", *mem.main_stack_peak, *mem.main_stack_bytes);
    ImGui::TextUnformatted("main stack");
    ImGui::SameLine();
    ImGui::ProgressBar(static_cast<float>(*mem.main_stack_peak) / static_cast<float>(*mem.main_stack_bytes),
                       ImVec2(-1, 0), label);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("The main stack (MSP): the loop, every task's code and the interrupt handlers run on it.\n"
                        "Tasks are stackless coroutines: what a task keeps between switches is in its frames.\n"
                        "Peak: the deepest use since reset (the simulator paints the stack at load).\n"
                        "Now: %u bytes. Past the end lies the guard region: an overflow faults there.",
                        mem.main_stack_now.value_or(0));
  }
  // The rest on one line: the panel is four lines high.
  if (mem.process_stack_pointer) {
    ImGui::Text("PSP 0x%08X", *mem.process_stack_pointer);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The process stack pointer: the firmware runs thread code on PSP.");
    ImGui::SameLine();
  }
  ImGui::TextDisabled("simulator RSS %.1f MiB", static_cast<double>(mem.host_rss_bytes) / (1 << 20));
  ImGui::End();
}

}  // namespace gui
