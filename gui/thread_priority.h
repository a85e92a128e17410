// SPDX-License-Identifier: GPL-2.0-or-later
// Who gets the CPU first: the emulator. With software OpenGL (Mesa's llvmpipe under Xvfb, a VM
// without a GPU) rendering is CPU work on several threads, and on a machine with few cores it
// would otherwise take the emulator's time; with a GPU it changes nothing.
#pragma once
#include <sys/types.h>

namespace gui {

// This OS thread's id (Linux: gettid()).
pid_t current_thread_id();

// Lowers every thread of this process except `favoured` to nice `nice` (raising a thread's nice
// value needs no privilege): the window, its renderer's worker threads and anything else started so
// far. Returns how many threads it lowered; 0 where /proc/self/task cannot be read.
int favour_thread(pid_t favoured, int nice);

}  // namespace gui
