#include "cluster/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "util/interrupt.h"

namespace im {

namespace {

/// Closes a descriptor once, when it goes out of scope.
struct Fd {
  int fd = -1;
  ~Fd() { close_now(); }
  void close_now() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

// pipe() and fcntl() rather than pipe2(), which is not POSIX (macOS lacks it).
bool make_pipe(Fd& read_end, Fd& write_end) {
  int fds[2];
  if (::pipe(fds) != 0) return false;
  read_end.fd = fds[0];
  write_end.fd = fds[1];
  return ::fcntl(fds[0], F_SETFD, FD_CLOEXEC) == 0 && ::fcntl(fds[1], F_SETFD, FD_CLOEXEC) == 0;
}

long now_ms() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/// Appends to the kept tail of standard error, dropping its beginning.
void keep_tail(std::string& tail, const char* data, size_t n, size_t max, bool& truncated) {
  tail.append(data, n);
  if (tail.size() > max) {
    tail.erase(0, tail.size() - max);
    truncated = true;
  }
}

void write_all(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    data += n;
    size -= static_cast<size_t>(n);
  }
}

/// Reads both pipes until the process has exited and they are empty, or a
/// limit is hit. Returns true when the process was waited for (status set).
bool drain(pid_t pid, Fd& out_fd, Fd& err_fd, const ProcessOptions& limits, ProcessResult& result, int& status) {
  const int echo_err_fd = limits.share_terminal ? 2 : -1;
  char buf[65536];
  const long deadline = limits.timeout_ms > 0 ? now_ms() + limits.timeout_ms : 0;
  bool exited = false;
  for (;;) {
    if (!exited) {
      const pid_t w = ::waitpid(pid, &status, WNOHANG);
      exited = w == pid;
    }
    if (out_fd.fd < 0 && err_fd.fd < 0) {
      if (exited) return true;
    }
    // After the exit only what is already in the pipes is read: a child
    // left behind may keep them open forever.
    int wait_ms = exited ? 0 : 50;
    if (deadline != 0 && !exited) wait_ms = static_cast<int>(std::max(0L, std::min<long>(wait_ms, deadline - now_ms())));
    pollfd fds[2] = {{out_fd.fd, POLLIN, 0}, {err_fd.fd, POLLIN, 0}};
    const int ready = ::poll(fds, 2, wait_ms);
    if (ready < 0 && errno != EINTR) return exited;
    if (ready == 0 && exited) return true;
    Fd* pipes[2] = {&out_fd, &err_fd};
    for (int i = 0; ready > 0 && i < 2; ++i) {
      if (pipes[i]->fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = ::read(pipes[i]->fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        pipes[i]->close_now();
      } else if (i == 1) {
        if (echo_err_fd >= 0) write_all(echo_err_fd, buf, static_cast<size_t>(n));
        keep_tail(result.err, buf, static_cast<size_t>(n), limits.max_err_tail_bytes, result.err_truncated);
      } else {
        const size_t room = limits.max_out_bytes + 1 - result.out.size();
        result.out.append(buf, std::min(room, static_cast<size_t>(n)));
        if (result.out.size() > limits.max_out_bytes) {
          result.out_over_limit = true;
          return exited;
        }
      }
    }
    if (deadline != 0 && !exited && now_ms() >= deadline) {
      result.timed_out = true;
      return false;
    }
  }
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  ProcessResult result;
  if (argv.empty()) {
    result.error = "no program to run";
    return result;
  }
  Fd out_read, out_write, err_read, err_write, status_read, status_write;
  // The status pipe carries errno from a failed execvp back to the parent;
  // FD_CLOEXEC closes it on a successful exec, so an empty read means "ran".
  if (!make_pipe(out_read, out_write) || !make_pipe(err_read, err_write) ||
      !make_pipe(status_read, status_write)) {
    result.error = std::string("pipe: ") + std::strerror(errno);
    return result;
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  pid_t pid = ::fork();
  if (pid < 0) {
    result.error = std::string("fork: ") + std::strerror(errno);
    return result;
  }
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec. Its own process
    // group, so that a timeout kills whatever it starts too.
    if (!options.share_terminal) {
      ::setpgid(0, 0);
      int devnull = ::open("/dev/null", O_RDONLY);
      if (devnull >= 0) ::dup2(devnull, 0);
    }
    ::dup2(out_write.fd, 1);
    ::dup2(err_write.fd, 2);
    ::execvp(args[0], args.data());
    int e = errno;
    ssize_t ignored = ::write(status_write.fd, &e, sizeof e);
    (void)ignored;
    ::_exit(127);
  }
  // kill() addresses the program's own group, or the program alone when it
  // shares ours.
  const pid_t kill_target = options.share_terminal ? pid : -pid;
  if (!options.share_terminal) ::setpgid(pid, pid);  // also here: whichever runs first, the group exists
  const ScopedChild interrupt_cleanup(kill_target);
  out_write.close_now();
  err_write.close_now();
  status_write.close_now();

  int exec_errno = 0;
  ssize_t n;
  do {
    n = ::read(status_read.fd, &exec_errno, sizeof exec_errno);
  } while (n < 0 && errno == EINTR);

  int status = 0;
  const bool waited = drain(pid, out_read, err_read, options, result, status);
  // Whatever it started goes with it; a stray child must not outlive us
  // holding the cluster's credentials or our pipes.
  ::kill(kill_target, SIGKILL);
  if (!waited) {
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  if (n == static_cast<ssize_t>(sizeof exec_errno)) {
    result.error = argv[0] + ": " + std::strerror(exec_errno);
    return result;
  }
  result.started = true;
  result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace im
