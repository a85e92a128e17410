// SPDX-License-Identifier: MIT
// The run queue: every queued task -- ready or sleeping -- ordered by the tick it is due and, for
// equal ticks, by the order it was queued (statements 1 and 2 of the semantics). Intrusive:
// pushing, popping and removing allocate nothing.
//
// Two sorted structures behind one order:
//   ready FIFO  tasks due now (yielded, woken, new). Appending keeps it sorted because time only
//               moves forward; singly linked through heap_next. O(1): the task-switch path.
//   timer heap  tasks due later (a pairing heap ordered by (key, seq)). Only keys later than the
//               clock at push time enter it, so a FIFO entry and a heap entry with equal keys
//               were always queued heap first: ties go to the heap without a sequence number.
// A FIFO entry's key may be the loop's last clock reading rather than a fresh one when the heap
// was empty at push time: every timer pushed afterwards is due later than the task really was
// made ready, so the comparison comes out the same and the switch path reads no clock.
#pragma once
#include "asyncio/detail/task_node.h"

namespace asyncio::detail {

class TaskQueue {
 public:
  bool empty() const noexcept { return root_ == nullptr && fifo_head_ == nullptr; }
  bool has_timers() const noexcept { return root_ != nullptr; }

  // The next task in queue order, due or not; nullptr when empty.
  TaskNode* peek() const noexcept {
    if (!root_) return fifo_head_;
    if (!fifo_head_ || root_->key <= fifo_head_->key) return root_;
    return fifo_head_;
  }
  TaskNode* fifo_front() const noexcept { return fifo_head_; }
  // The FIFO's head when no timer can come before it (the switch path), else nullptr.
  TaskNode* ready_front() const noexcept { return root_ ? nullptr : fifo_head_; }

  // Appends `t` (not queued) to the ready FIFO, made due at `key` (the current tick).
  void push_ready(TaskNode* t, Ticks key) noexcept {
    t->key = key;
    append_ready(t);
  }
  // The same keeping t->key, which must be a tick that has passed.
  void append_ready(TaskNode* t) noexcept {
    t->heap_next = nullptr;
    if (fifo_head_)
      fifo_tail_->heap_next = t;
    else
      fifo_head_ = t;
    fifo_tail_ = t;
  }
  // Queues `t` (not queued) as a timer due at `key`, which must be later than the current tick.
  void push_timer(TaskNode* t, Ticks key) noexcept;

  TaskNode* pop() noexcept;              // the next in queue order; nullptr when empty
  // The FIFO's head, which must exist. fifo_tail_ is left as it is: it is only read while the
  // FIFO is not empty, so popping the last entry need not clear it (two instructions fewer on
  // the switch path).
  TaskNode* pop_ready_front() noexcept {
    TaskNode* t = fifo_head_;
    fifo_head_ = t->heap_next;
    return t;
  }
  void remove_timer(TaskNode* t) noexcept;  // t must be in the heap (t->in_heap)
  // Takes `t` out of the ready FIFO wherever it is (a walk: not for the switch path). False if it
  // is not there.
  bool remove_ready(TaskNode* t) noexcept;

 private:
  static bool before(const TaskNode* a, const TaskNode* b) noexcept {
    if (a->key != b->key) return a->key < b->key;
    return static_cast<int32_t>(a->seq - b->seq) < 0;  // seq wraps; live entries are < 2^31 apart
  }
  static TaskNode* meld(TaskNode* a, TaskNode* b) noexcept;
  static TaskNode* merge_pairs(TaskNode* first) noexcept;

  TaskNode* root_ = nullptr;       // heap
  TaskNode* fifo_head_ = nullptr;  // FIFO
  TaskNode* fifo_tail_ = nullptr;  // the last entry while fifo_head_ is set; stale otherwise
  uint32_t next_seq_ = 0;
};

}  // namespace asyncio::detail
