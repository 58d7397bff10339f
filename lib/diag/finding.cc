#include "diag/finding.h"

#include <algorithm>
#include <tuple>

#include "util/text.h"

namespace im {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
  }
  return "info";
}

std::string format_finding(const Finding& f, bool color) {
  // One finding, one line, whatever the input's paths and values hold.
  std::string out = escape_control(f.location.str());
  out += ": ";
  if (color) {
    // Bold red, yellow, cyan: the colours compilers use for the same words.
    out += f.severity == Severity::Error ? "\033[1;31m" : f.severity == Severity::Warning ? "\033[33m" : "\033[36m";
    out += severity_name(f.severity);
    out += "\033[0m";
  } else {
    out += severity_name(f.severity);
  }
  out += ": ";
  out += escape_control(f.message);
  if (!f.rule_id.empty()) out += " [" + f.rule_id + "]";
  return out;
}

void Findings::add(Severity s, Location loc, std::string message, std::string rule_id) {
  items_.push_back(Finding{s, std::move(loc), std::move(message), std::move(rule_id), {}});
}

void Findings::append(const Findings& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

size_t Findings::count(Severity s) const {
  return static_cast<size_t>(std::count_if(items_.begin(), items_.end(),
                                           [s](const Finding& f) { return f.severity == s; }));
}

void Findings::sort_and_dedupe() {
  auto key = [](const Finding& f) {
    return std::make_tuple(std::cref(f.location.file()), f.location.line, f.location.col,
                           static_cast<int>(f.severity), std::cref(f.message), std::cref(f.rule_id));
  };
  std::stable_sort(items_.begin(), items_.end(),
                   [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
  items_.erase(std::unique(items_.begin(), items_.end(),
                           [&](const Finding& a, const Finding& b) { return key(a) == key(b); }),
               items_.end());
}

}  // namespace im
