// Test fixture: each test case starts the POSIX port in virtual time at tick 0.
#pragma once
#include "asyncio/ports/posix.h"

struct VirtualTime {
  VirtualTime() {
    asyncio::port::posix::use_virtual_time(true);
    asyncio::port::posix::set_virtual_ticks(0);
  }
  ~VirtualTime() { asyncio::port::posix::use_virtual_time(false); }
};
