// SPDX-License-Identifier: GPL-2.0-or-later
// The default exception handler (statement 9): the message, the task and the exception, on stderr
// -- nothing on stdout. Ported from micropython/default_handler.py: MicroPython's unix port prints
// "end" on stdout (default_handler.exp) and on stderr (default_handler.stderr.exp)
//   Task exception wasn't retrieved
//   future: <Task> coro= <generator object 'fail' at ...>
//   Traceback (most recent call last):
//     ...
//   ValueError: boom
// Ours names the task where MicroPython names its coroutine, and has no traceback: the last line
// ends with the exception's message as MicroPython's does. On the host the streams are captured;
// on the board stderr is the console, as stdout (board/syscalls.cpp), and the lines go there.
#include <stdexcept>
#include <string>

#include "asyncio/asyncio.h"
#include "portable_test.h"

#if ASYNCIO_TEST_HOST
#include <unistd.h>

#include <cstdio>
#endif

using asyncio::Coro;

namespace {
Coro<> fail() {
  throw std::runtime_error("boom");
  co_return;
}

Coro<> main_task(std::string& out) {
  asyncio::create_task(fail(), "fail");
  co_await asyncio::sleep_ms(0);
  co_await asyncio::sleep_ms(0);
  out += "end\n";
  std::fputs("end\n", stdout);
}

#if ASYNCIO_TEST_HOST
// Sends file descriptor `fd` to a temporary file until read_back().
class Capture {
 public:
  explicit Capture(int fd) : fd_(fd), file_(std::tmpfile()) {
    std::fflush(nullptr);
    saved_ = dup(fd_);
    dup2(fileno(file_), fd_);
  }
  std::string read_back() {
    std::fflush(nullptr);
    dup2(saved_, fd_);
    close(saved_);
    std::string text;
    std::rewind(file_);
    for (int c; (c = std::fgetc(file_)) != EOF;) text.push_back(static_cast<char>(c));
    std::fclose(file_);
    return text;
  }

 private:
  int fd_;
  int saved_;
  std::FILE* file_;
};
#endif
}  // namespace

TEST_CASE("the default exception handler writes to stderr, not stdout (9, default_handler.py)") {
  asyncio_test::Start start;
  REQUIRE(asyncio::get_event_loop().get_exception_handler() == nullptr);
  std::string out;
#if ASYNCIO_TEST_HOST
  Capture stdout_capture(1), stderr_capture(2);
  asyncio::run(main_task(out));
  std::string err = stderr_capture.read_back();
  std::string printed = stdout_capture.read_back();
  CHECK(printed == "end\n");
  CHECK(err.rfind("Task exception wasn't retrieved\nfuture: <Task", 0) == 0);
  CHECK(err.size() >= 7);
  CHECK(err.substr(err.size() - 7) == ": boom\n");
  CHECK(err.find("fail") != std::string::npos);  // the task is named
#else
  asyncio::run(main_task(out));  // the three lines on the console, then "end"
  CHECK(out == "end\n");
#endif
}
