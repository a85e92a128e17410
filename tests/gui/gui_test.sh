#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs the dashboard under a virtual X server (Xvfb) with a test script, and checks the result.
# usage: gui_test.sh click  ASYNCBOARD SCRIPT ARTEFACT_DIR             -- the script's verdict; keeps the screenshot
#        gui_test.sh record ASYNCBOARD SCRIPT ARTEFACT_DIR             -- records a session in the window, then
#                                                                        replays the scenario headless (asyncboard run)
# Exit 77 (ctest: skipped) when there is neither Xvfb nor a display.
mode=$1; asyncboard=$2; script=$3; artefacts=$4
mkdir -p "$artefacts"
run_gui() {  # run_gui ARGS...: the dashboard on Xvfb (or the display we have), software OpenGL
  if command -v xvfb-run >/dev/null 2>&1; then
    LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s "-screen 0 1280x800x24" "$asyncboard" gui "$@"
  elif [ -n "$DISPLAY" ]; then
    "$asyncboard" gui "$@"
  else
    echo "gui_test: no xvfb-run and no DISPLAY: skipped"; exit 77
  fi
}
case $mode in
  click)
    shot="$artefacts/click_b1.png"; rm -f "$shot"
    sed "s|SCREENSHOT|$shot|" "$script" >"$artefacts/click_b1.script"
    run_gui --test-script "$artefacts/click_b1.script" || { echo "gui_test: the click script failed"; exit 1; }
    [ -s "$shot" ] || { echo "gui_test: no screenshot at $shot"; exit 1; }
    echo "gui_test: ok (screenshot $shot)" ;;
  record)
    session="$artefacts/gui-session.yaml"; rm -f "$session"
    sed "s|SESSION|$session|" "$script" >"$artefacts/record.script"
    run_gui --test-script "$artefacts/record.script" || { echo "gui_test: the record script failed"; exit 1; }
    cat "$session"
    for step in "press: B1" "release: B1" 'type: "hello board\n"' 'wait-console: { text: "button pressed"'; do
      grep -qF "$step" "$session" || { echo "gui_test: the recorded scenario lacks '$step'"; exit 1; }
    done
    [ "$(grep -c 'press: B1' "$session")" -eq 2 ] || { echo "gui_test: expected two presses"; exit 1; }
    "$asyncboard" run "$session" || { echo "gui_test: the replay of the recorded session failed"; exit 1; }
    echo "gui_test: ok (recorded in the window, replayed headless)" ;;
  *) echo "usage: gui_test.sh click|record ASYNCBOARD SCRIPT ARTEFACT_DIR"; exit 2 ;;
esac
