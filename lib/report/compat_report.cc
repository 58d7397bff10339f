#include "report/compat_report.h"

#include <algorithm>
#include <map>
#include <set>

#include "emit/objects.h"
#include "report/features.h"
#include "rules/catalog.h"
#include "util/parallel_batches.h"

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
  // Building and reading each object is independent work, spread over the
  // cores; the features are gathered in print order.
  constexpr size_t kBatch = 1024;
  std::vector<std::pair<ObjectRef, std::vector<std::string>>> found(kBatch);
  // Gateways, ListenerSets and HTTPRoutes, nearly every object of a large
  // conversion, are read as planned; the rest are built, and so are
  // Gateways extending an input's (they keep fields only their built form
  // has).
  const size_t first_set = out.gateways.size();
  const size_t first_route = first_set + out.listener_sets.size();
  auto work = [&](size_t i, size_t slot) {
    if (i < first_set && out.gateways[i].existing.is_null()) {
      const GatewayIR& g = out.gateways[i];
      found[slot].second = gateway_features(g);
      found[slot].first = ObjectRef{"Gateway", g.ns, g.name, "", Location{}};
      return;
    }
    if (i >= first_set && i < first_route) {
      const ListenerSetIR& s = out.listener_sets[i - first_set];
      found[slot].second = listener_set_features(s);
      found[slot].first = ObjectRef{"ListenerSet", s.ns, s.name, "", Location{}};
      return;
    }
    if (i >= first_route && i - first_route < out.http_routes.size()) {
      const HTTPRouteIR& route = out.http_routes[i - first_route];
      found[slot].second = http_route_features(route);
      found[slot].first = ObjectRef{"HTTPRoute", route.ns, route.name, route.source_ingress, route.source};
      return;
    }
    const nlohmann::ordered_json obj = object_at(out, i);
    found[slot].second = detect_features(obj);
    if (found[slot].second.empty()) return;
    const ObjectSource source = object_source_at(out, i);
    found[slot].first = ObjectRef{obj["kind"].get<std::string>(), obj["metadata"].value("namespace", std::string()),
                                  obj["metadata"]["name"].get<std::string>(), *source.ingress, *source.where};
  };
  auto take = [&](size_t, size_t n) {
    for (size_t slot = 0; slot < n; ++slot) {
      for (const auto& f : found[slot].second) uses[f].push_back(found[slot].first);
    }
  };
  parallel_batches(object_count(out), kBatch, work, take);
  for (auto& [feature, objects] : uses) report.features.push_back(FeatureUsage{feature, std::move(objects)});

  std::vector<const ControllerSupport*> chosen = controllers;
  if (chosen.empty()) {
    for (const auto& c : known_controllers()) chosen.push_back(&c);
  }
  for (const ControllerSupport* c : chosen) {
    ControllerVerdict v;
    v.controller = c;
    for (const auto& usage : report.features) {
      const std::optional<bool> vendor = vendor_filter_support(c->name, usage.feature);
      Support s = vendor                                     ? (*vendor ? Support::Supported : Support::Unsupported)
                  : is_implementation_specific(usage.feature) ? Support::Unknown
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
