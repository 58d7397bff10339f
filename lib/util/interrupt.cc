#include "util/interrupt.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <initializer_list>

namespace im {

namespace {

constexpr int kSlots = 64;
constexpr size_t kPathMax = 4096;

enum SlotState : int { kFree, kFilling, kUsed };

struct TempSlot {
  std::atomic<int> state{kFree};
  char path[kPathMax];
};

TempSlot temp_slots[kSlots];
std::atomic<pid_t> child_slots[kSlots];

void on_signal(int sig) {
  for (auto& slot : temp_slots) {
    if (slot.state.load() == kUsed) ::unlink(slot.path);
  }
  for (auto& child : child_slots) {
    const pid_t target = child.load();
    if (target != 0) ::kill(target, SIGKILL);
  }
  // Die of the same signal, as if there had been no handler.
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

}  // namespace

void install_interrupt_cleanup() {
  static std::atomic<bool> installed{false};
  if (installed.exchange(true)) return;
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old;
    // A signal the caller chose to ignore (nohup) stays ignored.
    if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    ::sigaction(sig, &sa, nullptr);
  }
}

ScopedTemporary::ScopedTemporary(const char* path) : slot_(-1) {
  if (std::strlen(path) >= kPathMax) return;
  for (int i = 0; i < kSlots; ++i) {
    int expected = kFree;
    // Claim the slot; the handler reads it only once the path is complete.
    if (!temp_slots[i].state.compare_exchange_strong(expected, kFilling)) continue;
    std::strcpy(temp_slots[i].path, path);
    temp_slots[i].state.store(kUsed);
    slot_ = i;
    return;
  }
}

ScopedTemporary::~ScopedTemporary() {
  if (slot_ < 0) return;
  temp_slots[slot_].state.store(kFree);
}

ScopedChild::ScopedChild(pid_t kill_target) : slot_(-1) {
  for (int i = 0; i < kSlots; ++i) {
    pid_t expected = 0;
    if (child_slots[i].compare_exchange_strong(expected, kill_target)) {
      slot_ = i;
      return;
    }
  }
}

ScopedChild::~ScopedChild() {
  if (slot_ >= 0) child_slots[slot_].store(0);
}

}  // namespace im
