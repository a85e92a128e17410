// SPDX-License-Identifier: GPL-2.0-or-later
// The dashboard's test script (`asyncboard gui --test-script FILE`, for the tests under Xvfb): a
// few lines that drive the real window as a person would -- mouse clicks and typing arrive as SDL
// events on the window -- and check what the board did and what the screen shows. One command a
// line, '#' starts a comment:
//
//   wait-frames N                       let N frames pass
//   click NAME [hold-frames N]          move the mouse to a widget (B1, run, record, console-input...),
//                                       press, hold N frames (default 3), release
//   type TEXT                           click the console's input line, type TEXT and Enter
//   set-record-path FILE                fill in the record path field
//   speed X                             click the speed radio button (0.1x, 1x, 10x, max)
//   expect-led LED on|off [within N]    the snapshot's LED state, within N frames (default 120)
//   expect-led-pixels LED lit|dark      the LED's pixels on screen (read back with glReadPixels)
//   expect-console TEXT [within N]      a console line containing TEXT
//   remember-task NAME                  note the task's state and wake count ...
//   expect-task-changed NAME [within N] ... and expect them to differ
//   expect-task NAME STATE [within N]   the task's state (ready, running, sleeping, waiting, ...)
//   expect-file FILE [within N]         a file exists (e.g. the recorded scenario)
//   screenshot FILE                     save the window as a PNG
//   quit                                end: exit status 0 if every expectation held
#pragma once
#include <string>
#include <vector>

namespace gui {

struct ScriptLine {
  int line = 0;
  std::vector<std::string> words;  // the verb first; `type`'s text is one word
};

// Throws std::runtime_error naming the line for an unknown verb or a missing argument.
std::vector<ScriptLine> parse_test_script(const std::string& text);

}  // namespace gui
