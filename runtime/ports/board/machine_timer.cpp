// SPDX-License-Identifier: MIT
// machine::Timer and machine::PWM on the board's general-purpose timers (TIMER0, TIMER1), and the
// timers' interrupt handlers that call Timer callbacks. Register layout: board::timer.
#include <stdexcept>

#include "board/memory_map.h"
#include "board/registers.h"
#include "machine/pwm.h"
#include "machine/timer.h"

namespace machine {

namespace tim = board::timer;

namespace {

constexpr uint32_t kMaxPeriod = 0xFFFF;  // 16-bit PERIOD and PRESCALER
constexpr uint32_t kMaxFreq = board::kTimerClockHz / 2;  // at least 2 ticks a period

// What the drivers know about one timer.
struct TimerUnit {
  uint32_t base;
  int irq;
  int pins[tim::kChannelCount];   // the pin each channel drives through its alternate function
  Timer* owner = nullptr;         // a Timer with a callback, or none
  Timer::Callback callback = nullptr;
  uint8_t pwm_channels = 0;       // channels in use by PWM objects
  uint16_t duty[tim::kChannelCount] = {};

  volatile uint32_t& reg(uint32_t offset) const { return *reinterpret_cast<volatile uint32_t*>(base + offset); }
};

TimerUnit g_units[2] = {
    {board::kTimer0Base, board::kTimer0Irq, {board::kTimer0Ch0Pin, board::kTimer0Ch1Pin}},
    {board::kTimer1Base, board::kTimer1Irq, {board::kTimer1Ch0Pin, board::kTimer1Ch1Pin}},
};

volatile uint32_t& gpio(uint32_t offset) { return *reinterpret_cast<volatile uint32_t*>(board::kGpioABase + offset); }
volatile uint32_t* nvic(uint32_t offset) { return reinterpret_cast<volatile uint32_t*>(board::kScsBase + offset); }
void nvic_enable(int irq) { nvic(board::scs::NVIC_ISER)[irq / 32] = 1u << (irq % 32); }
void nvic_disable(int irq) { nvic(board::scs::NVIC_ICER)[irq / 32] = 1u << (irq % 32); }

TimerUnit& unit(int id) {
  if (id < 0 || id > 1) throw std::invalid_argument("Timer: the board has timers 0 and 1");
  return g_units[id];
}

// Sets PRESCALER and PERIOD for a period of `ticks` input clocks (1 us each): the smallest
// prescaler that lets PERIOD fit 16 bits, so the period is as fine-grained as it can be.
void set_period_ticks(TimerUnit& u, uint64_t ticks) {
  uint64_t divider = (ticks + kMaxPeriod - 1) / kMaxPeriod;
  if (divider == 0) divider = 1;
  if (divider > kMaxPeriod + 1) throw std::invalid_argument("Timer: period too long for the hardware (over 4294 s)");
  uint64_t period = ticks / divider;
  if (period < 2) throw std::invalid_argument("Timer: frequency too high (500 kHz at most)");
  u.reg(tim::PRESCALER) = static_cast<uint32_t>(divider - 1);
  u.reg(tim::PERIOD) = static_cast<uint32_t>(period);
}

uint64_t ticks_of_freq(uint32_t hz) {
  if (hz == 0 || hz > kMaxFreq) throw std::invalid_argument("freq: from 1 Hz to 500 kHz");
  return (board::kTimerClockHz + hz / 2) / hz;
}

// The compare value for a 16-bit duty, rounded to the nearest tick.
uint32_t compare_of(const TimerUnit& u, uint16_t duty) {
  uint32_t period = u.reg(tim::PERIOD);
  return static_cast<uint32_t>((uint64_t{duty} * period + 32767) / 65535);
}

void dispatch(int id) {
  TimerUnit& u = g_units[id];
  uint32_t status = u.reg(tim::STATUS);
  u.reg(tim::STATUS) = status;  // acknowledge first: a period ending during the callback pends again
  if ((status & tim::STATUS_UPDATE) && u.callback) u.callback(*u.owner);
}

}  // namespace

// ---- Timer ----

Timer::Timer(int id) : id_(id) { unit(id); }

void Timer::init(const Config& config) {
  TimerUnit& u = unit(id_);
  if (u.pwm_channels) throw std::runtime_error("Timer: this timer drives PWM outputs; use the other one");
  uint64_t ticks;
  if (config.freq) {
    ticks = ticks_of_freq(config.freq);
  } else {
    if (config.period == 0) throw std::invalid_argument("Timer: give freq (Hz) or period (ms)");
    ticks = uint64_t{config.period} * (board::kTimerClockHz / 1000);
  }
  u.reg(tim::CTRL) = 0;
  u.reg(tim::IRQ_ENABLE) = 0;
  u.reg(tim::COUNT) = 0;
  set_period_ticks(u, ticks);
  u.reg(tim::STATUS) = tim::STATUS_UPDATE | tim::STATUS_CC0 | tim::STATUS_CC1;
  u.owner = this;
  u.callback = config.callback;
  u.reg(tim::IRQ_ENABLE) = config.callback ? tim::STATUS_UPDATE : 0;
  if (config.callback) nvic_enable(u.irq);
  u.reg(tim::CTRL) = tim::CTRL_ENABLE | (config.mode == ONE_SHOT ? tim::CTRL_ONE_SHOT : 0);
}

void Timer::deinit() {
  TimerUnit& u = g_units[id_];
  if (u.owner != this) return;
  u.reg(tim::CTRL) = 0;
  u.reg(tim::IRQ_ENABLE) = 0;
  u.reg(tim::STATUS) = tim::STATUS_UPDATE | tim::STATUS_CC0 | tim::STATUS_CC1;
  nvic_disable(u.irq);
  u.owner = nullptr;
  u.callback = nullptr;
}

// ---- PWM ----

PWM::PWM(const Pin& pin) : pin_(pin.id()), timer_(-1), channel_(-1) {
  for (int t = 0; t < 2 && timer_ < 0; ++t)
    for (int ch = 0; ch < tim::kChannelCount; ++ch)
      if (g_units[t].pins[ch] == pin_) {
        timer_ = t;
        channel_ = ch;
      }
  if (timer_ < 0) throw std::invalid_argument("PWM: this pin has no timer channel (PA5, PA6, PA7, PA8 do)");
  if (g_units[timer_].callback) throw std::runtime_error("PWM: the pin's timer runs a Timer callback");
  if (!(g_units[timer_].pwm_channels & (1u << channel_))) g_units[timer_].duty[channel_] = 0;
}

PWM::PWM(const Pin& pin, uint32_t hz, uint16_t duty) : PWM(pin) {
  freq(hz);
  duty_u16(duty);
}

void PWM::apply() {
  TimerUnit& u = g_units[timer_];
  if (!active_) {
    active_ = true;
    if (!u.pwm_channels) {  // the first channel of this timer: start the counter at 1 kHz
      u.reg(tim::CTRL) = 0;
      u.reg(tim::IRQ_ENABLE) = 0;
      set_period_ticks(u, ticks_of_freq(1000));
      u.reg(tim::CTRL) = tim::CTRL_ENABLE;
    }
    u.pwm_channels |= 1u << channel_;
    u.reg(tim::CMP(channel_)) = compare_of(u, u.duty[channel_]);
    u.reg(tim::OUTPUT) = u.reg(tim::OUTPUT) | (1u << channel_);
    gpio(board::gpio::ALT) = gpio(board::gpio::ALT) | (1u << pin_);
    return;
  }
  u.reg(tim::CMP(channel_)) = compare_of(u, u.duty[channel_]);
}

void PWM::freq(uint32_t hz) {
  uint64_t ticks = ticks_of_freq(hz);
  apply();
  TimerUnit& u = g_units[timer_];
  set_period_ticks(u, ticks);
  for (int ch = 0; ch < tim::kChannelCount; ++ch)  // both channels keep their duty as a fraction
    if (u.pwm_channels & (1u << ch)) u.reg(tim::CMP(ch)) = compare_of(u, u.duty[ch]);
}

uint32_t PWM::freq() const {
  const TimerUnit& u = g_units[timer_];
  uint32_t ticks = (u.reg(tim::PRESCALER) + 1) * u.reg(tim::PERIOD);
  return ticks ? board::kTimerClockHz / ticks : 0;
}

void PWM::duty_u16(uint16_t duty) {
  g_units[timer_].duty[channel_] = duty;
  apply();
}

uint16_t PWM::duty_u16() const { return g_units[timer_].duty[channel_]; }

void PWM::duty_ns(uint32_t ns) {
  const TimerUnit& u = g_units[timer_];
  apply();  // so the period is known
  uint64_t period_ns = uint64_t{u.reg(tim::PRESCALER) + 1} * u.reg(tim::PERIOD) * (1'000'000'000 / board::kTimerClockHz);
  uint64_t duty = period_ns ? (uint64_t{ns} * 65535 + period_ns / 2) / period_ns : 0;
  duty_u16(static_cast<uint16_t>(duty > 65535 ? 65535 : duty));
}

uint32_t PWM::duty_ns() const {
  const TimerUnit& u = g_units[timer_];
  uint64_t period_ns = uint64_t{u.reg(tim::PRESCALER) + 1} * u.reg(tim::PERIOD) * (1'000'000'000 / board::kTimerClockHz);
  return static_cast<uint32_t>((period_ns * u.duty[channel_] + 32767) / 65535);
}

void PWM::deinit() {
  if (!active_) return;
  active_ = false;
  TimerUnit& u = g_units[timer_];
  gpio(board::gpio::ALT) = gpio(board::gpio::ALT) & ~(1u << pin_);
  u.reg(tim::OUTPUT) = u.reg(tim::OUTPUT) & ~(1u << channel_);
  u.pwm_channels &= ~(1u << channel_);
  if (!u.pwm_channels) u.reg(tim::CTRL) = 0;  // the last output: stop the counter
}

}  // namespace machine

extern "C" void TIMER0_IRQHandler() { machine::dispatch(0); }
extern "C" void TIMER1_IRQHandler() { machine::dispatch(1); }
