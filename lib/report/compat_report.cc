#include "report/compat_report.h"

#include <algorithm>
#include <map>
#include <set>

#include "emit/objects.h"
#include "report/features.h"
#include "rules/catalog.h"

namespace im {

const char* verdict3_name(Verdict3 v) {
  switch (v) {
    case Verdict3::Ready: return "ready";
    case Verdict3::Gaps: return "works with gaps";
    case Verdict3::Incomplete: return "not ready: conversion incomplete";
    case Verdict3::NotSupported: return "not supported";
  }
  return "not supported";
}

namespace {

bool is_implementation_specific(const std::string& f) {
  const auto& names = implementation_specific_features();
  return std::find(names.begin(), names.end(), f) != names.end();
}

}  // namespace

ConversionLoss conversion_loss(const Findings& findings, size_t ingresses, size_t converted_ingresses) {
  ConversionLoss loss;
  loss.ingresses = ingresses;
  loss.ingresses_not_converted = ingresses - std::min(ingresses, converted_ingresses);
  std::set<std::string> annotation_ids;
  for (const auto& r : Catalog::builtin().rules()) annotation_ids.insert(r.id);
  for (const Finding& f : findings.items()) {
    if (f.severity != Severity::Error) continue;
    ++loss.errors;
    if (annotation_ids.count(f.rule_id)) ++loss.annotations_not_converted;
    loss.error_findings.push_back(f);
  }
  return loss;
}

CompatReport build_compat_report(const ConversionOutput& out,
                                 const std::vector<const ControllerSupport*>& controllers,
                                 const ConversionLoss& loss) {
  CompatReport report;
  report.loss = loss;
  std::map<std::string, std::vector<ObjectRef>> uses;
  for_each_object_with_source(out, [&](const nlohmann::ordered_json& obj, const std::string& ingress,
                                       const Location& where) {
    ObjectRef ref{obj["kind"].get<std::string>(),
                  obj["metadata"].value("namespace", std::string()),
                  obj["metadata"]["name"].get<std::string>(), ingress, where};
    for (const auto& f : detect_features(obj)) uses[f].push_back(ref);
  });
  for (auto& [feature, objects] : uses) report.features.push_back(FeatureUsage{feature, std::move(objects)});

  std::vector<const ControllerSupport*> chosen = controllers;
  if (chosen.empty()) {
    for (const auto& c : known_controllers()) chosen.push_back(&c);
  }
  for (const ControllerSupport* c : chosen) {
    ControllerVerdict v;
    v.controller = c;
    for (const auto& usage : report.features) {
      Support s = is_implementation_specific(usage.feature) ? Support::Unknown
                                                            : support_for(*c, usage.feature);
      if (s == Support::Supported) continue;
      v.gaps.push_back(ControllerGap{usage.feature, s, &usage.objects});
      if (s == Support::Unsupported) {
        v.verdict = Verdict3::NotSupported;
      } else if (v.verdict == Verdict3::Ready) {
        v.verdict = Verdict3::Gaps;
      }
    }
    // What the conversion dropped is missing on every implementation.
    if (loss.errors > 0 && v.verdict != Verdict3::NotSupported) v.verdict = Verdict3::Incomplete;
    report.controllers.push_back(std::move(v));
  }
  return report;
}

void add_profiled_verdict(CompatReport& report, const ControllerSupport* controller, const std::string& profile,
                          const ConversionOutput& out, const ConversionLoss& loss) {
  CompatReport own = build_compat_report(out, {controller}, loss);
  report.profiled_losses.push_back(loss);
  // Moving the vector keeps its elements where they are, so the gaps'
  // pointers into it stay valid.
  report.profiled_features.push_back(std::move(own.features));
  ControllerVerdict verdict = std::move(own.controllers.front());
  verdict.profile = profile;
  verdict.own_loss = &report.profiled_losses.back();
  auto it = std::find_if(report.controllers.begin(), report.controllers.end(),
                         [&](const ControllerVerdict& c) { return c.controller == controller; });
  if (it != report.controllers.end()) {
    *it = std::move(verdict);
  } else {
    report.controllers.push_back(std::move(verdict));
  }
  // A report on this implementation alone lists the features its own
  // conversion uses.
  if (report.controllers.size() == 1) report.features = report.profiled_features.back();
}

}  // namespace im
