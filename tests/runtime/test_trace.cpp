// The trace hook reports created, resumed, suspended (with the reason), finished and interrupt-woke.
#include <string>

#include "asyncio/asyncio.h"
#include "portable_test.h"

using asyncio::Coro;

namespace {
std::string g_trace;
void record(asyncio::TraceEvent e, const asyncio::detail::TaskNode* t, uint32_t info) noexcept {
  if (std::string(t->name) != "traced") return;
  g_trace += asyncio::to_string(e);
  if (e == asyncio::TraceEvent::Suspended) g_trace += std::string(":") + asyncio::to_string(static_cast<asyncio::WaitReason>(info));
  if (e == asyncio::TraceEvent::Finished) g_trace += std::string(":") + asyncio::to_string(static_cast<asyncio::TaskState>(info));
  g_trace += ' ';
}
}  // namespace

TEST_CASE("the trace hook sees a task's life, with reasons and final state") {
  asyncio_test::Start start;
  g_trace.clear();
  asyncio::set_trace_hook(record);
  asyncio::run([]() -> Coro<> {
    asyncio::ThreadSafeFlag flag;
    auto t = asyncio::create_task([](asyncio::ThreadSafeFlag& f) -> Coro<> {
      co_await asyncio::sleep_ms(5);
      co_await f.wait();
    }(flag), "traced");
    co_await asyncio::sleep_ms(10);
    flag.set();
    co_await t;
  }());
  asyncio::set_trace_hook(nullptr);
  CHECK(g_trace ==
        "created resumed suspended:sleep resumed suspended:ThreadSafeFlag interrupt-woke resumed finished:done ");
}
