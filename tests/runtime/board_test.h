// SPDX-License-Identifier: GPL-2.0-or-later
// A tiny Catch-compatible test framework for the board (arm-none-eabi, no iostreams, no RTTI), so
// that the runtime's tests compile unchanged as firmware. Include portable_test.h, not this file.
//
//   TEST_CASE("name" [, "tags"])       registers the case (tags are ignored) in registration order
//   CHECK(e), CHECK_FALSE(e)           a failure is printed and counted; the case goes on
//   REQUIRE(e)                         a failure also ends the case
//   CHECK_THROWS_AS(e, Type)           e throws Type (or something derived from it)
//   CHECK_THROWS_WITH(e, "text")       e throws a std::exception whose what() is exactly "text"
//   CHECK_NOTHROW(e)
//
// Expressions are not decomposed: a failure prints the source text,
//   "  FAILED test_task.cpp:42: CHECK( co_await t == 42 )"
// An exception thrown by a checked expression (or escaping a test case) is a failure with its what().
// The runner is board_test_main.cpp: it prints "ok   <name>" / "FAIL <name>" per case and
// "<N> passed, <M> failed", and main() returns M.
#pragma once
#include <exception>

namespace board_test {

using TestFunction = void (*)();

// At most this many test cases per image; more are reported as failures by the runner.
inline constexpr int kMaxTests = 256;

// Thrown by a failed REQUIRE and caught by the runner. Deliberately not a std::exception, so that
// a test's own `catch (const std::exception&)` does not swallow it.
struct RequireFailed {};

struct Registrar {
  Registrar(const char* name, TestFunction function) noexcept;
};

// Prints "  FAILED <file>:<line>: <macro>( <expr> )" (and `detail` on a line of its own when not
// null) and counts the failure against the running test case.
void fail(const char* file, int line, const char* macro, const char* expr, const char* detail = nullptr) noexcept;
// The same for an exception in flight (call inside a catch handler): the detail is its what().
void fail_with_current_exception(const char* file, int line, const char* macro, const char* expr) noexcept;
// CHECK_THROWS_WITH's comparison: `e.what()` equals `expected` exactly.
void check_what(const char* file, int line, const char* expr, const std::exception& e, const char* expected) noexcept;

}  // namespace board_test

#define BOARD_TEST_CAT2_(a, b) a##b
#define BOARD_TEST_CAT_(a, b) BOARD_TEST_CAT2_(a, b)
#define BOARD_TEST_FIRST_(first, ...) first

#define BOARD_TEST_CASE_(function, ...)                                                          \
  static void function();                                                                      \
  static const ::board_test::Registrar BOARD_TEST_CAT_(function, _registrar){                  \
      BOARD_TEST_FIRST_(__VA_ARGS__, ""), function};                                           \
  static void function()
#define TEST_CASE(...) BOARD_TEST_CASE_(BOARD_TEST_CAT_(board_test_case_, __COUNTER__), __VA_ARGS__)

// `failed` is what a failure does after reporting: nothing (CHECK) or end the case (REQUIRE).
#define BOARD_TEST_ASSERT_(macro, failed, negate, ...)                                         \
  do {                                                                                         \
    bool board_test_ok_ = false;                                                               \
    try {                                                                                      \
      board_test_ok_ = negate static_cast<bool>(__VA_ARGS__);                                  \
      if (!board_test_ok_) ::board_test::fail(__FILE__, __LINE__, macro, #__VA_ARGS__);        \
    } catch (const ::board_test::RequireFailed&) {                                             \
      throw;                                                                                   \
    } catch (...) {                                                                            \
      ::board_test::fail_with_current_exception(__FILE__, __LINE__, macro, #__VA_ARGS__);      \
    }                                                                                          \
    if (!board_test_ok_) failed;                                                               \
  } while (false)

#define CHECK(...) BOARD_TEST_ASSERT_("CHECK", (void)0, , __VA_ARGS__)
#define CHECK_FALSE(...) BOARD_TEST_ASSERT_("CHECK_FALSE", (void)0, !, __VA_ARGS__)
#define REQUIRE(...) BOARD_TEST_ASSERT_("REQUIRE", throw ::board_test::RequireFailed{}, , __VA_ARGS__)

#define CHECK_THROWS_AS(expr, ...)                                                             \
  do {                                                                                         \
    try {                                                                                      \
      static_cast<void>(expr);                                                                 \
      ::board_test::fail(__FILE__, __LINE__, "CHECK_THROWS_AS", #expr ", " #__VA_ARGS__,       \
                         "no exception was thrown");                                           \
    } catch (const __VA_ARGS__&) {                                                             \
    } catch (const ::board_test::RequireFailed&) {                                             \
      throw;                                                                                   \
    } catch (...) {                                                                            \
      ::board_test::fail_with_current_exception(__FILE__, __LINE__, "CHECK_THROWS_AS",         \
                                                #expr ", " #__VA_ARGS__);                      \
    }                                                                                          \
  } while (false)

#define CHECK_THROWS_WITH(expr, text)                                                          \
  do {                                                                                         \
    try {                                                                                      \
      static_cast<void>(expr);                                                                 \
      ::board_test::fail(__FILE__, __LINE__, "CHECK_THROWS_WITH", #expr ", " #text,            \
                         "no exception was thrown");                                           \
    } catch (const ::board_test::RequireFailed&) {                                             \
      throw;                                                                                   \
    } catch (const std::exception& board_test_e_) {                                            \
      ::board_test::check_what(__FILE__, __LINE__, #expr ", " #text, board_test_e_, text);     \
    } catch (...) {                                                                            \
      ::board_test::fail_with_current_exception(__FILE__, __LINE__, "CHECK_THROWS_WITH",       \
                                                #expr ", " #text);                             \
    }                                                                                          \
  } while (false)

#define CHECK_NOTHROW(...)                                                                     \
  do {                                                                                         \
    try {                                                                                      \
      static_cast<void>(__VA_ARGS__);                                                          \
    } catch (const ::board_test::RequireFailed&) {                                             \
      throw;                                                                                   \
    } catch (...) {                                                                            \
      ::board_test::fail_with_current_exception(__FILE__, __LINE__, "CHECK_NOTHROW", #__VA_ARGS__); \
    }                                                                                          \
  } while (false)
