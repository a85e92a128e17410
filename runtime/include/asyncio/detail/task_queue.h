// The run queue: one pairing heap holding both ready tasks and sleeping ones, ordered by the tick
// they are due and, for equal ticks, by the order they were queued (statement 1 of the semantics).
// Intrusive: pushing, popping and removing allocate nothing.
#pragma once
#include "asyncio/detail/task_node.h"

namespace asyncio::detail {

class TaskQueue {
 public:
  bool empty() const noexcept { return root_ == nullptr; }
  TaskNode* peek() const noexcept { return root_; }
  void push(TaskNode* t, Ticks key) noexcept;  // t must not be queued
  TaskNode* pop() noexcept;                    // the earliest; nullptr when empty
  void remove(TaskNode* t) noexcept;           // t must be queued

 private:
  static bool before(const TaskNode* a, const TaskNode* b) noexcept;
  static TaskNode* meld(TaskNode* a, TaskNode* b) noexcept;
  static TaskNode* merge_pairs(TaskNode* first) noexcept;

  TaskNode* root_ = nullptr;
  uint32_t next_seq_ = 0;
};

}  // namespace asyncio::detail
