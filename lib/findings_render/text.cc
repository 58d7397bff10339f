// The format people read: `file:line:col: severity: message [rule-id]`,
// then one summary line. Written line by line.

#include <fmt/format.h>

#include <ostream>
#include <sstream>

#include "findings_render/render.h"

namespace im {

void write_text(std::ostream& out, const FindingsReport& report) {
  size_t counts[3] = {0, 0, 0};
  for (const Finding& f : report.findings) {
    out << format_finding(f, report.color) << '\n';
    ++counts[static_cast<int>(f.severity)];
  }
  auto plural = [](size_t n, const char* word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  if (!report.summary) return;
  out << fmt::format("{} checked; {}, {}, {}\n", plural(report.objects.size(), "object"),
                     plural(counts[0], "error"), plural(counts[1], "warning"),
                     plural(counts[2], "info"));
}

std::string render_text(const FindingsReport& report) {
  std::ostringstream out;
  write_text(out, report);
  return out.str();
}

}  // namespace im
