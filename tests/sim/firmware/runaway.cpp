// SPDX-License-Identifier: GPL-2.0-or-later
// Spins forever without sleeping: a scenario's time limit must stop it and say where it spins.
volatile int counter;

__attribute__((noinline)) void spin_forever() {
  for (;;) counter = counter + 1;
}

int main() { spin_forever(); }
