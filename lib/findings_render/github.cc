// GitHub Actions workflow commands: one `::error file=…,line=…,col=…,
// title=…::message` line per finding, which GitHub turns into annotations
// on the pull request. Escaping follows the Actions runner
// (actions/toolkit, packages/core/src/command.ts): in the message "%",
// CR and LF become %25, %0D, %0A; property values also escape ":" and ","
// as %3A and %2C.

#include <fmt/format.h>

#include "findings_render/render.h"

namespace im {

namespace {

std::string escape_data(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string escape_property(const std::string& s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

// Workflow commands say "notice" for the lowest level.
const char* command(Severity s) {
  static const char* const commands[] = {"error", "warning", "notice"};  // in Severity order
  return commands[static_cast<int>(s)];
}

}  // namespace

std::string render_github(const FindingsReport& report) {
  std::string out;
  for (const Finding& f : report.findings) {
    std::string props = "file=" + escape_property(f.location.file());
    if (f.location.line > 0) props += fmt::format(",line={}", f.location.line);
    if (f.location.col > 0) props += fmt::format(",col={}", f.location.col);
    props += ",title=" + escape_property(f.rule_id);
    out += fmt::format("::{} {}::{}\n", command(f.severity), props,
                       escape_data(f.message + " [" + f.rule_id + "]"));
  }
  return out;
}

}  // namespace im
