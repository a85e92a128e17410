// SPDX-License-Identifier: GPL-2.0-or-later
// Shared by the fault-handler test firmware: read the fault status registers and report them.
#pragma once
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nvic_access.h"

inline void report_fault_status(const char* handler) {
  printf("%s: CFSR 0x%08lX HFSR 0x%08lX BFAR 0x%08lX\n", handler, static_cast<unsigned long>(scs(board::scs::CFSR)),
         static_cast<unsigned long>(scs(board::scs::HFSR)), static_cast<unsigned long>(scs(board::scs::BFAR)));
  fflush(stdout);
}
