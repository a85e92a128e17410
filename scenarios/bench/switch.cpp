// SPDX-License-Identifier: MIT
// Benchmark: guest instructions per sleep_ms(0) task switch, with 2, 1, 10 and 1000 tasks.
// Each phase writes two marks: its task count once every task has started, then the number of
// switches made when the first task leaves its loop -- before any task finishes, so the window
// holds switches only (the simulator divides the instructions between the marks by that count).
// Built again as bench_e2e_switch (BENCH_END_TO_END): one phase, 1000 tasks, 2M switches, for the
// wall time per switch with the trace port on and off.
#include "asyncio/asyncio.h"
#include "marks.h"

namespace {

struct Phase {
  int tasks;
  int rounds;
  int remaining;  // tasks still yielding
  asyncio::Event done;
};

asyncio::Coro<> yielder(Phase& phase) {
  for (int i = 0; i < phase.rounds; ++i) co_await asyncio::sleep_ms(0);
  // Round robin: when the first task gets here, every task has yielded `rounds - 1` times since
  // the start mark, and nothing has finished yet.
  if (phase.remaining == phase.tasks) bench_mark(static_cast<uint32_t>(phase.tasks * (phase.rounds - 1)));
  if (--phase.remaining == 0) phase.done.set();
}

asyncio::Coro<> run_phase(int tasks, int rounds) {
  Phase phase{tasks, rounds, tasks, {}};
  for (int i = 0; i < tasks; ++i) asyncio::create_task(yielder(phase));
  co_await asyncio::sleep_ms(0);  // every task has started and made its first yield
  bench_mark(static_cast<uint32_t>(tasks));
  co_await phase.done.wait();
  co_await asyncio::sleep_ms(0);  // let the finished tasks go
}

asyncio::Coro<> main_task() {
#if BENCH_END_TO_END
  co_await run_phase(1000, 2001);  // marks 1000, then 2,000,000 switches
#else
  co_await run_phase(2, 1000);
  co_await run_phase(1, 2000);
  co_await run_phase(10, 200);
  co_await run_phase(1000, 20);
#endif
}

}  // namespace

int main() {
  asyncio::run(main_task());
  return 0;
}
