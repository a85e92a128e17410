#include "asyncio/trace.h"

#include "asyncio/loop.h"

namespace asyncio {

namespace detail {
TraceHook g_trace_hook = nullptr;
}

void set_trace_hook(TraceHook hook) noexcept {
  detail::g_trace_hook = hook;
  get_event_loop().notice();  // the loop switches to its instrumented path (or back)
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
