#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# `asyncboard run -j N`: the same files run in parallel processes give the same output as a serial
# run (file order, every line; wall-clock figures aside), the same exit status and the same JUnit counts.
# usage: parallel_run.sh ASYNCBOARD FILE...
asyncboard=$1; shift
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
"$asyncboard" run -q --junit "$out/serial.xml" "$@" >"$out/serial.raw"; serial=$?
"$asyncboard" run -q -j 3 --junit "$out/parallel.xml" "$@" >"$out/parallel.raw"; parallel=$?
for f in serial parallel; do sed 's/ ([0-9]* ms wall)$//' "$out/$f.raw" >"$out/$f.txt"; done
cat "$out/parallel.raw"
[ "$serial" -eq "$parallel" ] || { echo "parallel_run: exit status $parallel, serial $serial"; exit 1; }
if ! cmp -s "$out/serial.txt" "$out/parallel.txt"; then
  echo "parallel_run: output differs from the serial run:"; diff "$out/serial.txt" "$out/parallel.txt"; exit 1
fi
python3 - "$out/serial.xml" "$out/parallel.xml" <<'PY' || exit 1
import sys, xml.etree.ElementTree as ET
a, b = (ET.parse(p).getroot() for p in sys.argv[1:3])
keys = ("tests", "failures", "errors")
if [a.get(k) for k in keys] != [b.get(k) for k in keys]:
    print("parallel_run: JUnit counts differ:", [a.get(k) for k in keys], [b.get(k) for k in keys]); sys.exit(1)
names = lambda r: [(c.get("name"), c.find("failure") is not None, c.find("error") is not None) for c in r.iter("testcase")]
if names(a) != names(b):
    print("parallel_run: JUnit cases differ:", names(a), names(b)); sys.exit(1)
PY
echo "parallel_run: ok (status $parallel, same output and report as the serial run)"
