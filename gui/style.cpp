// SPDX-License-Identifier: GPL-2.0-or-later
// The dashboard's shared vocabulary: a colour and a sentence per task state and wait reason, so the
// tasks table, the timeline and the help window say the same thing.
#include <fmt/format.h>

#include "ui_state.h"

namespace gui {

ImU32 state_color(devices::TaskState s) {
  switch (s) {
    case devices::TaskState::Ready: return IM_COL32(230, 200, 60, 255);     // yellow: due, waiting for its turn
    case devices::TaskState::Running: return IM_COL32(80, 210, 90, 255);    // green: on the CPU
    case devices::TaskState::Sleeping: return IM_COL32(90, 140, 230, 255);  // blue: in sleep()
    case devices::TaskState::Waiting: return IM_COL32(170, 110, 220, 255);  // purple: awaiting something
    case devices::TaskState::Done: return IM_COL32(120, 120, 120, 255);
    case devices::TaskState::Failed: return IM_COL32(230, 70, 60, 255);
    case devices::TaskState::Cancelled: return IM_COL32(200, 120, 60, 255);
  }
  return IM_COL32(255, 255, 255, 255);
}

const char* state_help(devices::TaskState s) {
  switch (s) {
    case devices::TaskState::Ready: return "ready: due to run, waiting in the loop's run queue for its turn";
    case devices::TaskState::Running: return "running: the loop is executing this task's code right now";
    case devices::TaskState::Sleeping: return "sleeping: in asyncio.sleep()/sleep_ms(); the time base will wake it";
    case devices::TaskState::Waiting: return "waiting: suspended on an await (see 'waits on') until something sets it";
    case devices::TaskState::Done: return "done: returned normally";
    case devices::TaskState::Failed: return "failed: ended with an exception";
    case devices::TaskState::Cancelled: return "cancelled: Task.cancel() ended it with CancelledError";
  }
  return "";
}

const char* wait_help(devices::WaitReason w) {
  switch (w) {
    case devices::WaitReason::None: return "";
    case devices::WaitReason::Sleep: return "sleep: until its wake-up time";
    case devices::WaitReason::Event: return "event: an asyncio.Event another task will set()";
    case devices::WaitReason::Lock: return "lock: a Lock another task holds";
    case devices::WaitReason::Flag: return "flag: a ThreadSafeFlag -- typically set by an interrupt handler";
    case devices::WaitReason::Stream: return "stream: a TCP stream or the UART to become readable/writable";
    case devices::WaitReason::Task: return "task: another task to finish (await task)";
    case devices::WaitReason::WaitFor: return "wait-for: an await with a time limit (wait_for)";
    case devices::WaitReason::Gather: return "gather: several awaits at once";
  }
  return "";
}

std::string format_time(devices::Nanoseconds ns) {
  if (ns < 10'000) return fmt::format("{} ns", ns);
  if (ns < 10'000'000) return fmt::format("{:.3f} us", ns / 1e3);
  if (ns < 10'000'000'000ull) return fmt::format("{:.3f} ms", ns / 1e6);
  return fmt::format("{:.3f} s", ns / 1e9);
}

void place_window(float x, float y, float w, float h) {
  ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(x * size.x, y * size.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(w * size.x, h * size.y), ImGuiCond_Always);
}

}  // namespace gui
