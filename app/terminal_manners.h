#pragma once
// What every subcommand does the same way on a terminal: --color, -q and -v,
// and the progress line a long read shows on standard error.

#include <chrono>
#include <string>

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

/// "documents read" shown on standard error while a long read runs: only
/// when it is a terminal (never in pipes or files), not with -q, and only
/// once the work has taken longer than about a second, redrawn at most ten
/// times a second and erased when the read ends. With -v a summary line
/// stays afterwards.
class ProgressLine {
 public:
  ProgressLine(Io& io, const Manners& manners, std::string program);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void document_read();
  /// Erases the line; with -v prints the summary.
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  void draw(Clock::time_point now);
  double rate(Clock::time_point now) const;

  Io& io_;
  std::string program_;
  bool live_;
  bool verbose_;
  long delay_ms_;
  size_t documents_ = 0;
  bool drawn_ = false;
  bool finished_ = false;
  Clock::time_point start_;
  Clock::time_point last_draw_;
};

}  // namespace im::cli
