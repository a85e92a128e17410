// The trace hook: one call per task event, for tools (the simulator's dashboard and trace export
// read task states from it). Off by default; when off, the task-switch path pays nothing for it
// (the loop takes its instrumented path only while a hook is set) and other events one test each.
//
//   asyncio::set_trace_hook([](asyncio::TraceEvent e, const asyncio::TaskRef& t, uint32_t info) { ... });
//
// The hook runs in task context (InterruptWoke: in the loop, when it collects a flag an interrupt
// set), must not block, and must not call back into the loop (reading current() is fine).
#pragma once
#include <cstdint>

#include "asyncio/detail/task_node.h"

namespace asyncio {

enum class TraceEvent : uint8_t {
  Created,        // create_task(); info: 0
  Resumed,        // the loop resumes the task; info: 0
  Suspended,      // the task gave the CPU back; info: the WaitReason it now waits on
  Finished,       // info: the final TaskState (Done, Failed or Cancelled)
  InterruptWoke,  // a ThreadSafeFlag set (by an interrupt, thread or signal) woke the task; info: 0
  Woke,           // an Event, a Lock, a task's end or a stream made the waiting task due; info: 0.
                  // The waker is get_event_loop().current() during the call: the task that set
                  // the Event, released the Lock or just finished; nullptr for I/O readiness.
};
const char* to_string(TraceEvent e) noexcept;

using TraceHook = void (*)(TraceEvent event, const detail::TaskNode* task, uint32_t info) noexcept;

// Installs the hook (nullptr: off). Task context.
void set_trace_hook(TraceHook hook) noexcept;

namespace detail {
extern TraceHook g_trace_hook;
inline void trace(TraceEvent e, const TaskNode* t, uint32_t info = 0) noexcept {
  if (g_trace_hook) [[unlikely]]
    g_trace_hook(e, t, info);
}
}  // namespace detail

}  // namespace asyncio
