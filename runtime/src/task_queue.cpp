// SPDX-License-Identifier: MIT
#include "asyncio/detail/task_queue.h"

namespace asyncio::detail {

// Joins two heap roots; the later one becomes the first child of the earlier.
TaskNode* TaskQueue::meld(TaskNode* a, TaskNode* b) noexcept {
  if (!a) return b;
  if (!b) return a;
  if (before(b, a)) {
    TaskNode* tmp = a;
    a = b;
    b = tmp;
  }
  b->heap_prev = a;
  b->heap_next = a->heap_child;
  if (a->heap_child) a->heap_child->heap_prev = b;
  a->heap_child = b;
  a->heap_next = nullptr;
  a->heap_prev = nullptr;
  return a;
}

// The classic two-pass merge of a sibling list: pair left to right, then meld right to left.
TaskNode* TaskQueue::merge_pairs(TaskNode* first) noexcept {
  TaskNode* pairs = nullptr;  // a stack of melded pairs, linked through heap_next
  while (first) {
    TaskNode* a = first;
    TaskNode* b = a->heap_next;
    first = b ? b->heap_next : nullptr;
    a->heap_next = a->heap_prev = nullptr;
    if (b) {
      b->heap_next = b->heap_prev = nullptr;
      a = meld(a, b);
    }
    a->heap_next = pairs;
    pairs = a;
  }
  TaskNode* result = nullptr;
  while (pairs) {
    TaskNode* next = pairs->heap_next;
    pairs->heap_next = nullptr;
    result = meld(result, pairs);
    pairs = next;
  }
  return result;
}

void TaskQueue::push_timer(TaskNode* t, Ticks key) noexcept {
  t->key = key;
  t->seq = next_seq_++;
  t->in_heap = true;
  t->heap_next = t->heap_child = t->heap_prev = nullptr;
  root_ = meld(root_, t);
}

TaskNode* TaskQueue::pop() noexcept {
  TaskNode* top = peek();
  if (!top) return nullptr;
  if (top == fifo_head_) return pop_ready_front();
  remove_timer(top);
  return top;
}

void TaskQueue::remove_timer(TaskNode* t) noexcept {
  if (t == root_) {
    root_ = merge_pairs(t->heap_child);
  } else {
    // Unlink t from its parent (if first child) or its left sibling, then meld its children back.
    if (t->heap_prev->heap_child == t)
      t->heap_prev->heap_child = t->heap_next;
    else
      t->heap_prev->heap_next = t->heap_next;
    if (t->heap_next) t->heap_next->heap_prev = t->heap_prev;
    root_ = meld(root_, merge_pairs(t->heap_child));
  }
  t->heap_child = t->heap_next = t->heap_prev = nullptr;
  t->in_heap = false;
}

bool TaskQueue::remove_ready(TaskNode* t) noexcept {
  TaskNode* prev = nullptr;
  for (TaskNode* n = fifo_head_; n; prev = n, n = n->heap_next) {
    if (n != t) continue;
    if (prev)
      prev->heap_next = n->heap_next;
    else
      fifo_head_ = n->heap_next;
    if (fifo_tail_ == n) fifo_tail_ = prev;  // (stale, as it may be, when the FIFO is now empty)
    n->heap_next = nullptr;
    return true;
  }
  return false;
}

}  // namespace asyncio::detail
