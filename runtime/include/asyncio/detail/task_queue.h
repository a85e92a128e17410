// The run queue: every queued task -- ready or sleeping -- ordered by the tick it is due and, for
// equal ticks, by the order it was queued (statement 1 of the semantics). Intrusive: pushing,
// popping and removing allocate nothing.
//
// Two sorted structures behind one order: a FIFO for tasks made ready "now" (appending keeps it
// sorted, since time only moves forward: O(1), the task-switch path) and a pairing heap for
// timers. peek()/pop() take the earlier of the two heads.
#pragma once
#include "asyncio/detail/task_node.h"

namespace asyncio::detail {

class TaskQueue {
 public:
  bool empty() const noexcept { return root_ == nullptr && fifo_head_ == nullptr; }
  TaskNode* peek() const noexcept {
    if (!fifo_head_) return root_;
    if (!root_) return fifo_head_;
    return before(root_, fifo_head_) ? root_ : fifo_head_;
  }
  // Queues `t` (not queued) due at `key`. `ready_now`: key is the current tick -- the fast path.
  void push(TaskNode* t, Ticks key, bool ready_now = false) noexcept;
  TaskNode* pop() noexcept;           // the earliest; nullptr when empty
  void remove(TaskNode* t) noexcept;  // t must be queued

 private:
  static bool before(const TaskNode* a, const TaskNode* b) noexcept {
    if (a->key != b->key) return a->key < b->key;
    return static_cast<int32_t>(a->seq - b->seq) < 0;  // seq wraps; live entries are < 2^31 apart
  }
  static TaskNode* meld(TaskNode* a, TaskNode* b) noexcept;
  static TaskNode* merge_pairs(TaskNode* first) noexcept;

  TaskNode* root_ = nullptr;       // heap
  TaskNode* fifo_head_ = nullptr;  // FIFO, linked through heap_next / heap_prev
  TaskNode* fifo_tail_ = nullptr;
  uint32_t next_seq_ = 0;
};

}  // namespace asyncio::detail
