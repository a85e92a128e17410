// SPDX-License-Identifier: GPL-2.0-or-later
#include "devices/button.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace devices {

namespace {

// SplitMix64: small, and the same sequence on every machine.
uint64_t next_random(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

Button::Button(std::string name, GpioPort& port, int pin, bool active_low, EventScheduler* clock)
    : name_(std::move(name)), port_(port), pin_(pin), active_low_(active_low), clock_(clock) {
  if (pin < 0 || pin >= GpioPort::kPinCount)
    throw std::out_of_range(fmt::format("button {}: {} has no pin {}", name_, port.name(), pin));
}

Button::~Button() {
  if (clock_)
    for (EventId id : chatter_) clock_->cancel(id);
}

void Button::set_contact(bool closed) {
  if (closed == closed_) return;
  closed_ = closed;
  ++transitions_;
  if (closed)
    port_.drive_input(pin_, !active_low_);
  else
    port_.release_input(pin_);
}

void Button::press(Nanoseconds bounce) {
  pressed_ = true;
  chatter(true, bounce);
}

void Button::release(Nanoseconds bounce) {
  pressed_ = false;
  chatter(false, bounce);
}

void Button::chatter(bool closed, Nanoseconds bounce) {
  if (clock_)
    for (EventId id : std::exchange(chatter_, {})) clock_->cancel(id);
  ++uses_;
  set_contact(closed);
  if (bounce == 0) return;
  if (!clock_) throw std::logic_error(fmt::format("button {}: bounce needs a clock", name_));
  uint64_t state = uses_;
  for (char c : name_) state = state * 131 + static_cast<unsigned char>(c);
  int flips = 4 + 2 * static_cast<int>(next_random(state) % 3);  // 4, 6 or 8: it ends where it started
  std::vector<Nanoseconds> at;
  for (int i = 0; i < flips; ++i) at.push_back(1 + next_random(state) % bounce);
  std::sort(at.begin(), at.end());
  Nanoseconds now = clock_->now_ns();
  for (int i = 0; i < flips; ++i) {
    bool level = i % 2 == 0 ? !closed : closed;
    chatter_.push_back(clock_->schedule_at(now + at[i], [this, level] { set_contact(level); }));
  }
}

}  // namespace devices
