// SPDX-License-Identifier: MIT
#include "asyncio/trace.h"

#include "asyncio/loop.h"

namespace asyncio {

namespace detail {
TraceHook g_trace_hook = nullptr;
#if UINTPTR_MAX == 0xFFFFFFFFu
TraceRing* g_trace_ring = nullptr;
#endif
#if UINTPTR_MAX == 0xFFFFFFFFu
// The events off the switch path (Created, Finished, the wake-ups), into the ring; Woke with its
// waker, which is current() during the call.
void ring_hook(TraceEvent e, const TaskNode* t, uint32_t) noexcept {
  trace_put(g_trace_ring, e, t);
  if (e == TraceEvent::Woke)
    trace_put(g_trace_ring, static_cast<uint32_t>(reinterpret_cast<uintptr_t>(get_event_loop().current())));
}
#endif
}  // namespace detail

#if UINTPTR_MAX == 0xFFFFFFFFu
void set_trace_ring(TraceRing* ring) noexcept {
  if (ring) {
    ring->layout = {static_cast<uint8_t>(offsetof(detail::TaskNode, state)),
                    static_cast<uint8_t>(offsetof(detail::TaskNode, reason)),
                    static_cast<uint8_t>(offsetof(detail::TaskNode, name)),
                    static_cast<uint8_t>(offsetof(detail::TaskNode, frame_bytes)),
                    static_cast<uint8_t>(offsetof(detail::TaskNode, key))};
  }
  detail::g_trace_ring = ring;
  detail::g_trace_hook = ring ? &detail::ring_hook : nullptr;
  get_event_loop().retrace();  // the loop switches to its ringed switch path (or back)
}
#endif

void set_trace_hook(TraceHook hook) noexcept {
  detail::g_trace_hook = hook;
  get_event_loop().retrace();  // the loop switches to its instrumented path (or back)
}

const char* to_string(TraceEvent e) noexcept {
  switch (e) {
    case TraceEvent::Created: return "created";
    case TraceEvent::Resumed: return "resumed";
    case TraceEvent::Suspended: return "suspended";
    case TraceEvent::Finished: return "finished";
    case TraceEvent::InterruptWoke: return "interrupt-woke";
    case TraceEvent::Woke: return "woke";
  }
  return "?";
}

}  // namespace asyncio
