// SPDX-License-Identifier: GPL-2.0-or-later
#include "thread_priority.h"

#include <dirent.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdlib>

namespace gui {

pid_t current_thread_id() { return static_cast<pid_t>(syscall(SYS_gettid)); }

int favour_thread(pid_t favoured, int nice) {
  DIR* tasks = opendir("/proc/self/task");
  if (!tasks) return 0;
  int lowered = 0;
  while (dirent* entry = readdir(tasks)) {
    char* end = nullptr;
    long tid = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || tid == favoured) continue;
    // On Linux nice is per thread: PRIO_PROCESS with a thread id sets that thread's alone.
    if (setpriority(PRIO_PROCESS, static_cast<id_t>(tid), nice) == 0) ++lowered;
  }
  closedir(tasks);
  return lowered;
}

}  // namespace gui
