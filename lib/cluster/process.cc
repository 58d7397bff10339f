#include "cluster/process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

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

bool make_pipe(Fd& read_end, Fd& write_end) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
  read_end.fd = fds[0];
  write_end.fd = fds[1];
  return true;
}

/// Reads both pipes until each reaches end of file.
void drain(Fd& out_fd, Fd& err_fd, ProcessResult& result) {
  char buf[65536];
  while (out_fd.fd >= 0 || err_fd.fd >= 0) {
    pollfd fds[2] = {{out_fd.fd, POLLIN, 0}, {err_fd.fd, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    Fd* pipes[2] = {&out_fd, &err_fd};
    std::string* sinks[2] = {&result.out, &result.err};
    for (int i = 0; i < 2; ++i) {
      if (pipes[i]->fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = ::read(pipes[i]->fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        pipes[i]->close_now();
      }
    }
  }
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv) {
  ProcessResult result;
  if (argv.empty()) {
    result.error = "no program to run";
    return result;
  }
  Fd out_read, out_write, err_read, err_write, status_read, status_write;
  // The status pipe carries errno from a failed execvp back to the parent;
  // O_CLOEXEC closes it on a successful exec, so an empty read means "ran".
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
    // Child: only async-signal-safe calls until exec.
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    ::dup2(out_write.fd, 1);
    ::dup2(err_write.fd, 2);
    ::execvp(args[0], args.data());
    int e = errno;
    ssize_t ignored = ::write(status_write.fd, &e, sizeof e);
    (void)ignored;
    ::_exit(127);
  }
  out_write.close_now();
  err_write.close_now();
  status_write.close_now();

  int exec_errno = 0;
  ssize_t n;
  do {
    n = ::read(status_read.fd, &exec_errno, sizeof exec_errno);
  } while (n < 0 && errno == EINTR);
  drain(out_read, err_read, result);

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
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
