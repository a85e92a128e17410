// SPDX-License-Identifier: GPL-2.0-or-later
#include "parallel_runs.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <string.h>
#include <map>
#include <optional>

extern char** environ;

namespace sim::cli {

namespace {

struct Child {
  size_t index;
  pid_t pid;
  int fd;  // the read end of its stdout+stderr pipe
  std::string text;
  std::chrono::steady_clock::time_point started;
};

std::optional<Child> start(const std::string& program, const std::vector<std::string>& args, size_t index) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return std::nullopt;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  int err = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (err != 0) {
    close(pipe_fds[0]);
    return std::nullopt;
  }
  return Child{index, pid, pipe_fds[0], {}, std::chrono::steady_clock::now()};
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace

void run_in_parallel(const std::string& program, const std::vector<std::string>& files, int jobs,
                     const std::function<std::vector<std::string>(const std::string&)>& args,
                     const std::function<void(size_t, const ChildRun&)>& done) {
  std::vector<Child> running;
  std::map<size_t, ChildRun> finished;  // waiting for an earlier file to finish
  size_t next_to_start = 0, next_to_report = 0;
  auto report_ready = [&] {
    for (auto it = finished.find(next_to_report); it != finished.end(); it = finished.find(next_to_report)) {
      done(next_to_report, it->second);
      finished.erase(it);
      ++next_to_report;
    }
  };
  while (next_to_report < files.size()) {
    while (static_cast<int>(running.size()) < jobs && next_to_start < files.size()) {
      size_t i = next_to_start++;
      if (std::optional<Child> c = start(program, args(files[i]), i)) {
        running.push_back(std::move(*c));
      } else {
        finished[i] = ChildRun{{"asyncboard run: cannot start a process for " + files[i]}, 2, 0};
      }
    }
    report_ready();
    if (running.empty()) continue;
    std::vector<pollfd> fds;
    for (const Child& c : running) fds.push_back({c.fd, POLLIN, 0});
    if (poll(fds.data(), fds.size(), -1) < 0) {
      int err = errno;
      if (err == EINTR) continue;
      // Cannot wait on the children any more: stop them, and say so in each one's output.
      for (Child& c : running) {
        kill(c.pid, SIGKILL);
        waitpid(c.pid, nullptr, 0);
        close(c.fd);
        ChildRun run{split_lines(c.text), 2, 0};
        run.lines.push_back(std::string("asyncboard run: lost track of the process for ") + files[c.index] + ": " +
                            strerror(err));
        finished[c.index] = std::move(run);
      }
      running.clear();
      continue;
    }
    for (size_t k = running.size(); k-- > 0;) {
      if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      Child& c = running[k];
      char buffer[4096];
      ssize_t n = read(c.fd, buffer, sizeof buffer);
      if (n > 0) {
        c.text.append(buffer, static_cast<size_t>(n));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      close(c.fd);  // end of its output: collect its status
      int wstatus = 0;
      waitpid(c.pid, &wstatus, 0);
      ChildRun run{split_lines(c.text), WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 2,
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - c.started).count()};
      if (WIFSIGNALED(wstatus))
        run.lines.push_back("asyncboard run: the process for " + files[c.index] + " ended by signal " +
                            std::to_string(WTERMSIG(wstatus)) + " (" + strsignal(WTERMSIG(wstatus)) + ")");
      finished[c.index] = std::move(run);
      running.erase(running.begin() + static_cast<long>(k));
    }
  }
}

}  // namespace sim::cli
