// SPDX-License-Identifier: GPL-2.0-or-later
#include "script_player.h"

#include <GL/gl.h>
#include <SDL.h>
#include <fmt/format.h>
#include <stb_image_write.h>

#include <cstdio>
#include <filesystem>
#include <memory>

namespace gui {

namespace {

int frames_within(const ScriptLine& l, size_t from) {
  for (size_t i = from; i + 1 < l.words.size(); ++i)
    if (l.words[i] == "within" || l.words[i] == "hold-frames") return std::stoi(l.words[i + 1]);
  return -1;
}

const TaskView* find_task(const Snapshot& s, const std::string& name) {
  const TaskView* found = nullptr;
  for (const TaskView& t : s.tasks)
    if (t.name == name) found = &t;  // the latest task with the name, as expect-task means
  return found;
}

// The frame's pixels in a rectangle of window coordinates (top-left origin), as RGBA rows top-down.
std::vector<uint8_t> read_pixels(int x, int y, int w, int h) {
  GLint viewport[4];
  glGetIntegerv(GL_VIEWPORT, viewport);
  std::vector<uint8_t> bottom_up(static_cast<size_t>(w) * h * 4), out(bottom_up.size());
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(x, viewport[3] - y - h, w, h, GL_RGBA, GL_UNSIGNED_BYTE, bottom_up.data());
  for (int row = 0; row < h; ++row)
    std::copy_n(&bottom_up[static_cast<size_t>(h - 1 - row) * w * 4], w * 4, &out[static_cast<size_t>(row) * w * 4]);
  return out;
}

}  // namespace

ScriptPlayer::ScriptPlayer(std::vector<ScriptLine> lines, SDL_Window* window) : lines_(std::move(lines)), window_(window) {}

void ScriptPlayer::fail(const ScriptLine& l, const std::string& why) {
  std::string text;
  for (const auto& w : l.words) text += (text.empty() ? "" : " ") + w;
  std::fprintf(stderr, "test-script: line %d (%s): FAIL: %s\n", l.line, text.c_str(), why.c_str());
  failed_ = true;
  finished_ = true;
}

void ScriptPlayer::mouse_move(float x, float y) {
  SDL_Event e{};
  e.type = SDL_MOUSEMOTION;
  e.motion.windowID = SDL_GetWindowID(window_);
  e.motion.x = static_cast<int>(x);
  e.motion.y = static_cast<int>(y);
  SDL_PushEvent(&e);
}

void ScriptPlayer::mouse_button(float x, float y, bool down) {
  SDL_Event e{};
  e.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
  e.button.windowID = SDL_GetWindowID(window_);
  e.button.button = SDL_BUTTON_LEFT;
  e.button.state = down ? SDL_PRESSED : SDL_RELEASED;
  e.button.clicks = 1;
  e.button.x = static_cast<int>(x);
  e.button.y = static_cast<int>(y);
  SDL_PushEvent(&e);
}

void ScriptPlayer::frame(Ui& ui) {
  while (!finished_) {
    if (actions_.empty()) {
      if (next_line_ >= lines_.size()) {
        finished_ = true;
        return;
      }
      expand(lines_[next_line_++]);
      continue;
    }
    if (!actions_.front()(ui)) return;  // again next frame
    actions_.pop_front();
    return;  // one completed action per frame: events pushed now are seen by the next frame
  }
}

void ScriptPlayer::expand(const ScriptLine& l) {
  const std::string& verb = l.words[0];
  auto wait = [](int frames) {
    auto left = std::make_shared<int>(frames);
    return [left](Ui&) { return (*left)-- <= 0; };
  };
  // Polls `check` every frame; fails the script after `frames` frames without success.
  auto within = [this, l](int frames, std::function<std::string(Ui&)> check) {
    auto left = std::make_shared<int>(frames < 0 ? 120 : frames);
    return [this, l, left, check](Ui& ui) {
      std::string why = check(ui);
      if (why.empty()) return true;
      if ((*left)-- <= 0) fail(l, why);
      return false;
    };
  };
  // Mouse to a named widget, press, hold, release.
  auto click = [this, wait, l](const std::string& name, int hold) {
    auto at = std::make_shared<ImVec2>();
    actions_.push_back([this, l, name, at](Ui& ui) {
      auto it = ui.widgets.find(name);
      if (it == ui.widgets.end()) {
        std::string known;
        for (const auto& [n, r] : ui.widgets) known += (known.empty() ? "" : ", ") + n;
        fail(l, fmt::format("no widget named '{}' on screen (there are: {})", name, known));
        return true;
      }
      *at = it->second.center();
      mouse_move(at->x, at->y);
      return true;
    });
    actions_.push_back([this, at](Ui&) { mouse_button(at->x, at->y, true); return true; });
    actions_.push_back(wait(hold));
    actions_.push_back([this, at](Ui&) { mouse_button(at->x, at->y, false); return true; });
    actions_.push_back(wait(1));
  };

  if (verb == "wait-frames") {
    actions_.push_back(wait(std::stoi(l.words[1])));
  } else if (verb == "click") {
    int hold = frames_within(l, 2);
    click(l.words[1], hold < 0 ? 3 : hold);
  } else if (verb == "speed") {
    click("speed-" + l.words[1], 1);
  } else if (verb == "type") {
    click("console-input", 1);
    std::string text = l.words.size() > 1 ? l.words[1] : "";
    actions_.push_back([text](Ui&) {
      SDL_Event e{};
      e.type = SDL_TEXTINPUT;
      std::snprintf(e.text.text, sizeof e.text.text, "%s", text.c_str());
      SDL_PushEvent(&e);
      return true;
    });
    for (bool down : {true, false}) {
      actions_.push_back([down](Ui&) {
        SDL_Event e{};
        e.type = down ? SDL_KEYDOWN : SDL_KEYUP;
        e.key.state = down ? SDL_PRESSED : SDL_RELEASED;
        e.key.keysym.scancode = SDL_SCANCODE_RETURN;
        e.key.keysym.sym = SDLK_RETURN;
        SDL_PushEvent(&e);
        return true;
      });
      actions_.push_back(wait(1));
    }
  } else if (verb == "set-record-path") {
    std::string path = l.words[1];
    actions_.push_back([path](Ui& ui) {
      std::snprintf(ui.record_path, sizeof ui.record_path, "%s", path.c_str());
      return true;
    });
  } else if (verb == "expect-led") {
    std::string led = l.words[1];
    bool on = l.words[2] == "on";
    actions_.push_back(within(frames_within(l, 3), [led, on](Ui& ui) -> std::string {
      for (const LedView& v : ui.snap->leds)
        if (v.name == led) return v.lit == on ? "" : fmt::format("{} is {}", led, v.lit ? "on" : "off");
      return "no LED named " + led;
    }));
  } else if (verb == "expect-led-pixels") {
    std::string led = l.words[1];
    bool lit = l.words[2] == "lit";
    actions_.push_back([this, l, led, lit](Ui& ui) {
      auto it = ui.widgets.find(led);
      if (it == ui.widgets.end()) {
        fail(l, "no LED named " + led + " on screen");
        return true;
      }
      ImVec2 c = it->second.center();
      const int side = 5;
      std::vector<uint8_t> px = read_pixels(static_cast<int>(c.x) - side / 2, static_cast<int>(c.y) - side / 2, side, side);
      double r = 0, g = 0, b = 0;
      for (size_t i = 0; i < px.size(); i += 4) r += px[i], g += px[i + 1], b += px[i + 2];
      double n = px.size() / 4.0;
      r /= n, g /= n, b /= n;
      // Lit: the bright red of a glowing LED; dark: the unlit LED's dull red.
      bool looks_lit = r > 180 && r > g + 80 && r > b + 80;
      bool looks_dark = r < 120;
      std::printf("test-script: %s pixels around (%.0f, %.0f): rgb(%.0f, %.0f, %.0f)\n", led.c_str(), c.x, c.y, r, g, b);
      if (lit ? !looks_lit : !looks_dark)
        fail(l, fmt::format("{}'s pixels are rgb({:.0f}, {:.0f}, {:.0f}): not {}", led, r, g, b, lit ? "lit" : "dark"));
      return true;
    });
  } else if (verb == "expect-console") {
    std::string text = l.words.size() > 1 ? l.words[1] : "";
    actions_.push_back(within(frames_within(l, 2), [text](Ui& ui) -> std::string {
      for (const std::string& line : ui.snap->console)
        if (line.find(text) != std::string::npos) return "";
      return "no console line contains \"" + text + "\"";
    }));
  } else if (verb == "remember-task" || verb == "expect-task-changed" || verb == "expect-task") {
    std::string name = l.words[1];
    auto describe = [](const TaskView& t) {
      return fmt::format("{} {} wakes {}", devices::to_string(t.state), devices::to_string(t.waits_on), t.wakes);
    };
    if (verb == "remember-task") {
      actions_.push_back([this, l, name, describe](Ui& ui) {
        const TaskView* t = find_task(*ui.snap, name);
        if (!t) return false;  // not created yet: the next frames may show it
        remembered_state_ = describe(*t);
        std::printf("test-script: task %s: %s\n", name.c_str(), remembered_state_.c_str());
        return true;
      });
    } else if (verb == "expect-task-changed") {
      actions_.push_back(within(frames_within(l, 2), [this, name, describe](Ui& ui) -> std::string {
        const TaskView* t = find_task(*ui.snap, name);
        if (!t) return "no task named " + name;
        if (describe(*t) == remembered_state_) return name + " still " + remembered_state_;
        std::printf("test-script: task %s now: %s\n", name.c_str(), describe(*t).c_str());
        return "";
      }));
    } else {
      std::string state = l.words[2];
      actions_.push_back(within(frames_within(l, 3), [name, state, describe](Ui& ui) -> std::string {
        const TaskView* t = find_task(*ui.snap, name);
        if (!t) return "no task named " + name;
        return devices::to_string(t->state) == state ? "" : name + " is " + describe(*t);
      }));
    }
  } else if (verb == "expect-file") {
    std::string path = l.words[1];
    actions_.push_back(within(frames_within(l, 2), [path](Ui&) -> std::string {
      return std::filesystem::exists(path) ? "" : path + " does not exist";
    }));
  } else if (verb == "screenshot") {
    std::string path = l.words[1];
    // The pointer off the panels first, so no tooltip covers the picture.
    actions_.push_back([this](Ui&) {
      int w, h;
      SDL_GetWindowSize(window_, &w, &h);
      mouse_move(static_cast<float>(w - 2), static_cast<float>(h - 2));
      return true;
    });
    actions_.push_back(wait(3));
    actions_.push_back([this, l, path](Ui&) {
      GLint viewport[4];
      glGetIntegerv(GL_VIEWPORT, viewport);
      std::vector<uint8_t> px = read_pixels(0, 0, viewport[2], viewport[3]);
      for (size_t i = 3; i < px.size(); i += 4) px[i] = 255;  // opaque, whatever the framebuffer's alpha
      if (!stbi_write_png(path.c_str(), viewport[2], viewport[3], 4, px.data(), viewport[2] * 4))
        fail(l, "cannot write " + path);
      else
        std::printf("test-script: screenshot %s (%dx%d)\n", path.c_str(), viewport[2], viewport[3]);
      return true;
    });
  } else if (verb == "quit") {
    actions_.push_back([this](Ui&) {
      finished_ = true;
      return true;
    });
  }
}

}  // namespace gui
