// SPDX-License-Identifier: GPL-2.0-or-later
#include "devices/sim_control.h"

#include "board/registers.h"

namespace devices {

namespace {
void notify(const std::vector<std::function<void(uint32_t)>>& observers, uint32_t value) {
  for (size_t i = 0; i < observers.size(); ++i) {
    auto observer = observers[i];  // copy: an observer may add observers
    observer(value);
  }
}
}  // namespace

SimControl::SimControl()
    : registers_("SIMCTL", {
          {board::simctl::EXIT, "EXIT", nullptr, [this](uint32_t v) { notify(exit_observers_, v); }},
          {board::simctl::MARK, "MARK", nullptr, [this](uint32_t v) { notify(mark_observers_, v); }},
          {board::simctl::UNHANDLED, "UNHANDLED", nullptr,
           [this](uint32_t v) { notify(unhandled_observers_, v); }},
          {board::simctl::TERMINATE, "TERMINATE", nullptr,
           [this](uint32_t v) { notify(terminate_observers_, v); }},
      }, board::definition::table(board::definition::kSimctlRegisters)) {}

void SimControl::on_exit(std::function<void(uint32_t status)> observer) {
  exit_observers_.push_back(std::move(observer));
}

void SimControl::on_mark(std::function<void(uint32_t id)> observer) {
  mark_observers_.push_back(std::move(observer));
}

void SimControl::on_unhandled(std::function<void(uint32_t exception)> observer) {
  unhandled_observers_.push_back(std::move(observer));
}

void SimControl::on_terminate(std::function<void(uint32_t address)> observer) {
  terminate_observers_.push_back(std::move(observer));
}

}  // namespace devices
