#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# One rule of the conformance suite: runs the same test firmware on asyncboard and on QEMU's
# mps2-an385, and compares what each printed, and its exit status, with the trace the ARMv7-M rules
# prescribe (tests/sim/firmware/NAME.expected: the lines, then "exit N"). Where QEMU departs from the
# manual, NAME.qemu.expected holds what QEMU prints instead (its header in NAME.cpp says how and
# why): asyncboard is still held to the manual's trace, and QEMU to its known departure.
# NAME.board-options holds options asyncboard needs for the rule (a check that is off by default).
# usage: conformance.sh ASYNCBOARD BOARD_ELF QEMU_ELF EXPECTED [QEMU_MACHINE (mps2-an385)]
set -u
asyncboard=$1; board_elf=$2; qemu_elf=$3; expected=$4; qemu_machine=${5:-mps2-an385}
name=$(basename "$expected" .expected)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# asyncboard: the console lines ("  [  0.079 ms] uart  TEXT") and the status from the result line.
# NAME.board-options: options the rule needs on asyncboard (a check that is off by default).
options=()
[ -f "${expected%.expected}.board-options" ] && read -r -a options <"${expected%.expected}.board-options"
"$asyncboard" run "${options[@]}" "$board_elf" >"$work/board.log" 2>&1
sed -n 's/^  \[ *[0-9.]* ms\] uart  //p' "$work/board.log" >"$work/board.out"
status=$(sed -n 's/.*exited with status \([0-9]*\).*/\1/p' "$work/board.log" | tail -1)
echo "exit ${status:-none}" >>"$work/board.out"

if ! command -v qemu-system-arm >/dev/null; then
  echo "conformance $name: qemu-system-arm is missing (tools/install-deps.sh installs it)"
  exit 1
fi
# QEMU: semihosting output on stdout; -icount makes its time (and SysTick) follow the instruction count.
timeout 60 qemu-system-arm -M "$qemu_machine" -nographic -monitor none -serial none \
  -semihosting-config enable=on,target=native -icount shift=5 -kernel "$qemu_elf" >"$work/qemu.out" 2>&1
echo "exit $?" >>"$work/qemu.out"

qemu_expected=$expected
[ -f "${expected%.expected}.qemu.expected" ] && qemu_expected=${expected%.expected}.qemu.expected
fail=0
for machine in board qemu; do
  want=$expected
  [ "$machine" = qemu ] && want=$qemu_expected
  if ! diff -u --label expected --label "$machine" "$want" "$work/$machine.out"; then
    echo "conformance $name: $machine differs from the rule's trace"
    fail=1
  fi
done
if [ "$fail" -eq 0 ] && [ "$qemu_expected" != "$expected" ]; then
  echo "conformance $name: asyncboard prints the prescribed trace; QEMU $qemu_machine its known departure"
elif [ "$fail" -eq 0 ]; then
  echo "conformance $name: asyncboard and QEMU $qemu_machine both print the prescribed trace"
fi
[ "$fail" -eq 0 ] || cat "$work/board.log"
exit "$fail"
