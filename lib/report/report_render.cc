// The compatibility report as text (an aligned table), Markdown (for a pull
// request comment) and JSON (docs/report.schema.json).

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/text.h"
#include "report/compat_report.h"

namespace im {

namespace {

constexpr size_t kObjectsShown = 5;  // per gap, in text and Markdown

std::string object_label(const ObjectRef& o) {
  std::string s = o.kind + " " + (o.ns.empty() ? o.name : o.ns + "/" + o.name);
  if (!o.source_ingress.empty()) s += fmt::format(" (Ingress {}, {})", o.source_ingress, o.source.str());
  return s;
}

std::string objects_label(const std::vector<ObjectRef>& objects) {
  std::string s;
  for (size_t i = 0; i < objects.size() && i < kObjectsShown; ++i) {
    s += (i ? "; " : "") + escape_control(object_label(objects[i]));
  }
  if (objects.size() > kObjectsShown) s += fmt::format("; and {} more", objects.size() - kObjectsShown);
  return s;
}

const char* color_of(Verdict3 v) {
  switch (v) {
    case Verdict3::Ready: return "\033[32m";
    case Verdict3::Gaps: return "\033[33m";
    case Verdict3::Incomplete: return "\033[31m";
    case Verdict3::NotSupported: return "\033[31m";
  }
  return "";
}

// The version the verdict rests on, marked when the report tested a
// pre-release build (the implementation published no released one), or when
// a newer pre-release report was passed over for this released one.
std::string version_label(const ControllerSupport& c) {
  if (is_prerelease(c)) return c.version + " (pre-release)";
  if (!c.newer_prerelease.empty()) return c.version + " (newest release)";
  return c.version;
}

constexpr size_t kLossShown = 5;  // error positions listed in text and Markdown

std::string plural(size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

/// "0 of 2 Ingresses not converted, 7 annotations not converted, 7 errors in all".
std::string loss_counts(const ConversionLoss& loss) {
  return fmt::format("{} of {} not converted, {} not converted, {} in all", loss.ingresses_not_converted,
                     plural(loss.ingresses, "Ingress", "Ingresses"),
                     plural(loss.annotations_not_converted, "annotation", "annotations"),
                     plural(loss.errors, "error", "errors"));
}

/// Whether some listed implementation is judged on the standard conversion.
bool any_standard(const CompatReport& r) {
  return std::any_of(r.controllers.begin(), r.controllers.end(),
                     [](const ControllerVerdict& c) { return c.profile.empty(); });
}

/// Whether the verdict was made with the implementation's own objects and
/// that conversion lost something else than the standard one: worth a line.
bool own_loss_differs(const CompatReport& r, const ControllerVerdict& c) {
  if (!c.own_loss) return false;
  // A report on this implementation alone shows its loss in full below.
  if (r.controllers.size() == 1) return false;
  // Without a standard verdict in the report, the standard loss is not shown.
  if (!any_standard(r)) return c.own_loss->errors > 0;
  return c.own_loss->errors != r.loss.errors ||
         c.own_loss->annotations_not_converted != r.loss.annotations_not_converted;
}

/// What an implementation judged with its own objects lost, on one line.
std::string own_loss_line(const ControllerVerdict& c) {
  const ConversionLoss& loss = *c.own_loss;
  std::string what = loss.errors == 0 ? "nothing lost" : "conversion incomplete: " + loss_counts(loss);
  if (!loss.error_findings.empty()) {
    const Finding& f = loss.error_findings.front();
    what += fmt::format(", the first at {} [{}]", escape_control(f.location.str()), f.rule_id);
  }
  return fmt::format("with its own objects (convert --target-controller {}): {}", c.profile, what);
}

/// "" when nothing was lost; else the lines saying what and where.
std::string loss_text(const CompatReport& r, const char* bullet) {
  const bool alone = r.controllers.size() == 1 && r.controllers.front().own_loss;
  const ConversionLoss& loss = alone ? *r.controllers.front().own_loss : r.loss;
  if (loss.errors == 0 || (!alone && !any_standard(r))) return "";
  const bool mixed = !alone && !std::all_of(r.controllers.begin(), r.controllers.end(),
                                            [](const ControllerVerdict& c) { return c.profile.empty(); });
  const std::string label = alone ? fmt::format(" (with {}'s own objects)", r.controllers.front().controller->name)
                            : mixed ? " (standard objects)"
                                    : "";
  std::string out = fmt::format("Conversion incomplete{}: {}; no {}implementation is ready until they are fixed or "
                                "handled by hand:\n",
                                label, loss_counts(loss), mixed ? "other " : "");
  for (size_t i = 0; i < loss.error_findings.size() && i < kLossShown; ++i) {
    const Finding& f = loss.error_findings[i];
    out += fmt::format("{}{} [{}]\n", bullet, escape_control(f.location.str()), f.rule_id);
  }
  if (loss.error_findings.size() > kLossShown) {
    out += fmt::format("{}and {} more: `ingress-migrate convert` with the same inputs lists them all\n",
                       bullet, loss.error_findings.size() - kLossShown);
  }
  return out;
}

std::string render_text(const CompatReport& r, bool color) {
  size_t name_w = 10, version_w = 7;
  for (const auto& c : r.controllers) {
    name_w = std::max(name_w, c.controller->name.size());
    version_w = std::max(version_w, version_label(*c.controller).size());
  }
  std::string out = fmt::format("{:<{}}  {:<{}}  {:<11}  {}\n", "CONTROLLER", name_w, "VERSION",
                                version_w, "GATEWAY API", "VERDICT");
  for (const auto& c : r.controllers) {
    std::string verdict = verdict3_name(c.verdict);
    if (color) verdict = color_of(c.verdict) + verdict + "\033[0m";
    out += fmt::format("{:<{}}  {:<{}}  {:<11}  {}\n", c.controller->name, name_w,
                       version_label(*c.controller), version_w, c.controller->gateway_api_version, verdict);
    for (const auto& g : c.gaps) {
      out += fmt::format("    {} {}: {}\n", g.feature, support_name(g.support), objects_label(*g.objects));
    }
    if (own_loss_differs(r, c)) out += "    " + own_loss_line(c) + "\n";
  }
  std::string used;
  for (const auto& f : r.features) {
    used += (used.empty() ? "" : ", ") + fmt::format("{} ({})", f.feature, f.objects.size());
  }
  out += fmt::format("\nFeatures used: {}\n", used.empty() ? "none" : used);
  std::string loss = loss_text(r, "    ");
  if (!loss.empty()) out += "\n" + loss + "\n";
  out += "Support is read from each implementation's newest released Gateway API conformance "
         "report (`ingress-migrate report --format json` names it; a report of an unreleased build "
         "only where no release was tested); partial = the report passed only part "
         "of the profile's core tests, so some core behaviour fails there; unknown = not in that "
         "report.\n";
  return out;
}

std::string render_markdown(const CompatReport& r) {
  std::string out = "## Gateway API compatibility\n\n| Controller | Version | Gateway API | Verdict |\n"
                    "|---|---|---|---|\n";
  for (const auto& c : r.controllers) {
    out += fmt::format("| {} | {} | {} | {} |\n", c.controller->name, version_label(*c.controller),
                       c.controller->gateway_api_version, verdict3_name(c.verdict));
  }
  std::string loss = loss_text(r, "- ");
  for (const auto& c : r.controllers) {
    if (own_loss_differs(r, c)) out += fmt::format("\n{}: {}\n", c.controller->name, own_loss_line(c));
  }
  if (!loss.empty()) out += "\n" + loss;
  for (const auto& c : r.controllers) {
    if (c.gaps.empty()) continue;
    out += fmt::format("\n### {}: {}\n\nFrom [its conformance report]({}).\n\n", c.controller->name,
                       verdict3_name(c.verdict), c.controller->report);
    for (const auto& g : c.gaps) {
      out += fmt::format("- `{}` ({}): {}\n", g.feature, support_name(g.support), objects_label(*g.objects));
    }
  }
  out += "\nFeatures used:";
  for (const auto& f : r.features) out += fmt::format(" `{}` ({})", f.feature, f.objects.size());
  out += "\n";
  return out;
}

nlohmann::ordered_json objects_json(const std::vector<ObjectRef>& objects) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& o : objects) {
    nlohmann::ordered_json j = {{"kind", o.kind}, {"namespace", o.ns}, {"name", o.name}};
    if (!o.source_ingress.empty()) {
      j["ingress"] = o.source_ingress;
      j["source"] = o.source.str();
    }
    list.push_back(j);
  }
  return list;
}

nlohmann::ordered_json conversion_json(const ConversionLoss& loss) {
  nlohmann::ordered_json not_converted = nlohmann::ordered_json::array();
  for (const Finding& f : loss.error_findings) {
    not_converted.push_back({{"file", f.location.file()},
                             {"line", f.location.line},
                             {"column", f.location.col},
                             {"ruleId", f.rule_id},
                             {"message", f.message}});
  }
  return {{"errors", loss.errors},
          {"ingresses", loss.ingresses},
          {"ingressesNotConverted", loss.ingresses_not_converted},
          {"annotationsNotConverted", loss.annotations_not_converted},
          {"errorFindings", not_converted}};
}

std::string render_json(const CompatReport& r) {
  nlohmann::ordered_json root;
  root["schemaVersion"] = 1;
  nlohmann::ordered_json features = nlohmann::ordered_json::array();
  for (const auto& f : r.features) features.push_back({{"name", f.feature}, {"objects", objects_json(f.objects)}});
  root["features"] = features;
  nlohmann::ordered_json controllers = nlohmann::ordered_json::array();
  for (const auto& c : r.controllers) {
    nlohmann::ordered_json gaps = nlohmann::ordered_json::array();
    for (const auto& g : c.gaps) {
      gaps.push_back({{"feature", g.feature}, {"support", support_name(g.support)}, {"objects", objects_json(*g.objects)}});
    }
    controllers.push_back({{"name", c.controller->name},
                           {"slug", c.controller->slug},
                           {"prerelease", is_prerelease(*c.controller)},
                           {"organization", c.controller->organization},
                           {"project", c.controller->project},
                           {"version", c.controller->version},
                           {"newerPrerelease", c.controller->newer_prerelease},
                           {"gatewayAPIVersion", c.controller->gateway_api_version},
                           {"channel", c.controller->channel},
                           {"report", c.controller->report},
                           {"verdict", verdict3_name(c.verdict)},
                           {"gaps", gaps}});
    if (c.own_loss) {
      controllers.back()["targetProfile"] = c.profile;
      controllers.back()["conversion"] = conversion_json(*c.own_loss);
    }
  }
  root["controllers"] = controllers;
  root["conversion"] = conversion_json(r.loss);
  return root.dump(2) + "\n";
}

}  // namespace

std::string render_report(const CompatReport& report, ReportFormat format, bool color) {
  switch (format) {
    case ReportFormat::Text: return render_text(report, color);
    case ReportFormat::Markdown: return render_markdown(report);
    case ReportFormat::Json: return render_json(report);
  }
  return "";
}

}  // namespace im
