#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Drives the real gdb-multiarch against `asyncboard run --gdb 0` on the blink demo: connect,
# break in main, continue, read registers and memory, step, write a register, backtrace through
# coroutines, kill. Usage: gdb_session.sh ASYNCBOARD FIRMWARE.elf
set -u
asyncboard=$1; elf=$2
log=$(mktemp); out=$(mktemp)
trap 'rm -f "$log" "$out"; kill "$server" 2>/dev/null' EXIT
"$asyncboard" run --gdb 0 "$elf" >"$log" 2>&1 &
server=$!
port=""
for _ in $(seq 50); do
  port=$(grep -o '127\.0\.0\.1:[0-9]*' "$log" | head -1 | cut -d: -f2)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "gdb_session: the stub did not start"; cat "$log"; exit 1; }
timeout 120 gdb-multiarch -batch -nx -ex "set pagination off" -ex "target remote 127.0.0.1:$port" \
  -ex "info registers pc" -ex "break main" -ex "continue" -ex "info registers pc sp" -ex "stepi" \
  -ex 'print/x $pc' -ex "x/2wx 0x08000000" -ex 'set var $r0 = 0x1234' -ex 'print/x $r0' \
  -ex "break blink" -ex "continue" -ex "bt" -ex "kill" "$elf" >"$out" 2>&1
cat "$out"
wait "$server"
cat "$log"
fail=0
check() { grep -Eq -- "$1" "$out" || { echo "gdb_session: missing: $1"; fail=1; }; }
check '^pc +0x800[0-9a-f]+ .*Reset_Handler'                     # stopped at reset on connect
check '^Breakpoint 1, main \(\) at .*010-blink/main.cpp:[0-9]+'  # breakpoint in main, with the line
check '^sp +0x2003fff'                                          # the main stack, near the top of SRAM
check '^\$1 = 0x80[0-9a-f]{5}$'                                  # stepi left the pc in flash...
main_pc=$(grep -Eo '^pc +0x[0-9a-f]+' "$out" | sed -n 2p | awk '{print $2}')
stepped_pc=$(grep -Eo '^\$1 = 0x[0-9a-f]+' "$out" | awk '{print $3}')
[ -n "$main_pc" ] && [ "$main_pc" != "$stepped_pc" ] || { echo "gdb_session: stepi did not move the pc ($main_pc)"; fail=1; }
check '<_ZL12vector_table>:\s+0x20040000\s+0x0800'               # memory: initial SP, reset vector
check '^\$2 = 0x1234'                                            # a register written and read back
check '^Breakpoint 2\.[0-9], blink'                              # inside a coroutine
check '#[0-9]+ +(0x[0-9a-f]+ in )?main \(\) at .*010-blink/main.cpp'  # the backtrace reaches main
check 'Remote target\) killed'
grep -q 'gdb: session ended' "$log" || { echo "gdb_session: the stub did not end the session"; fail=1; }
[ "$fail" = 0 ] && echo "gdb_session: ok"
exit "$fail"
