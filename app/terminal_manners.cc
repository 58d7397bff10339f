#include "terminal_manners.h"

#include <cstdlib>
#include <ostream>

#include <fmt/format.h>

#include "cli.h"

namespace im::cli {

namespace {

bool env_set(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0';
}

bool dumb_terminal() {
  const char* term = std::getenv("TERM");
  return term != nullptr && std::string(term) == "dumb";
}

}  // namespace

void add_manner_flags(CLI::App& sub, Manners& manners) {
  const std::string group = "Output";
  sub.add_option("--color", manners.color,
                 "Colour severities and verdicts; auto: on a terminal, unless NO_COLOR is set or TERM=dumb")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN")
      ->capture_default_str()
      ->group(group);
  sub.add_flag("-q,--quiet", manners.quiet, "Print only errors: no warnings, infos, summary or progress")
      ->group(group);
  sub.add_flag("-v,--verbose", manners.verbose, "Also print what was read and how fast")->group(group);
  for (CLI::App* child : sub.get_subcommands([](const CLI::App*) { return true; })) child->fallthrough();
}

bool use_color(const Manners& manners, bool stream_is_tty) {
  if (manners.color == "always") return true;
  if (manners.color == "never") return false;
  return stream_is_tty && !env_set("NO_COLOR") && !dumb_terminal();
}

ProgressLine::ProgressLine(Io& io, const Manners& manners, std::string program)
    : io_(io),
      program_(std::move(program)),
      verbose_(manners.verbose && !manners.quiet),
      delay_ms_(1000),
      start_(Clock::now()) {
  // Tests shorten the wait so that a small input shows the line.
  if (const char* delay = std::getenv("IM_PROGRESS_DELAY_MS")) delay_ms_ = std::atol(delay);
  // \r and erase-line need a real terminal; TERM=dumb has no erase.
  const bool live = io.err_is_tty && !manners.quiet && !dumb_terminal();
  if (live) drawer_ = std::thread([this] { redraw_until_finished(); });
}

ProgressLine::~ProgressLine() { finish(); }

double ProgressLine::rate(Clock::time_point now) const {
  const double seconds = std::chrono::duration<double>(now - start_).count();
  return seconds > 0 ? static_cast<double>(documents_.load()) / seconds : 0;
}

void ProgressLine::step(const std::string& what) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (step_.empty()) reading_ended_ = Clock::now();
  step_ = what;
}

void ProgressLine::redraw_until_finished() {
  std::unique_lock<std::mutex> lock(mutex_);
  wake_.wait_for(lock, std::chrono::milliseconds(delay_ms_), [this] { return finished_; });
  while (!finished_) {
    // Nothing read yet: kubectl may still be asking for a login on this
    // terminal, and the line would erase its prompt.
    const size_t documents = documents_.load();
    if (documents > 0) {
      const auto now = step_.empty() ? Clock::now() : reading_ended_;
      const size_t objects = objects_.load();
      const std::string doing = objects > 0 ? fmt::format("wrote {} object{}", objects, objects == 1 ? "" : "s")
                                            : step_;
      io_.err << fmt::format("\r\033[K{}: read {} document{} ({:.0f}/s){}", program_, documents,
                             documents == 1 ? "" : "s", rate(now), doing.empty() ? "" : "; " + doing)
              << std::flush;
      drawn_ = true;
    }
    wake_.wait_for(lock, std::chrono::milliseconds(100), [this] { return finished_; });
  }
  if (drawn_) io_.err << "\r\033[K" << std::flush;
}

void ProgressLine::finish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (finished_) return;
    finished_ = true;
  }
  wake_.notify_all();
  if (drawer_.joinable()) drawer_.join();
  if (verbose_) {
    const auto now = Clock::now();
    const size_t documents = documents_.load();
    io_.err << fmt::format("{}: read {} document{} in {:.2f} s ({:.0f}/s)\n", program_, documents,
                           documents == 1 ? "" : "s", std::chrono::duration<double>(now - start_).count(),
                           rate(now));
  }
}

}  // namespace im::cli
