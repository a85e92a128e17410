// The board's trace port as the runtime's trace hook: when the simulator says it takes task events
// (CTRL.ENABLED, read once at start-up), every asyncio trace event becomes two stores to the port
// (three on Created, with the task's name, and on Woke, with the waker; three or four on Suspended,
// with the task's frame bytes and, going to sleep, when it is due). With the port disabled no hook
// is installed, and the loop keeps its uninstrumented switch path: tracing off costs one read at
// start-up.
#include <stdint.h>

#include "asyncio/loop.h"
#include "asyncio/trace.h"
#include "board/memory_map.h"
#include "board/registers.h"

namespace {

namespace trace = board::trace;
using asyncio::TaskState;
using asyncio::TraceEvent;
using asyncio::WaitReason;

// The wire codes are asyncio's enums (the simulator's device decodes them by board::trace).
static_assert(static_cast<uint32_t>(TraceEvent::Created) == trace::EVENT_CREATED &&
              static_cast<uint32_t>(TraceEvent::Resumed) == trace::EVENT_RESUMED &&
              static_cast<uint32_t>(TraceEvent::Suspended) == trace::EVENT_SUSPENDED &&
              static_cast<uint32_t>(TraceEvent::Finished) == trace::EVENT_FINISHED &&
              static_cast<uint32_t>(TraceEvent::InterruptWoke) == trace::EVENT_INTERRUPT_WOKE &&
              static_cast<uint32_t>(TraceEvent::Woke) == trace::EVENT_WOKE);
static_assert(static_cast<uint32_t>(TaskState::Ready) == trace::STATE_READY &&
              static_cast<uint32_t>(TaskState::Running) == trace::STATE_RUNNING &&
              static_cast<uint32_t>(TaskState::Sleeping) == trace::STATE_SLEEPING &&
              static_cast<uint32_t>(TaskState::Waiting) == trace::STATE_WAITING &&
              static_cast<uint32_t>(TaskState::Done) == trace::STATE_DONE &&
              static_cast<uint32_t>(TaskState::Failed) == trace::STATE_FAILED &&
              static_cast<uint32_t>(TaskState::Cancelled) == trace::STATE_CANCELLED);
static_assert(static_cast<uint32_t>(WaitReason::None) == trace::REASON_NONE &&
              static_cast<uint32_t>(WaitReason::Sleep) == trace::REASON_SLEEP &&
              static_cast<uint32_t>(WaitReason::Event) == trace::REASON_EVENT &&
              static_cast<uint32_t>(WaitReason::Lock) == trace::REASON_LOCK &&
              static_cast<uint32_t>(WaitReason::Flag) == trace::REASON_FLAG &&
              static_cast<uint32_t>(WaitReason::Stream) == trace::REASON_STREAM &&
              static_cast<uint32_t>(WaitReason::Task) == trace::REASON_TASK &&
              static_cast<uint32_t>(WaitReason::WaitFor) == trace::REASON_WAIT_FOR &&
              static_cast<uint32_t>(WaitReason::Gather) == trace::REASON_GATHER);

volatile uint32_t& port(uint32_t offset) {
  return *reinterpret_cast<volatile uint32_t*>(board::kTracePortBase + offset);
}

// The task's own state and wait reason go with every event: the port then needs no model of the
// scheduler (it only turns a resumed task's Ready into Running), and `info` adds nothing to them.
void report(TraceEvent event, const asyncio::detail::TaskNode* task, uint32_t /*info*/) noexcept {
  port(trace::TASK) = reinterpret_cast<uintptr_t>(task);
  if (event == TraceEvent::Created) port(trace::NAME) = reinterpret_cast<uintptr_t>(task->name);
  if (event == TraceEvent::Woke) port(trace::WAKER) = reinterpret_cast<uintptr_t>(asyncio::get_event_loop().current());
  if (event == TraceEvent::Suspended) {
    port(trace::FRAMES) = task->frame_bytes > 0 ? static_cast<uint32_t>(task->frame_bytes) : 0u;  // see TaskRef::frame_bytes()
    if (task->reason == WaitReason::Sleep) port(trace::DUE) = static_cast<uint32_t>(task->key);
  }
  port(trace::EVENT) = static_cast<uint32_t>(event) | static_cast<uint32_t>(task->state) << trace::EVENT_STATE_SHIFT |
                       static_cast<uint32_t>(task->reason) << trace::EVENT_REASON_SHIFT;
}

// Before any other static constructor (priority 101 is the first an application may use), so a
// task created from one is announced too.
struct Install {
  Install() {
    if (port(trace::CTRL) & trace::CTRL_ENABLED) asyncio::set_trace_hook(report);
  }
};
__attribute__((init_priority(101))) Install install;

}  // namespace
