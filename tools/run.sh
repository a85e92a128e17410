#!/usr/bin/env bash
# The main job: set up, build, and run the demo scenarios headless (console output and a line per
# scripted step). Extra arguments go to `asyncboard run` in place of the default scenarios.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/build.sh
if [ $# -gt 0 ]; then
  exec build/bin/asyncboard run "$@"
fi
exec build/bin/asyncboard run scenarios/*/scenario.yaml
