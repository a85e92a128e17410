// SPDX-License-Identifier: GPL-2.0-or-later
#include <vector>

#include "asyncio/detail/task_queue.h"
#include "portable_test.h"

using asyncio::detail::TaskNode;
using asyncio::detail::TaskQueue;

static std::vector<int> drain(TaskQueue& q, TaskNode* base) {
  std::vector<int> order;
  while (TaskNode* t = q.pop()) order.push_back(static_cast<int>(t - base));
  return order;
}

TEST_CASE("TaskQueue timers pop by key, ties in push order") {
  asyncio_test::Start start;
  TaskNode n[6];
  TaskQueue q;
  q.push_timer(&n[0], 5);
  q.push_timer(&n[1], 3);
  q.push_timer(&n[2], 5);
  q.push_timer(&n[3], 1);
  q.push_timer(&n[4], 3);
  q.push_timer(&n[5], 5);
  CHECK(drain(q, n) == std::vector<int>{3, 1, 4, 0, 2, 5});
  CHECK(q.empty());
}

TEST_CASE("TaskQueue removes any timer and keeps order") {
  asyncio_test::Start start;
  TaskNode n[8];
  TaskQueue q;
  for (int i = 0; i < 8; ++i) q.push_timer(&n[i], (i * 7) % 5);  // keys 0 2 4 1 3 0 2 4
  q.pop();                                                // leave a non-trivial heap shape
  q.remove_timer(&n[6]);
  q.remove_timer(&n[3]);
  CHECK_FALSE(n[6].in_heap);
  CHECK(drain(q, n) == std::vector<int>{5, 1, 4, 2, 7});
}

TEST_CASE("TaskQueue stays ordered under many interleaved operations") {
  asyncio_test::Start start;
  std::vector<TaskNode> n(200);
  TaskQueue q;
  uint32_t rng = 12345;
  auto next = [&] { return rng = rng * 1103515245 + 12345; };
  for (size_t i = 0; i < n.size(); ++i) q.push_timer(&n[i], (next() >> 8) % 50);
  for (size_t i = 0; i < n.size(); i += 3) q.remove_timer(&n[i]);
  asyncio::Ticks last_key = -1;
  uint32_t last_seq = 0;
  size_t count = 0;
  while (TaskNode* t = q.pop()) {
    REQUIRE(t->key >= last_key);
    if (t->key == last_key) REQUIRE(t->seq > last_seq);
    last_key = t->key;
    last_seq = t->seq;
    ++count;
  }
  CHECK(count == n.size() - (n.size() + 2) / 3);
}

TEST_CASE("TaskQueue: the ready FIFO keeps push order and an earlier timer goes first") {
  asyncio_test::Start start;
  TaskNode n[5];
  TaskQueue q;
  q.push_timer(&n[0], 10);  // due at 10, queued before anything else
  q.push_timer(&n[1], 30);
  q.push_ready(&n[2], 10);  // made ready at 10: the timer queued earlier with the same key is first
  q.push_ready(&n[3], 20);
  CHECK(q.ready_front() == nullptr);  // a timer is queued: the switch path must compare
  CHECK(q.fifo_front() == &n[2]);
  q.push_ready(&n[4], 20);
  CHECK(drain(q, n) == std::vector<int>{0, 2, 3, 4, 1});
  q.push_ready(&n[1], 40);
  q.push_ready(&n[0], 40);
  CHECK(q.ready_front() == &n[1]);
  CHECK(drain(q, n) == std::vector<int>{1, 0});
}
