// @NAME@'s task code. Nothing in it knows the board: main.cpp hands it the board's LED, test_app.cpp
// a stand-in that records what it is told, so the same code runs on the board and on this machine.
#pragma once
#include <functional>

#include "asyncio/asyncio.h"

// Toggles the LED every half `period_ms`, starting with on; `times` toggles (0: for ever).
asyncio::Coro<> blink(std::function<void(bool on)> set_led, int period_ms, int times = 0);
