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

TEST_CASE("TaskQueue pops by key, ties in push order") {
  asyncio_test::Start start;
  TaskNode n[6];
  TaskQueue q;
  q.push(&n[0], 5);
  q.push(&n[1], 3);
  q.push(&n[2], 5);
  q.push(&n[3], 1);
  q.push(&n[4], 3);
  q.push(&n[5], 5);
  CHECK(drain(q, n) == std::vector<int>{3, 1, 4, 0, 2, 5});
  CHECK(q.empty());
}

TEST_CASE("TaskQueue removes any node and keeps order") {
  asyncio_test::Start start;
  TaskNode n[8];
  TaskQueue q;
  for (int i = 0; i < 8; ++i) q.push(&n[i], (i * 7) % 5);  // keys 0 2 4 1 3 0 2 4
  q.pop();                                                // leave a non-trivial heap shape
  q.remove(&n[6]);
  q.remove(&n[3]);
  CHECK_FALSE(n[6].in_queue);
  CHECK(drain(q, n) == std::vector<int>{5, 1, 4, 2, 7});
}

TEST_CASE("TaskQueue stays ordered under many interleaved operations") {
  asyncio_test::Start start;
  std::vector<TaskNode> n(200);
  TaskQueue q;
  uint32_t rng = 12345;
  auto next = [&] { return rng = rng * 1103515245 + 12345; };
  for (size_t i = 0; i < n.size(); ++i) q.push(&n[i], (next() >> 8) % 50);
  for (size_t i = 0; i < n.size(); i += 3) q.remove(&n[i]);
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
