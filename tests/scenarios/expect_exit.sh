#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# expect_exit.sh CODE REGEX PROGRAM ARGS...: runs PROGRAM, passes when it exits with CODE and its
# output (stdout and stderr) matches the extended regular expression REGEX.
code=$1; regex=$2; shift 2
out=$("$@" 2>&1); got=$?
printf '%s\n' "$out"
if [ "$got" -ne "$code" ]; then echo "expect_exit: exit status $got, expected $code"; exit 1; fi
if ! printf '%s\n' "$out" | grep -Eq -- "$regex"; then echo "expect_exit: output does not match: $regex"; exit 1; fi
echo "expect_exit: ok (status $got, output matches)"
