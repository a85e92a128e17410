// SPDX-License-Identifier: GPL-2.0-or-later
// The runner for board_test.h: runs every registered test case in registration order, prints
// "ok   <name>" or "FAIL <name>" for each and then "<N> passed, <M> failed"; main() returns M, so
// the firmware image exits 0 only when every case passed.
#include <cstdio>
#include <cstring>
#include <exception>

#include "board_test.h"

namespace board_test {

namespace {

struct TestCase {
  const char* name;
  TestFunction function;
};

// Constant-initialised (zeroed .bss): safe to fill from other files' static constructors.
TestCase g_tests[kMaxTests];
int g_count = 0;
int g_dropped = 0;         // registrations beyond kMaxTests
int g_case_failures = 0;   // failures in the running case

const char* base_name(const char* path) {
  const char* slash = std::strrchr(path, '/');
  return slash ? slash + 1 : path;
}

void print_failure(const char* file, int line, const char* macro, const char* expr) {
  ++g_case_failures;
  std::printf("  FAILED %s:%d: %s( %s )\n", base_name(file), line, macro, expr);
}

// The what() of the exception in flight, for reports. Call inside a catch handler.
const char* current_what() noexcept {
  try {
    throw;
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return nullptr;
  }
}

void print_unexpected(const char* what) {
  if (what)
    std::printf("    unexpected exception: \"%s\"\n", what);
  else
    std::printf("    unexpected exception of a type not derived from std::exception\n");
}

}  // namespace

Registrar::Registrar(const char* name, TestFunction function) noexcept {
  if (g_count == kMaxTests) {
    ++g_dropped;
    return;
  }
  g_tests[g_count++] = {name, function};
}

void fail(const char* file, int line, const char* macro, const char* expr, const char* detail) noexcept {
  print_failure(file, line, macro, expr);
  if (detail) std::printf("    %s\n", detail);
}

void fail_with_current_exception(const char* file, int line, const char* macro, const char* expr) noexcept {
  print_failure(file, line, macro, expr);
  print_unexpected(current_what());
}

void check_what(const char* file, int line, const char* expr, const std::exception& e, const char* expected) noexcept {
  if (std::strcmp(e.what(), expected) == 0) return;
  print_failure(file, line, "CHECK_THROWS_WITH", expr);
  std::printf("    threw \"%s\"\n", e.what());
}

}  // namespace board_test

int main() {
  using namespace board_test;
  int passed = 0, failed = 0;
  for (int i = 0; i < g_count; ++i) {
    g_case_failures = 0;
    try {
      g_tests[i].function();
    } catch (const RequireFailed&) {
      // Already reported and counted by REQUIRE.
    } catch (...) {
      ++g_case_failures;
      std::printf("  FAILED: an exception escaped the test case\n");
      print_unexpected(current_what());
    }
    if (g_case_failures == 0) {
      ++passed;
      std::printf("ok   %s\n", g_tests[i].name);
    } else {
      ++failed;
      std::printf("FAIL %s\n", g_tests[i].name);
    }
  }
  if (g_dropped > 0) {
    std::printf("FAIL %d test case(s) not run: more than board_test::kMaxTests (%d) registered\n", g_dropped,
                kMaxTests);
    failed += g_dropped;
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed;
}
