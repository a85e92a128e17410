# SPDX-License-Identifier: GPL-2.0-or-later
# RUNTIME_TEST_SOURCES: every tests/runtime/test_*.cpp, for the host executable and the board image
# alike. RUNTIME_TESTS_EXCLUDE (a regular expression on file names, empty by default) leaves some
# out of both -- for a scratch build while a new test file is half-written.
file(GLOB RUNTIME_TEST_SOURCES CONFIGURE_DEPENDS "${CMAKE_CURRENT_LIST_DIR}/test_*.cpp")
set(RUNTIME_TESTS_EXCLUDE "" CACHE STRING "Regular expression: tests/runtime/test_*.cpp files to leave out")
if(RUNTIME_TESTS_EXCLUDE)
  list(FILTER RUNTIME_TEST_SOURCES EXCLUDE REGEX "${RUNTIME_TESTS_EXCLUDE}")
endif()
