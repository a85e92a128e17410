// SPDX-License-Identifier: GPL-2.0-or-later
// An exception nobody catches, thrown outside any asyncio task (a task's own exceptions go to the
// loop's exception handler instead): std::terminate, which the simulator reports as a firmware fault
// with the exception's message and a backtrace towards the throw.
#include <stdio.h>

#include <stdexcept>

__attribute__((noinline)) int sensor_reading(int index) {
  if (index > 2) throw std::out_of_range("sensor index 3 out of range");
  return index * 10;
}

int main() {
  puts("reading sensors");
  int total = 0;
  for (int i = 0; i < 4; ++i) total += sensor_reading(i);
  return total;
}
