#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# `asyncboard new`, as a user would: every template made into a project in a temporary directory
# outside the checkout, built against asyncboard's build tree (the CMake package it names), its
# host test and scenario run (pass); then asyncboard installed into a prefix, a project built
# against that and run with the installed program; then a broken expectation (exit 1) and the
# usual mistakes (a package that is not there, a directory that is not empty), each with its message.
#   new_project.sh ASYNCBOARD BUILD_DIR
set -eu
asyncboard=$1
build=$2
work=$(mktemp -d /tmp/asyncboard-new-XXXXXX)
trap 'rm -rf "$work"' EXIT
step() { echo "== $*"; }
expect_failure() {  # CODE PATTERN COMMAND...: the command exits with CODE and prints PATTERN
  code=$1 pattern=$2
  shift 2
  set +e
  out=$("$@" 2>&1)
  got=$?
  set -e
  if [ "$got" -ne "$code" ] || ! printf '%s\n' "$out" | grep -q -- "$pattern"; then
    printf '%s\n' "$out"
    echo "FAIL: expected exit $code and \"$pattern\" from: $*; got exit $got"
    exit 1
  fi
}

for t in blink button tcp; do
  step "template $t, against the build tree"
  "$asyncboard" new "$work/$t" --template "$t"
  cmake -S "$work/$t" -B "$work/$t/build" >/dev/null
  cmake --build "$work/$t/build" >/dev/null
  ctest --test-dir "$work/$t/build" --output-on-failure
  "$asyncboard" run "$work/$t/scenario.yaml" -q
done

step "installed into a prefix"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
installed="$work/prefix/bin/asyncboard"
"$installed" --version
"$installed" new "$work/from-install" --template button
grep -q "set(asyncboard_hint \"$work/prefix/lib/cmake/asyncboard\"" "$work/from-install/CMakeLists.txt"
cmake -S "$work/from-install" -B "$work/from-install/build" >/dev/null
cmake --build "$work/from-install/build" >/dev/null
ctest --test-dir "$work/from-install/build" --output-on-failure
"$installed" run "$work/from-install/scenario.yaml" -q

step "a broken expectation fails the scenario"
sed -i 's/value: off/value: on/' "$work/from-install/scenario.yaml"
expect_failure 1 "FAIL from_install: step 11/12 (line 16) expect-led LED1 on" "$installed" run "$work/from-install/scenario.yaml" -q

step "the usual mistakes"
expect_failure 2 "already exists and is not an empty directory" "$asyncboard" new "$work/blink"
expect_failure 2 "nope not in {blink,button,tcp}" "$asyncboard" new "$work/other" --template nope
"$asyncboard" new "$work/lost" >/dev/null
sed -i "s|^set(asyncboard_hint \"[^\"]*\"|set(asyncboard_hint \"$work/nowhere\"|" "$work/lost/CMakeLists.txt"  # as if moved
expect_failure 1 "asyncboard not found (looked in $work/nowhere" cmake -S "$work/lost" -B "$work/lost/build" \
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
echo "new_project: ok"
