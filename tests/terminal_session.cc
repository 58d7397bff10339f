#include "terminal_session.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace im::testing {

namespace {

long now_ms() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

}  // namespace

TerminalRun run_on_terminal(const std::vector<std::string>& argv, const TerminalOptions& options) {
  TerminalRun run;
  // posix_openpt and friends rather than forkpty(): POSIX, and no -lutil.
  const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0 || ::grantpt(master) != 0 || ::unlockpt(master) != 0) return run;
  const std::string slave_name = ::ptsname(master);
  int out_pipe[2];
  if (::pipe(out_pipe) != 0) return run;

  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<char*> env;
  for (const auto& e : options.env) env.push_back(const_cast<char*>(e.c_str()));
  env.push_back(nullptr);

  const pid_t pid = ::fork();
  if (pid == 0) {
    // A new session whose controlling terminal is the slave side.
    ::setsid();
    const int slave = ::open(slave_name.c_str(), O_RDWR);
    if (slave < 0) ::_exit(126);
    ::dup2(slave, 0);
    ::dup2(options.stdout_on_terminal ? slave : out_pipe[1], 1);
    ::dup2(slave, 2);
    ::close(master);
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    ::execve(args[0], args.data(), env.data());
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  // The test keeps the slave side open too, so the master never reports a
  // hang-up before the child has opened it; the run ends when the child has
  // exited and what it wrote has been read.
  const int slave_held = ::open(slave_name.c_str(), O_RDWR | O_NOCTTY);
  const long deadline = now_ms() + options.timeout_ms;
  size_t next_reply = 0;
  bool out_open = true, exited = false;
  int status = 0;
  char buf[4096];
  while (now_ms() < deadline) {
    if (!exited) exited = ::waitpid(pid, &status, WNOHANG) == pid;
    pollfd fds[2] = {{master, POLLIN, 0}, {out_open ? out_pipe[0] : -1, POLLIN, 0}};
    const int ready = ::poll(fds, 2, exited ? 0 : 50);
    if (ready == 0 && exited && !out_open) break;
    if (ready < 0) continue;
    if (fds[0].revents & POLLIN) {
      const ssize_t n = ::read(master, buf, sizeof buf);
      if (n > 0) run.terminal.append(buf, static_cast<size_t>(n));
    }
    if (fds[1].revents) {
      const ssize_t n = ::read(out_pipe[0], buf, sizeof buf);
      if (n <= 0) {
        out_open = false;
      } else {
        run.out.append(buf, static_cast<size_t>(n));
      }
    }
    if (next_reply < options.replies.size() &&
        run.terminal.find(options.replies[next_reply].first) != std::string::npos) {
      const std::string& reply = options.replies[next_reply++].second;
      if (::write(master, reply.data(), reply.size()) < 0) break;
    }
  }
  if (!exited) {
    run.timed_out = true;
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  }
  if (slave_held >= 0) ::close(slave_held);
  ::close(master);
  ::close(out_pipe[0]);
  run.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

}  // namespace im::testing
