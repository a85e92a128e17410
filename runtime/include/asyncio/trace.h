// SPDX-License-Identifier: MIT
// Task events for tools, two ways. Both are off by default; when off, the task-switch path pays
// nothing for them and other events one test each.
//
// The trace hook: one call per event, with the task (the dashboard of a host program, a logger).
//
//   asyncio::set_trace_hook([](asyncio::TraceEvent e, const asyncio::TaskRef& t, uint32_t info) { ... });
//
// The hook runs in task context (InterruptWoke: in the loop, when it collects a flag an interrupt
// set), must not block, and must not call back into the loop (reading current() is fine).
//
// The trace ring (32-bit targets): one word per event written to a ring in RAM, no call, for a tool
// that reads the target's memory itself -- as a debugger reads SEGGER RTT's buffers, or the
// simulator's trace port reads this one. About 10 instructions an event: cheap enough to leave on.
#pragma once
#include <cstddef>
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

#if UINTPTR_MAX == 0xFFFFFFFFu
// The ring: `head` counts the words written (it wraps at 2^32); word i is at words[i % kWords]. The
// reader keeps its own count and is behind by at most kWords, or it has lost events (it can tell).
// A word is `task address | event code` (a TaskNode is 8-aligned: the low 3 bits are free); Woke
// is followed by a second word, the waker's address (0: none). The reader takes the rest -- state,
// wait reason, name, frame bytes, due tick -- from the task's record at `layout`'s offsets, right
// after the event (the simulator: at the end of the basic block that wrote the word).
struct TraceRing {
  static constexpr uint32_t kMagic = 0x54524331;  // "TRC1": what a reader checks first
  static constexpr uint32_t kWords = 256;          // a power of two
  struct Layout {  // offsets in a TaskNode (detail/task_node.h)
    uint8_t state, reason, name, frame_bytes, key;
  };
  uint32_t magic = kMagic;
  uint32_t size = kWords;
  Layout layout;
  volatile uint32_t head = 0;
  uint32_t words[kWords];
};

// Installs the ring (nullptr: off); it takes the trace hook's place (set_trace_hook() takes it
// back). Task context, before the tasks to be traced start (a task created before it is announced
// when it is next heard of, without its Created event).
void set_trace_ring(TraceRing* ring) noexcept;
#endif

namespace detail {
extern TraceHook g_trace_hook;
#if UINTPTR_MAX == 0xFFFFFFFFu
extern TraceRing* g_trace_ring;
static_assert(alignof(TaskNode) >= 8, "the trace ring packs the event code into a TaskNode address's low 3 bits");
inline void trace_put(TraceRing* ring, uint32_t word) noexcept {
  uint32_t head = ring->head;
  ring->words[head % TraceRing::kWords] = word;
  ring->head = head + 1;
}
inline void trace_put(TraceRing* ring, TraceEvent e, const TaskNode* t) noexcept {
  trace_put(ring, static_cast<uint32_t>(reinterpret_cast<uintptr_t>(t)) | static_cast<uint32_t>(e));
}
#endif
// One test when tracing is off: with a ring installed, g_trace_hook is ring_hook (trace.cpp), which
// writes the ring; only the switch path writes it inline (loop.cpp).
inline void trace(TraceEvent e, const TaskNode* t, uint32_t info = 0) noexcept {
  if (g_trace_hook) [[unlikely]]
    g_trace_hook(e, t, info);
}
#if UINTPTR_MAX == 0xFFFFFFFFu
void ring_hook(TraceEvent e, const TaskNode* t, uint32_t info) noexcept;
#endif
}  // namespace detail

}  // namespace asyncio
