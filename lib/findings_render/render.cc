#include "findings_render/render.h"

#include <algorithm>
#include <cstdint>
#include <ostream>

namespace im {

const std::vector<std::string>& findings_format_names() {
  static const std::vector<std::string> names = {"text", "json", "sarif", "junit", "github"};
  return names;
}

std::optional<FindingsFormat> parse_findings_format(const std::string& name) {
  if (name == "text") return FindingsFormat::Text;
  if (name == "json") return FindingsFormat::Json;
  if (name == "sarif") return FindingsFormat::Sarif;
  if (name == "junit") return FindingsFormat::Junit;
  if (name == "github") return FindingsFormat::Github;
  return std::nullopt;
}

bool at_or_above(Severity s, Severity threshold) {
  // The enum runs from most to least severe.
  return static_cast<int>(s) <= static_cast<int>(threshold);
}

std::string render_findings(FindingsFormat format, const FindingsReport& report) {
  switch (format) {
    case FindingsFormat::Text:
      return render_text(report);
    case FindingsFormat::Json:
      return render_json(report);
    case FindingsFormat::Sarif:
      return render_sarif(report);
    case FindingsFormat::Junit:
      return render_junit(report);
    case FindingsFormat::Github:
      return render_github(report);
  }
  return render_text(report);
}

void write_findings(std::ostream& out, FindingsFormat format, const FindingsReport& report) {
  if (format == FindingsFormat::Text) return write_text(out, report);
  if (format == FindingsFormat::Json) return write_json(out, report);
  out << render_findings(format, report);
}

const ObjectSpan* object_at(const std::vector<ObjectSpan>& objects, const Location& where) {
  // Objects do not nest (List items are objects, the List is not), so the
  // only candidate is the last object that starts at or before `where`.
  Location line_end = where;
  line_end.col = UINT32_MAX;
  auto after = std::upper_bound(objects.begin(), objects.end(), line_end,
                                [](const Location& l, const ObjectSpan& o) { return l < o.location; });
  if (after == objects.begin()) return nullptr;
  const ObjectSpan& candidate = *std::prev(after);
  return candidate.contains(where) ? &candidate : nullptr;
}

}  // namespace im
