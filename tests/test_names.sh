#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Catch test names become ctest names through catch_discover_tests, which splits a name at each ';'
# (CMake's list separator): such a test runs as two broken halves. Names them, file and line.
# usage: test_names.sh TESTS_DIR
bad=$(grep -rn --include='*.cpp' 'TEST_CASE("[^"]*;' "$1")
if [ -n "$bad" ]; then
  echo "test names with ';' (catch_discover_tests splits them; use ',' instead):"
  echo "$bad"
  exit 1
fi
echo "test_names: no ';' in any TEST_CASE name"
