#pragma once
// What every subcommand does the same way on a terminal: --color, -q and -v,
// and the progress line a long read shows on standard error.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>

namespace im::cli {

struct Io;

struct Manners {
  std::string color = "auto";  ///< --color: auto, always or never
  bool quiet = false;          ///< -q: errors only on standard error, no summary, no progress
  bool verbose = false;        ///< -v: also say what was read, and how fast
};

/// Adds --color, -q/--quiet and -v/--verbose to `sub`; its own subcommands
/// (rules list) accept them too.
void add_manner_flags(CLI::App& sub, Manners& manners);

/// Whether to colour what goes to a stream: --color always/never decide;
/// auto colours a terminal unless NO_COLOR is set (https://no-color.org) or
/// TERM is dumb.
bool use_color(const Manners& manners, bool stream_is_tty);

/// What a long run is doing, on one line of standard error: documents read
/// and their rate, then the step after reading ("converting") and the
/// objects written. Shown only
/// when standard error is a terminal (never in pipes or files), not with -q
/// or TERM=dumb, and only once the run has taken about a second; redrawn
/// ten times a second by a thread of its own, so a long step after the
/// reading still moves, and erased before anything else is printed. With
/// -v a summary line stays afterwards.
class ProgressLine {
 public:
  ProgressLine(Io& io, const Manners& manners, std::string program);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void document_read() { documents_.fetch_add(1, std::memory_order_relaxed); }
  void object_written() { objects_.fetch_add(1, std::memory_order_relaxed); }
  void step(const std::string& what);
  /// Stops the redrawing and erases the line; with -v prints the summary.
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  void redraw_until_finished();
  double rate(Clock::time_point now) const;

  Io& io_;
  std::string program_;
  bool verbose_;
  long delay_ms_;
  std::atomic<size_t> documents_{0};
  std::atomic<size_t> objects_{0};
  std::mutex mutex_;  // guards step_, finished_ and the stream while drawing
  std::condition_variable wake_;
  std::string step_;
  bool finished_ = false;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point reading_ended_{};  ///< at the first step: the rate stays the reading's
  std::thread drawer_;
};

}  // namespace im::cli
