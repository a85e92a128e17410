// SPDX-License-Identifier: MIT
// The board's trace port as the runtime's trace ring: when the simulator says it takes task events
// (CTRL.ENABLED, read once at start-up), the board hands the port the address of an
// asyncio::TraceRing and installs it; every task event is then one word stored into that ring in
// RAM (two for Woke), which the simulator takes at the end of the basic block -- no store to the
// port, no call. With the port disabled no ring is installed, and the loop keeps its untraced
// switch path: tracing off costs one read at start-up.
#include <stdint.h>

#include "asyncio/loop.h"
#include "asyncio/trace.h"
#include "board/memory_map.h"
#include "board/registers.h"
#include "board/trace_ring.h"

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

static_assert(offsetof(asyncio::TraceRing, magic) == board::trace_ring::MAGIC &&
              offsetof(asyncio::TraceRing, size) == board::trace_ring::SIZE &&
              offsetof(asyncio::TraceRing, layout) == board::trace_ring::LAYOUT &&
              offsetof(asyncio::TraceRing, head) == board::trace_ring::HEAD &&
              offsetof(asyncio::TraceRing, words) == board::trace_ring::WORDS &&
              asyncio::TraceRing::kMagic == board::trace_ring::kMagic &&
              asyncio::TraceRing::kWords <= board::trace_ring::kMaxSize,
              "the trace ring's layout is the trace port's wire format (board/trace_ring.h)");

volatile uint32_t& port(uint32_t offset) {
  return *reinterpret_cast<volatile uint32_t*>(board::kTracePortBase + offset);
}

// The ring the simulator reads (asyncio::TraceRing): in .noinit, so start-up does not spend
// instructions zeroing it; set_trace_ring() fills its header.
__attribute__((section(".noinit"))) asyncio::TraceRing ring;

// Before any other static constructor (priority 101 is the first an application may use), so a
// task created from one is announced too. RING hands the port the ring's address: from then on
// the port takes its words, with no store to the port per event.
struct Install {
  Install() {
    if (!(port(trace::CTRL) & trace::CTRL_ENABLED)) return;
    ring.magic = asyncio::TraceRing::kMagic;
    ring.size = asyncio::TraceRing::kWords;
    ring.head = 0;
    asyncio::set_trace_ring(&ring);
    port(trace::RING) = reinterpret_cast<uintptr_t>(&ring);
  }
};
__attribute__((init_priority(101))) Install install;

}  // namespace
