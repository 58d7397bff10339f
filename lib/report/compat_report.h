#pragma once
// The compatibility report: for each Gateway API implementation, whether it
// supports every feature the converted objects use, judged from its newest
// conformance report.

#include <deque>
#include <string>
#include <vector>

#include "convert/gateway_ir.h"
#include "diag/finding.h"
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

/// NotSupported: a used feature is unsupported. Incomplete: the conversion
/// reported errors, so the output lacks what those Ingresses and
/// annotations did, whatever the implementation supports.
enum class Verdict3 { Ready, Gaps, Incomplete, NotSupported };
/// "ready", "works with gaps", "not ready: conversion incomplete", "not supported".
const char* verdict3_name(Verdict3 v);

struct ConversionLoss;

struct ControllerVerdict {
  const ControllerSupport* controller = nullptr;
  Verdict3 verdict = Verdict3::Ready;
  std::vector<ControllerGap> gaps;  ///< every feature not plainly supported
  /// The output profile (rules/targets/) the verdict was made with: the
  /// conversion `convert --target-controller` makes for this implementation,
  /// whose loss is `own_loss`. "" = the standard conversion, CompatReport::loss.
  std::string profile;
  const ConversionLoss* own_loss = nullptr;
};

/// What the conversion could not carry over, from its findings.
struct ConversionLoss {
  size_t errors = 0;                     ///< error findings of the conversion
  size_t ingresses = 0;                  ///< Ingresses read
  size_t ingresses_not_converted = 0;    ///< Ingresses with no route at all
  size_t annotations_not_converted = 0;  ///< annotation findings at error level
  std::vector<Finding> error_findings;   ///< sorted, for pointing at them
};

/// Counts what `findings` (a conversion's) say was lost.
ConversionLoss conversion_loss(const Findings& findings, size_t ingresses, size_t converted_ingresses);

struct CompatReport {
  std::vector<FeatureUsage> features;  ///< sorted by feature name
  std::vector<ControllerVerdict> controllers;
  ConversionLoss loss;
  /// Storage of the verdicts made with a profile (add_profiled_verdict):
  /// their gaps and own_loss point here.
  std::deque<std::vector<FeatureUsage>> profiled_features;
  std::deque<ConversionLoss> profiled_losses;
};

/// Builds the report for `controllers` (all known ones when empty). With
/// `loss`, an implementation is never "ready" while the conversion has errors.
CompatReport build_compat_report(const ConversionOutput& out,
                                 const std::vector<const ControllerSupport*>& controllers,
                                 const ConversionLoss& loss = {});

/// Puts the verdict for `controller` made from `out`, the conversion with its
/// output profile `profile`, and that conversion's `loss`, in place of its
/// standard one in `report` (or at the end when it has none).
void add_profiled_verdict(CompatReport& report, const ControllerSupport* controller, const std::string& profile,
                          const ConversionOutput& out, const ConversionLoss& loss);

enum class ReportFormat { Text, Markdown, Json };

std::string render_report(const CompatReport& report, ReportFormat format, bool color = false);

}  // namespace im
