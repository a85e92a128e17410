// SPDX-License-Identifier: GPL-2.0-or-later
// Must NOT compile (ctest runtime.compile_error.no_co_await builds it and expects the error): a
// Coro<> body with no co_await or co_return is an ordinary function that never returns its Coro,
// and the runtime's -Werror=return-type, which every target linking it inherits, rejects it.
#include <cstdio>

#include "asyncio/asyncio.h"

asyncio::Coro<> task() { std::puts("task"); }

int main() { asyncio::run(task()); }
