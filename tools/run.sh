#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The main job: set up, build, and show the board. With a display ($DISPLAY or $WAYLAND_DISPLAY)
# it opens the dashboard on the button demo (`asyncboard gui`); without one it runs the demo
# scenarios headless (console output and a line per scripted step). Extra arguments go to
# `asyncboard run` in place of the default scenarios (ASYNCBOARD_HEADLESS=1 forces headless).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/build.sh
if [ $# -gt 0 ]; then
  exec build/bin/asyncboard run "$@"
fi
if [ -z "${ASYNCBOARD_HEADLESS:-}" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; } &&
   build/bin/asyncboard gui --help >/dev/null 2>&1; then
  echo "run: a display is available: opening the dashboard on the button demo (click B1; ASYNCBOARD_HEADLESS=1 runs the scenarios instead)"
  exec build/bin/asyncboard gui
fi
exec build/bin/asyncboard run scenarios/*/scenario.yaml
