// SPDX-License-Identifier: GPL-2.0-or-later
// The board panel: the board as a picture -- B1 to press (mouse, or hold the B key; held as long as
// you hold it, for a long press), LED1/LED2 glowing with their brightness, GPIOA's 16 pin levels --
// and below it the console: what UART0 printed, and a line to type into it.
#include <SDL.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ui_state.h"

namespace gui {

namespace {

ImU32 mix(ImVec4 a, ImVec4 b, float t, float alpha = 1.0f) {
  return ImGui::GetColorU32(ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, alpha));
}

// An LED: dark red when off; lit, a bright core and a halo whose strength follows the brightness.
void draw_led(Ui& ui, ImDrawList* dl, const LedView& led, ImVec2 c, float r) {
  const ImVec4 off(0.25f, 0.05f, 0.05f, 1), on(1.0f, 0.15f, 0.10f, 1);
  float b = led.lit ? static_cast<float>(std::max(led.brightness, 0.15)) : 0.0f;
  if (b > 0)
    for (int i = 3; i >= 1; --i) dl->AddCircleFilled(c, r * (1 + 0.45f * i), mix(off, on, b, 0.10f * b * (4 - i)), 32);
  dl->AddCircleFilled(c, r, mix(off, on, b), 32);
  dl->AddCircle(c, r, IM_COL32(20, 20, 20, 255), 32, 2.0f);
  ImVec2 text = ImGui::CalcTextSize(led.name.c_str());
  dl->AddText(ImVec2(c.x - text.x / 2, c.y + r * 2.0f + 2), IM_COL32(230, 230, 230, 255), led.name.c_str());
  ui.widgets[led.name] = ScreenRect{ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r)};
  ImGui::SetCursorScreenPos(ImVec2(c.x - r, c.y - r));
  ImGui::InvisibleButton(led.name.c_str(), ImVec2(2 * r, 2 * r));
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s on PA%d: %s, brightness %.2f\n(brightness is the PWM duty when a timer drives the pin)",
                      led.name.c_str(), led.pin, led.lit ? "lit" : "off", led.brightness);
}

}  // namespace

