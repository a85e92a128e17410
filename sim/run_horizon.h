// SPDX-License-Identifier: GPL-2.0-or-later
// RunHorizon: the virtual time up to which the block hook may count blocks without looking at
// anything else -- the one compare that stands for the run's deadline, the next clock event, a
// pending exception, stepping, profiling and a stop request. Whoever changes one of those lowers
// the horizon (0: look now); the hook's slow path, Machine::block(), works out the next one.
//
//   run_until / step ──set stop_at_──┐
//   VirtualClock::schedule (earlier)─┼──► lower(t) ──► on_block: now < horizon? ──yes──► count, return
//   Nvic: something pends ───────────┤                        │ no
//   stepping, profiling ─────────────┤                        ▼
//   request_stop (any thread) ───────┘ look_now()      Machine::block(): stop, take the
//                                                      exception, ... then refresh()
#pragma once
#include <atomic>
#include <cstdint>

namespace sim {

class RunHorizon {
 public:
  using Cycles = uint64_t;

  // The hot path's read: a plain load on x86 and ARM.
  Cycles get() const { return at_.load(std::memory_order_relaxed); }
  // From the emulator's thread: a sooner reason to look (an event scheduled earlier than the
  // horizon, or 0 for "now").
  void lower(Cycles at) {
    if (at < get()) at_.store(at, std::memory_order_relaxed);
  }
  // From any thread (a stop request): ordered against set()'s check of the request, so that the
  // emulator's next refresh cannot overwrite it with a later horizon.
  void look_now() { at_.store(0, std::memory_order_seq_cst); }
  // The emulator's new horizon; `requested` re-reads the stop flag after the store (see look_now).
  template <typename Requested>
  void set(Cycles at, Requested requested) {
    at_.store(at, std::memory_order_seq_cst);
    if (requested()) at_.store(0, std::memory_order_relaxed);
  }

 private:
  std::atomic<Cycles> at_{0};
};

}  // namespace sim
