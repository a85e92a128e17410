// SPDX-License-Identifier: GPL-2.0-or-later
// More exception rules, each printed as a trace:
//   nested:   three interrupts of rising urgency, each pending the next inside its handler, nest
//             three deep and unwind in order (ABCcba), with IPSR naming the active one at each level
//   svc:      SVC is taken at once, with r0 passed through the frame, and returns after itself
//   align:    entered with SP 4 mod 8, the frame is aligned down and xPSR bit 9 says so; the
//             return restores SP exactly
#include <stdint.h>
#include <stdio.h>

#include <initializer_list>

#include "nvic_access.h"

namespace {
char trace[16];
int trace_len = 0;
void mark(char c) { trace[trace_len++] = c; trace[trace_len] = 0; }
uint32_t ipsr() {
  uint32_t v;
  __asm volatile("mrs %0, ipsr" : "=r"(v));
  return v;
}
volatile uint32_t depth_ok = 1;
}  // namespace

extern "C" void IRQ10_Handler() {
  mark('A');
  if (ipsr() != 26) depth_ok = 0;
  irq_pend(11);
  __asm volatile("dsb; isb");
  mark('a');
}
extern "C" void IRQ11_Handler() {
  mark('B');
  if (ipsr() != 27) depth_ok = 0;
  irq_pend(12);
  __asm volatile("dsb; isb");
  mark('b');
}
extern "C" void IRQ12_Handler() {
  mark('C');
  if (ipsr() != 28) depth_ok = 0;
  mark('c');
}

// SVC: the handler doubles the stacked r0 (the caller's argument) so the caller sees the result.
extern "C" __attribute__((naked)) void SVC_Handler() {
  __asm volatile(
      "mrs r0, msp\n\t"
      "ldr r1, [r0, #0]\n\t"   // stacked r0
      "lsls r1, r1, #1\n\t"
      "str r1, [r0, #0]\n\t"
      "ldr r1, [r0, #28]\n\t"  // stacked xPSR
      "ldr r2, =stacked_xpsr\n\t"
      "str r1, [r2]\n\t"
      "bx lr\n\t");
}

extern "C" {
volatile uint32_t stacked_xpsr;
}

__attribute__((noinline)) uint32_t svc_double(uint32_t x) {
  register uint32_t r0 __asm("r0") = x;
  __asm volatile("svc #0" : "+r"(r0)::"memory");
  return r0;
}

int main() {
  for (int line : {10, 11, 12}) irq_enable(line);
  irq_priority(10, 0xC0);
  irq_priority(11, 0x80);
  irq_priority(12, 0x40);
  irq_pend(10);
  __asm volatile("dsb; isb");
  printf("nested: %s, ipsr %s\n", trace, depth_ok ? "right at each level" : "WRONG");

  printf("svc: 21 doubled is %lu\n", static_cast<unsigned long>(svc_double(21)));

  uint32_t sp_before, sp_after;
  __asm volatile(
      "mov %0, sp\n\t"
      "sub sp, #4\n\t"  // SP now 4 mod 8 at the SVC
      "movs r0, #1\n\t"
      "svc #0\n\t"
      "add sp, #4\n\t"
      "mov %1, sp\n\t"
      : "=&r"(sp_before), "=&r"(sp_after)::"r0", "r1", "r2", "memory");
  printf("align: xpsr bit 9 %s, sp %s\n", (stacked_xpsr >> 9) & 1 ? "set" : "CLEAR",
         sp_before == sp_after ? "restored" : "WRONG");
  return 0;
}
