// @NAME@'s task code. Nothing in it knows the board: main.cpp hands it B1's flag and LED1,
// test_app.cpp a flag it sets itself and a stand-in LED, so it runs on the board and on this machine.
#pragma once
#include <functional>

#include "asyncio/asyncio.h"

// Toggles the LED each time `pressed` is set (an interrupt handler sets it on the board), `presses`
// times (0: for ever). Sets that come before the task gets to run count once: a ThreadSafeFlag
// holds one set, not a count.
asyncio::Coro<> toggle_on_press(asyncio::ThreadSafeFlag& pressed, std::function<void(bool on)> set_led,
                                int presses = 0);