void draw_board_panel(Ui& ui) {
  place_window(0.0f, 0.075f, 0.33f, 0.55f);
  ImGui::Begin("Board", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  const Snapshot& s = *ui.snap;
  ImDrawList* dl = ImGui::GetWindowDrawList();

  // The PCB: a green board with the MCU in the middle, the LEDs top right, B1 bottom left.
  float width = ImGui::GetContentRegionAvail().x;
  float height = std::min(190.0f, width * 0.5f);
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImVec2 p1(p0.x + width, p0.y + height);
  dl->AddRectFilled(p0, p1, IM_COL32(20, 90, 50, 255), 10.0f);
  dl->AddRect(p0, p1, IM_COL32(200, 170, 80, 255), 10.0f, 0, 2.0f);
  ImVec2 chip0(p0.x + width * 0.38f, p0.y + height * 0.25f), chip1(p0.x + width * 0.62f, p0.y + height * 0.75f);
  dl->AddRectFilled(chip0, chip1, IM_COL32(30, 30, 35, 255), 4.0f);
  dl->AddText(ImVec2(chip0.x + 8, chip0.y + 8), IM_COL32(200, 200, 200, 255), "Cortex-M4");
  dl->AddText(ImVec2(chip0.x + 8, chip0.y + 26), IM_COL32(150, 150, 150, 255), "64 MHz");
  dl->AddText(ImVec2(p0.x + 8, p0.y + 6), IM_COL32(220, 220, 200, 255), "asyncboard");

  float r = std::clamp(height * 0.09f, 8.0f, 16.0f);
  for (size_t i = 0; i < s.leds.size(); ++i)
    draw_led(ui, dl, s.leds[i], ImVec2(p0.x + width * (0.75f + 0.12f * i), p0.y + height * 0.35f), r);

  // B1: a round push button, pressed while the mouse holds it down or the B key is held.
  bool key_held = !ImGui::GetIO().WantTextInput && ImGui::IsKeyDown(SDL_SCANCODE_B);
  for (const ButtonView& b : s.buttons) {
    ImVec2 c(p0.x + width * 0.18f, p0.y + height * 0.6f);
    float br = r * 1.6f;
    ImGui::SetCursorScreenPos(ImVec2(c.x - br, c.y - br));
    ImGui::InvisibleButton(b.name.c_str(), ImVec2(2 * br, 2 * br));
    bool mouse_held = ImGui::IsItemActive();
    bool hovered = ImGui::IsItemHovered();
    ui.widgets[b.name] = ScreenRect{ImVec2(c.x - br, c.y - br), ImVec2(c.x + br, c.y + br)};
    bool want = mouse_held || key_held;
    if (want != ui.button_sent_pressed) {  // one command per change: a long press is one press, one release
      ui.emu.post(Command{want ? Command::Press : Command::Release, b.name, 0});
      ui.button_sent_pressed = want;
    }
    bool shown_pressed = b.pressed || want;
    dl->AddRectFilled(ImVec2(c.x - br * 1.2f, c.y - br * 1.2f), ImVec2(c.x + br * 1.2f, c.y + br * 1.2f),
                      IM_COL32(160, 160, 165, 255), 3.0f);
    dl->AddCircleFilled(c, br * (shown_pressed ? 0.85f : 1.0f),
                        shown_pressed ? IM_COL32(40, 40, 45, 255) : (hovered ? IM_COL32(90, 90, 100, 255) : IM_COL32(60, 60, 70, 255)), 32);
    ImVec2 text = ImGui::CalcTextSize(b.name.c_str());
    dl->AddText(ImVec2(c.x - text.x / 2, c.y + br * 1.25f + 2), IM_COL32(230, 230, 230, 255), b.name.c_str());
    if (hovered)
      ImGui::SetTooltip("%s on PA%d (active low, pulled up): click, or hold the B key.\nHold it down for a long "
                        "press; the firmware sees the falling edge as GPIOA's interrupt.", b.name.c_str(), b.pin);
  }
  ImGui::SetCursorScreenPos(ImVec2(p0.x, p1.y + 6));

  // GPIOA's pins: lit square = high; a PWM pin shows its duty.
  ImGui::TextUnformatted("GPIOA");
  ImGui::SameLine();
  for (int pin = 0; pin < 16; ++pin) {
    bool high = (s.pin_levels >> pin) & 1;
    double duty = s.pin_duty[pin];
    ImVec2 q = ImGui::GetCursorScreenPos();
    float side = 12;
    ImU32 col = duty > 0 && duty < 1 ? mix(ImVec4(0.2f, 0.2f, 0.2f, 1), ImVec4(0.3f, 0.9f, 0.4f, 1), static_cast<float>(duty))
                                     : (high ? IM_COL32(80, 230, 100, 255) : IM_COL32(50, 50, 55, 255));
    dl->AddRectFilled(ImVec2(q.x, q.y + 2), ImVec2(q.x + side, q.y + 2 + side), col, 2.0f);
    ImGui::Dummy(ImVec2(side, side + 2));
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("PA%d: %s%s", pin, high ? "high" : "low",
                        duty > 0 && duty < 1 ? fmt::format(" (PWM duty {:.2f})", duty).c_str() : "");
    if (pin < 15) ImGui::SameLine(0, 3);
  }

  // The console: UART0's lines, and an input line typed into its receive FIFO at 115200 baud.
  ImGui::Separator();
  ImGui::Text("Console (UART0) - %llu lines", static_cast<unsigned long long>(s.console_total));
  float input_h = ImGui::GetFrameHeightWithSpacing();
  ImGui::BeginChild("console", ImVec2(0, -input_h), true);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(s.console.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) ImGui::TextUnformatted(s.console[i].c_str());
  if (ui.console_autoscroll && ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 20) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##type", "type a line for UART0, Enter sends it", ui.console_input,
                               sizeof ui.console_input, ImGuiInputTextFlags_EnterReturnsTrue)) {
    ui.emu.post(Command{Command::Type, std::string(ui.console_input) + "\n", 0});
    ui.console_input[0] = 0;
    ImGui::SetKeyboardFocusHere(-1);
  }
  ui.widgets["console-input"] = ScreenRect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
  ImGui::End();
}

}  // namespace gui
