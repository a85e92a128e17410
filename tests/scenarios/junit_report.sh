#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# `asyncboard run --junit`: a passing scenario, a failing one and a faulting image give a JUnit
# report that parses, counts each kind, and keeps each run's output (-q hides it on the terminal only).
# usage: junit_report.sh ASYNCBOARD PASSING.yaml FAILING.yaml FAULTING.elf
asyncboard=$1; passing=$2; failing=$3; faulting=$4
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
"$asyncboard" run -q --junit "$out/report.xml" "$passing" "$failing" "$faulting"
status=$?
[ "$status" -eq 3 ] || { echo "junit_report: exit status $status, expected 3 (the worst: a fault)"; exit 1; }
python3 - "$out/report.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
def check(cond, what):
    if not cond:
        print("junit_report:", what); sys.exit(1)
check(root.tag == "testsuites" and root.get("tests") == "3", "testsuites with tests=3")
check(root.get("failures") == "1" and root.get("errors") == "1", "one failure and one error")
cases = root.findall("./testsuite/testcase")
check([c.get("name") for c in cases] == ["020-button-flag", "led-stays-off", "test_fault_unmapped.elf"], "case names")
check(cases[0].find("failure") is None and cases[0].find("error") is None, "the passing case has no failure")
check("step" in cases[0].findtext("system-out"), "the passing case keeps its step lines")
failure = cases[1].find("failure")
check(failure is not None and "LED1 is off" in failure.get("message"), "the failure says why")
error = cases[2].find("error")
check(error is not None and error.get("type") == "firmware fault", "the fault is an error of type firmware fault")
check("read_nowhere" in error.get("message") and "registers:" in cases[2].findtext("system-out"), "the fault report")
print("junit_report: ok")
PY
