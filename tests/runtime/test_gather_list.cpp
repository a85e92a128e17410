// SPDX-License-Identifier: GPL-2.0-or-later
// gather() over a list of tasks made at run time (statement 15), as MicroPython's
// `await asyncio.gather(*tasks)`:
//     tasks = [asyncio.create_task(f(i)) for i in (3, 1, 2)]
//     print(await asyncio.gather(*tasks))        # [30, 10, 20]: list order, not finishing order
//     print(await asyncio.gather(*[]))           # []
// and with return_exceptions=True a failure takes its place in the list.
#include <stdexcept>
#include <string>
#include <vector>

#include "asyncio/asyncio.h"
#include "portable_test.h"

using asyncio::Coro;

namespace {
Coro<int> tens(int n) {
  co_await asyncio::sleep_ms(n);
  co_return n * 10;
}
Coro<int> fails(int ms) {
  co_await asyncio::sleep_ms(ms);
  throw std::runtime_error("list child failed");
}
}  // namespace

TEST_CASE("gather over a vector of tasks gives their results in list order (15)") {
  asyncio_test::Start start;
  std::vector<int> results, none{7};
  asyncio::run([](std::vector<int>& r, std::vector<int>& n) -> Coro<> {
    std::vector<asyncio::Task<int>> tasks;
    for (int i : {3, 1, 2}) tasks.push_back(asyncio::create_task(tens(i)));
    r = co_await asyncio::gather(tasks);
    n = co_await asyncio::gather(std::vector<asyncio::Task<int>>{});
  }(results, none));
  CHECK(results == std::vector<int>{30, 10, 20});
  CHECK(none.empty());
}

TEST_CASE("gather over a vector raises the first failure, or keeps each in place with return_exceptions (15)") {
  asyncio_test::Start start;
  std::string raised;
  bool first_ok = false, second_failed = false;
  asyncio::run([](std::string& raised, bool& ok, bool& failed) -> Coro<> {
    std::vector<asyncio::Task<int>> tasks{asyncio::create_task(tens(5)), asyncio::create_task(fails(1))};
    try {
      co_await asyncio::gather(tasks);
    } catch (const std::runtime_error& e) {
      raised = e.what();
    }
    co_await asyncio::sleep_ms(10);  // the other child finishes, detached
    std::vector<asyncio::Task<int>> again{asyncio::create_task(tens(1)), asyncio::create_task(fails(2))};
    auto outcomes = co_await asyncio::gather(asyncio::return_exceptions, again);
    ok = outcomes[0].ok() && outcomes[0].value() == 10;
    failed = !outcomes[1].ok();
  }(raised, first_ok, second_failed));
  CHECK(raised == "list child failed");
  CHECK(first_ok);
  CHECK(second_failed);
}
