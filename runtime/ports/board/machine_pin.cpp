// SPDX-License-Identifier: MIT
// machine::Pin on GPIOA, and the GPIOA interrupt handler that dispatches edges to Pin handlers.
#include "machine/pin.h"

#include <cstring>
#include <stdexcept>
#include <string>

#include "board/memory_map.h"
#include "board/registers.h"

namespace machine {

namespace {

volatile uint32_t& gpio(uint32_t offset) { return *reinterpret_cast<volatile uint32_t*>(board::kGpioABase + offset); }

struct IrqSlot {
  Pin* pin = nullptr;
  Pin::Handler handler = nullptr;
};
IrqSlot g_irq[board::gpio::kPinCount];

}  // namespace

Pin::Pin(int id, Mode mode, Pull pull) : id_(id) {
  uint32_t bit = 1u << id;
  gpio(board::gpio::PULLUP) = pull == PULL_UP ? gpio(board::gpio::PULLUP) | bit : gpio(board::gpio::PULLUP) & ~bit;
  gpio(board::gpio::PULLDOWN) =
      pull == PULL_DOWN ? gpio(board::gpio::PULLDOWN) | bit : gpio(board::gpio::PULLDOWN) & ~bit;
  gpio(board::gpio::DIR) = mode == OUT ? gpio(board::gpio::DIR) | bit : gpio(board::gpio::DIR) & ~bit;
}

int Pin::find(const char* name) {
  if (!name) return -1;
  if (!std::strcmp(name, "LED1")) return board::kLed1Pin;
  if (!std::strcmp(name, "LED2")) return board::kLed2Pin;
  if (!std::strcmp(name, "B1")) return board::kButtonB1Pin;
  if (name[0] != 'P' || name[1] != 'A' || name[2] < '0' || name[2] > '9') return -1;
  int n = name[2] - '0';
  if (name[3] >= '0' && name[3] <= '9' && n != 0) {
    n = n * 10 + (name[3] - '0');
    if (name[4] != '\0') return -1;
  } else if (name[3] != '\0') {
    return -1;
  }
  return n < board::gpio::kPinCount ? n : -1;
}

static int checked(const char* name) {
  int id = Pin::find(name);
  if (id < 0) throw std::invalid_argument(std::string("Pin: no pin named ") + (name ? name : "(null)"));
  return id;
}

Pin::Pin(const char* name) : id_(checked(name)) {}
Pin::Pin(const char* name, Mode mode, Pull pull) : Pin(checked(name), mode, pull) {}

void Pin::on() { gpio(board::gpio::SET) = 1u << id_; }
void Pin::off() { gpio(board::gpio::CLR) = 1u << id_; }
void Pin::toggle() { gpio(board::gpio::TOGGLE) = 1u << id_; }
int Pin::value() const { return (gpio(board::gpio::IN) >> id_) & 1; }

void Pin::irq(Handler handler, uint8_t trigger) {
  uint32_t bit = 1u << id_;
  g_irq[id_] = {this, handler};
  gpio(board::gpio::IRQ_RISE) = trigger & IRQ_RISING ? gpio(board::gpio::IRQ_RISE) | bit : gpio(board::gpio::IRQ_RISE) & ~bit;
  gpio(board::gpio::IRQ_FALL) = trigger & IRQ_FALLING ? gpio(board::gpio::IRQ_FALL) | bit : gpio(board::gpio::IRQ_FALL) & ~bit;
  gpio(board::gpio::IRQ_STATUS) = bit;  // forget an edge from before the handler existed
  auto* iser = reinterpret_cast<volatile uint32_t*>(board::kScsBase + board::scs::NVIC_ISER);
  iser[board::kGpioAIrq / 32] = 1u << (board::kGpioAIrq % 32);
}

}  // namespace machine

extern "C" void GPIOA_IRQHandler() {
  uint32_t pending = machine::gpio(board::gpio::IRQ_STATUS);
  machine::gpio(board::gpio::IRQ_STATUS) = pending;  // acknowledge first: an edge during the handlers re-pends
  for (int i = 0; i < board::gpio::kPinCount; ++i)
    if ((pending >> i) & 1 && machine::g_irq[i].handler) machine::g_irq[i].handler(*machine::g_irq[i].pin);
}
