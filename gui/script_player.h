// SPDX-License-Identifier: GPL-2.0-or-later
// ScriptPlayer: plays a test script (test_script.h) against the live window, one small action per
// frame -- synthetic SDL mouse, text and key events pushed onto the window's queue, checks of the
// snapshot, pixel reads of the frame just rendered -- and reports the verdict.
#pragma once
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "test_script.h"
#include "ui_state.h"

struct SDL_Window;

namespace gui {

class ScriptPlayer {
 public:
  ScriptPlayer(std::vector<ScriptLine> lines, SDL_Window* window);
  // Once per frame, after the frame is rendered into the back buffer and before it is shown.
  void frame(Ui& ui);
  bool finished() const { return finished_; }
  int status() const { return failed_ ? 1 : 0; }

 private:
  // An action returns true when it is complete; false: try again next frame.
  using Action = std::function<bool(Ui&)>;
  void expand(const ScriptLine& l);
  void fail(const ScriptLine& l, const std::string& why);
  void mouse_button(float x, float y, bool down);
  void mouse_move(float x, float y);

  std::vector<ScriptLine> lines_;
  size_t next_line_ = 0;
  std::deque<Action> actions_;
  SDL_Window* window_;
  bool finished_ = false, failed_ = false;
  std::string remembered_state_;
};

}  // namespace gui
