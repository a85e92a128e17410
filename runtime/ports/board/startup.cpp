// SPDX-License-Identifier: MIT
// Reset and the vector table for the virtual board's Cortex-M4: copy .data, zero .bss, run static
// constructors, call main(), exit with its status. Interrupts without a handler report themselves
// to the simulator (SimControl) instead of spinning silently.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <exception>

#include "board/memory_map.h"
#include "board/registers.h"

extern "C" {
extern uint32_t __data_load, __data_start, __data_end, __bss_start, __bss_end, __stack_top;
void __libc_init_array();
int main();

[[noreturn]] void Reset_Handler();
void Default_Handler();

// Weak: firmware (or the board port) defines the ones it uses.
#define WEAK_HANDLER(name) void name() __attribute__((weak, alias("Default_Handler")))
WEAK_HANDLER(NMI_Handler);
WEAK_HANDLER(HardFault_Handler);
WEAK_HANDLER(MemManage_Handler);
WEAK_HANDLER(BusFault_Handler);
WEAK_HANDLER(UsageFault_Handler);
WEAK_HANDLER(SVC_Handler);
WEAK_HANDLER(DebugMon_Handler);
WEAK_HANDLER(PendSV_Handler);
WEAK_HANDLER(SysTick_Handler);
WEAK_HANDLER(GPIOA_IRQHandler);
WEAK_HANDLER(UART0_IRQHandler);
WEAK_HANDLER(TIMEBASE_IRQHandler);
WEAK_HANDLER(NET0_IRQHandler);
WEAK_HANDLER(TIMER0_IRQHandler);
WEAK_HANDLER(TIMER1_IRQHandler);
// The board's spare lines 6..31: IRQn_Handler for line n.
#define SPARE(n) WEAK_HANDLER(IRQ##n##_Handler)
SPARE(6); SPARE(7); SPARE(8); SPARE(9); SPARE(10); SPARE(11); SPARE(12);
SPARE(13); SPARE(14); SPARE(15); SPARE(16); SPARE(17); SPARE(18); SPARE(19); SPARE(20); SPARE(21);
SPARE(22); SPARE(23); SPARE(24); SPARE(25); SPARE(26); SPARE(27); SPARE(28); SPARE(29); SPARE(30); SPARE(31);
#undef SPARE
#undef WEAK_HANDLER
}

using Handler = void (*)();

// 16 system exceptions + the external lines; unused lines fall to Default_Handler.
__attribute__((section(".isr_vector"), used)) const Handler vector_table[16 + board::kExternalIrqCount] = {
    reinterpret_cast<Handler>(&__stack_top),
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    nullptr, nullptr, nullptr, nullptr,
    SVC_Handler,
    DebugMon_Handler,
    nullptr,
    PendSV_Handler,
    SysTick_Handler,
    // External lines, in board::k*Irq order.
    GPIOA_IRQHandler,
    UART0_IRQHandler,
    TIMEBASE_IRQHandler,
    NET0_IRQHandler, TIMER0_IRQHandler, TIMER1_IRQHandler, IRQ6_Handler, IRQ7_Handler, IRQ8_Handler, IRQ9_Handler,
    IRQ10_Handler, IRQ11_Handler, IRQ12_Handler, IRQ13_Handler, IRQ14_Handler, IRQ15_Handler, IRQ16_Handler,
    IRQ17_Handler, IRQ18_Handler, IRQ19_Handler, IRQ20_Handler, IRQ21_Handler, IRQ22_Handler, IRQ23_Handler,
    IRQ24_Handler, IRQ25_Handler, IRQ26_Handler, IRQ27_Handler, IRQ28_Handler, IRQ29_Handler, IRQ30_Handler,
    IRQ31_Handler,
};

static_assert(board::kGpioAIrq == 0 && board::kUart0Irq == 1 && board::kTimebaseIrq == 2,
              "vector_table lists the external handlers in memory_map.h's line order");
static_assert(board::kNet0Irq == 3 && board::kTimer0Irq == 4 && board::kTimer1Irq == 5, "vector_table: NET0's and the timers' lines");

// -nostartfiles leaves out crti/crtbegin, which would define these; newlib's init and the C++ ABI
// (static destructors registered with __cxa_atexit) still refer to them.
extern "C" {
void* __dso_handle = nullptr;
void _init() {}
void _fini() {}
}

// An exception nobody caught (or another std::terminate): say what it was on the console and to the
// simulator, which reports it as a firmware fault (with the backtrace to the throw); elsewhere,
// exit with the status abort() would give.
[[noreturn]] static void report_terminate() {
  const char* what = "std::terminate called";
  if (std::exception_ptr ex = std::current_exception()) {
    try {
      std::rethrow_exception(ex);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
      what = "an exception of unknown type";
    }
    printf("terminate: uncaught exception: %s\n", what);
  } else {
    printf("terminate: %s\n", what);
  }
  fflush(stdout);
  auto* simctl = reinterpret_cast<volatile uint32_t*>(board::kSimControlBase);
  simctl[board::simctl::TERMINATE / 4] = reinterpret_cast<uintptr_t>(what);
  _Exit(134);
}

extern "C" [[noreturn]] void Reset_Handler() {
  for (uint32_t *src = &__data_load, *dst = &__data_start; dst < &__data_end;) *dst++ = *src++;
  for (uint32_t* dst = &__bss_start; dst < &__bss_end;) *dst++ = 0;
  std::set_terminate(report_terminate);
  __libc_init_array();
  exit(main());
}

extern "C" void Default_Handler() {
  uint32_t ipsr;
  __asm volatile("mrs %0, ipsr" : "=r"(ipsr));
  auto* simctl = reinterpret_cast<volatile uint32_t*>(board::kSimControlBase);
  simctl[board::simctl::UNHANDLED / 4] = ipsr & 0x1FF;
  for (;;) __asm volatile("wfi");
}
