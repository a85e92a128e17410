#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# bad_definition.sh CHECKOUT: gen_registers.py refuses a definition with two registers at one offset,
# naming both, and leaves the outputs alone (exit 2); svd_check.py catches an SVD out of schema order.
set -u
root=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/devices" "$tmp/tools"
sed 's/{name: OUT, offset: 0x04,/{name: OUT, offset: 0x00,/' "$root/devices/registers.yaml" > "$tmp/devices/registers.yaml"
out=$(python3 "$root/tools/gen_registers.py" --root "$tmp" 2>&1); status=$?
echo "$out"
[ "$status" -eq 2 ] || { echo "bad_definition: exit status $status, expected 2"; exit 1; }
echo "$out" | grep -q "gpio: OUT and DIR share offset 0x0" || { echo "bad_definition: the message does not name both"; exit 1; }
[ ! -e "$tmp/devices/include" ] || { echo "bad_definition: outputs were written"; exit 1; }
sed 's|<name>GPIOA</name>|<baseAddress>0x0</baseAddress><name>GPIOA</name>|' "$root/assets/asyncboard.svd" > "$tmp/bad.svd"
out=$(python3 "$root/tests/devices/svd_check.py" "$tmp/bad.svd"); status=$?
echo "$out"
[ "$status" -eq 1 ] && echo "$out" | grep -q "peripheral GPIOA: <name> is out of order" || { echo "bad_definition: svd_check missed it"; exit 1; }
echo "bad_definition: ok"
