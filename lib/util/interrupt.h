#pragma once
// What an interrupted run must undo. SIGINT and SIGTERM would otherwise
// leave `.NAME.tmp-PID-N` files behind and a kubectl still running; the
// handler removes the registered temporaries, kills the registered processes
// or process groups and then dies of the same signal, so the shell sees the usual
// status. Registration is a fixed table the handler can read without
// allocating or locking (async-signal-safe).

#include <sys/types.h>

namespace im {

/// Installs the SIGINT/SIGTERM handler (once; later calls do nothing).
void install_interrupt_cleanup();

/// While alive, `path` is removed if the run is interrupted.
class ScopedTemporary {
 public:
  explicit ScopedTemporary(const char* path);
  ~ScopedTemporary();
  ScopedTemporary(const ScopedTemporary&) = delete;
  ScopedTemporary& operator=(const ScopedTemporary&) = delete;

 private:
  int slot_;
};

/// While alive, `kill_target` is killed if the run is interrupted: as kill()
/// reads it, a process id, or minus a process group id for the whole group.
class ScopedChild {
 public:
  explicit ScopedChild(pid_t kill_target);
  ~ScopedChild();
  ScopedChild(const ScopedChild&) = delete;
  ScopedChild& operator=(const ScopedChild&) = delete;

 private:
  int slot_;
};

}  // namespace im
