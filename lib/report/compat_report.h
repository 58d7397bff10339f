#pragma once
// The compatibility report: for each Gateway API implementation, whether it
// supports every feature the converted objects use, judged from its newest
// conformance report.

#include <string>
#include <vector>

#include "convert/gateway_ir.h"
#include "report/controllers.h"

namespace im {

struct ObjectRef {
  std::string kind, ns, name;
  std::string source_ingress;  ///< "" for Gateways and ReferenceGrants
  Location source;
};

struct FeatureUsage {
  std::string feature;
  std::vector<ObjectRef> objects;
};

struct ControllerGap {
  std::string feature;
  Support support = Support::Unknown;
  const std::vector<ObjectRef>* objects = nullptr;
};

enum class Verdict3 { Ready, Gaps, NotSupported };
/// "ready", "works with gaps", "not supported".
const char* verdict3_name(Verdict3 v);

struct ControllerVerdict {
  const ControllerSupport* controller = nullptr;
  Verdict3 verdict = Verdict3::Ready;
  std::vector<ControllerGap> gaps;  ///< every feature not plainly supported
};

struct CompatReport {
  std::vector<FeatureUsage> features;  ///< sorted by feature name
  std::vector<ControllerVerdict> controllers;
};

/// Builds the report for `controllers` (all known ones when empty).
CompatReport build_compat_report(const ConversionOutput& out,
                                 const std::vector<const ControllerSupport*>& controllers);

enum class ReportFormat { Text, Markdown, Json };

std::string render_report(const CompatReport& report, ReportFormat format, bool color = false);

}  // namespace im
