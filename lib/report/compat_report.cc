#include "report/compat_report.h"

#include <algorithm>
#include <map>

#include "emit/objects.h"
#include "report/features.h"

namespace im {

const char* verdict3_name(Verdict3 v) {
  switch (v) {
    case Verdict3::Ready: return "ready";
    case Verdict3::Gaps: return "works with gaps";
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

CompatReport build_compat_report(const ConversionOutput& out,
                                 const std::vector<const ControllerSupport*>& controllers) {
  CompatReport report;
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
    report.controllers.push_back(std::move(v));
  }
  return report;
}

}  // namespace im
