// JUnit XML for CI test reports (GitLab, Jenkins, CircleCI): one testsuite
// per input file, one testcase per object with the `file` attribute
// GitLab reads, and a <failure> per finding at or above --fail-on. Findings
// below it go to the testcase's <system-out>, so they are visible without
// failing the case. Findings outside any object (a file that does not
// parse) belong to a testcase named after the file.

#include <map>

#include <fmt/format.h>

#include "findings_render/render.h"
#include "lint/tables.h"

namespace im {

namespace {

// XML 1.0 forbids most control characters even as references; they can
// only come from user text, so they become U+FFFD.
std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;
      case '\t': out += "&#9;"; break;
      case '\r': out += "&#13;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += "\xEF\xBF\xBD";
        else out += c;
    }
  }
  return out;
}

struct Case {
  std::string name;
  std::vector<const Finding*> failures;
  std::vector<const Finding*> notes;
};

struct Suite {
  std::vector<Case> cases;
  /// Failed testcases (not findings: a case fails once however many it has).
  size_t failed() const {
    size_t n = 0;
    for (const Case& c : cases) n += c.failures.empty() ? 0 : 1;
    return n;
  }
};

void write_case(const std::string& file, const Case& c, std::string& out) {
  out += fmt::format("    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" time=\"0\"",
                     xml_escape(c.name), xml_escape(file), xml_escape(file));
  if (c.failures.empty() && c.notes.empty()) {
    out += "/>\n";
    return;
  }
  out += ">\n";
  for (const Finding* f : c.failures) {
    std::string detail = format_finding(*f);
    if (auto info = describe_rule(f->rule_id); info && !info->help.empty()) detail += "\n" + info->help;
    out += fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                       severity_name(f->severity), xml_escape(f->message + " [" + f->rule_id + "]"),
                       xml_escape(detail));
  }
  if (!c.notes.empty()) {
    std::string text;
    for (const Finding* f : c.notes) text += format_finding(*f) + "\n";
    out += "      <system-out>" + xml_escape(text) + "</system-out>\n";
  }
  out += "    </testcase>\n";
}

}  // namespace

std::string render_junit(const FindingsReport& report) {
  // std::map: suites in file order, whatever order objects were read in.
  std::map<std::string, Suite> suites;
  std::map<const ObjectSpan*, size_t> case_of;
  for (const ObjectSpan& o : report.objects) {
    Suite& s = suites[o.location.file()];
    case_of[&o] = s.cases.size();
    s.cases.push_back({o.label(), {}, {}});
  }
  for (const Finding& f : report.findings) {
    Suite& s = suites[f.location.file()];
    const ObjectSpan* o = object_at(report.objects, f.location);
    Case* c = nullptr;
    if (o) {
      c = &s.cases[case_of.at(o)];
    } else {
      std::string name = "(" + f.location.file() + ")";
      for (auto& existing : s.cases) {
        if (existing.name == name) c = &existing;
      }
      if (!c) c = &s.cases.emplace_back(Case{name, {}, {}});
    }
    (at_or_above(f.severity, report.fail_on) ? c->failures : c->notes).push_back(&f);
  }

  size_t tests = 0, failures = 0;
  for (const auto& [file, s] : suites) {
    tests += s.cases.size();
    failures += s.failed();
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"ingress-migrate {}\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n",
                     xml_escape(report.command), tests, failures);
  for (const auto& [file, s] : suites) {
    out += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\" time=\"0\">\n",
        xml_escape(file), s.cases.size(), s.failed());
    for (const Case& c : s.cases) write_case(file, c, out);
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace im
