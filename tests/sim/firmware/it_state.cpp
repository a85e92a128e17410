// SPDX-License-Identifier: GPL-2.0-or-later
// The IT block's execution state is part of the context (ARMv7-M B1.5.6, B1.5.8): an exception taken
// inside an IT block stacks the remaining ITSTATE in the frame's xPSR, the handler starts with it
// clear (its code runs unconditionally), and the return restores it, so the rest of the block stays
// conditional. Here an SVC inside ITTEE EQ with Z set: the two "else" instructions must not run.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

extern "C" {
volatile uint32_t handler_ran = 0, stacked_it = 0;

volatile uint32_t handler_r1 = 0;

__attribute__((used)) void svc_body(const uint32_t* frame, uint32_t r1) {
  uint32_t xpsr = frame[7];
  stacked_it = ((xpsr >> 25) & 3) | ((xpsr >> 8) & 0xFC);
  handler_r1 = r1;
  handler_ran = handler_ran + 1;
}
// Had the block's state leaked in, its three slots left (EQ, NE, NE) would govern the first three
// instructions here, and r1 would end 0 instead of 2.
__attribute__((naked)) void SVC_Handler() {
  __asm volatile(
      "mov r1, #0\n\t"
      "mov r1, #1\n\t"
      "mov r1, #2\n\t"
      "mrs r0, msp\n\t"
      "b svc_body\n\t");
}
}

int main() {
  uint32_t then_count = 0, else_count = 0;
  __asm volatile(
      "movs r2, #0\n\t"
      "cmp r2, #0\n\t"  // Z = 1: EQ holds
      "ittee eq\n\t"
      "svceq #0\n\t"
      "addeq %0, %0, #1\n\t"
      "addne %1, %1, #1\n\t"
      "addne %1, %1, #1\n\t"
      : "+r"(then_count), "+r"(else_count)::"r0", "r1", "r2", "r3", "r12", "lr", "cc", "memory");
  printf("svc inside ITTEE EQ: handler ran %lu unconditionally: %s, stacked ITSTATE %s, then-slot ran %lu, else-slots "
         "ran %lu\n",
         static_cast<unsigned long>(handler_ran), handler_r1 == 2 ? "yes" : "NO", stacked_it ? "non-zero" : "ZERO",
         static_cast<unsigned long>(then_count), static_cast<unsigned long>(else_count));
  exit(0);
}
