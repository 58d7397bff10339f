#pragma once
// The whole `convert` pipeline: read, convert, validate, render.

#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cluster/kubectl.h"
#include "convert/converter.h"
#include "driver/load.h"
#include "emit/output_files.h"
#include "util/spool.h"
#include "targets/target_actions.h"

namespace im {

struct ConvertRequest {
  std::vector<std::string> inputs;      ///< -f values
  std::vector<std::string> exclude;     ///< --exclude globs (gitignore syntax)
  std::optional<ClusterQuery> cluster;  ///< --from-cluster: read with kubectl instead of inputs
  std::vector<std::string> rules_dirs;  ///< --rules
  ParseLimits limits;
  ConvertOptions options;
  /// -n/--namespace without --from-cluster: the namespace of objects whose
  /// metadata.namespace is unset, as `kubectl apply -n` would place them.
  std::string default_namespace = "default";
  /// --nginx-config FILE: the ingress-nginx controller ConfigMap.
  std::string nginx_config_file;
  /// With --from-cluster and no file: the ConfigMap read from the cluster.
  std::string nginx_config_map = "ingress-nginx/ingress-nginx-controller";
  /// --target-controller: also write that implementation's objects when it
  /// has an output profile (rules/targets/); "" = standard objects only.
  std::string target;
  TargetOptions target_options;
  /// Called with every parsed document before it is read into the model
  /// (lint and --in-place-stream index objects this way without parsing twice).
  DocumentObserver on_document;
  /// What on_document needs (load.h): the less, the faster the read.
  ObserverNeeds on_document_needs = ObserverNeeds::Stream;
  /// Told when the run moves on from reading ("converting", "checking 120
  /// objects"), for a progress line; may be empty.
  std::function<void(const std::string& step)> on_step;
  /// Set by `convert` printing to standard output: the objects are also
  /// rendered in this format in the pass that checks them against the CRDs
  /// (each object is built once), into ConvertOutcome::printed.
  std::optional<OutputFormat> render_as;
  /// Told once per object rendered (render_as), for a progress line.
  std::function<void()> on_object_rendered;
};

struct ConvertOutcome {
  LoadResult load;
  NginxControllerConfig nginx_config;  ///< the settings the conversion used
  /// What reading the inputs (and the controller ConfigMap) reported, before
  /// the conversion's own findings: `report` converts again for each
  /// implementation with an output profile and starts from these.
  Findings load_findings;
  ConversionResult conversion;
  /// Whether `conversion` differs from what convert_for_target made: an
  /// invalid existing Gateway was set aside after converting.
  bool changed_after_conversion = false;
  /// Emitted objects the API server would reject: a bug in the tool.
  std::vector<std::string> invalid_objects;
  /// With ConvertRequest::render_as: every object rendered, the stream
  /// complete (a JSON List closed), to be copied out only when
  /// invalid_objects is empty.
  std::unique_ptr<Spool> printed;
};

/// The built-in catalog, or (in `storage`) it plus the --rules
/// directories. Throws RuleLoadError for a broken rule file.
const Catalog& catalog_for(const std::vector<std::string>& rules_dirs, Catalog& storage);

/// The controller ConfigMap `request` names: its file, else the cluster's
/// (with --from-cluster), else none (the defaults). A file that cannot be
/// read sets load.input_failed, as an unreadable -f input does.
NginxControllerConfig load_nginx_config(const ConvertRequest& request, LoadResult& load,
                                        Findings& findings);

/// convert(), and with `target` (an output profile's name; "" = none) that
/// implementation's objects (apply_target): what `convert --target-controller`
/// writes, for convert, verify and report alike.
ConversionResult convert_for_target(const Inventory& inventory, ConvertOptions options, const Catalog& catalog,
                                    const std::string& target, TargetOptions target_options, Findings& findings);

/// convert_for_target for each of `targets` (output profile names, none
/// ""), each starting from `base_findings`; `done(i, result, findings)` is
/// called once for each, in an order that lets profiles that would convert
/// the inputs alike share one conversion (copied for all but the last of
/// them, so at most one copy is held besides the shared one): the
/// regex-rewrite option a profile sets only matters where some annotation
/// value has a '$'. `report` judges every implementation this way.
/// `standard`, when the caller has it, is the conversion without a profile
/// (what convert() made from `options` and `base_findings`) with its
/// findings: the profiles that would convert alike start from it instead of
/// converting again.
void convert_for_targets(const Inventory& inventory, const ConvertOptions& options, const Catalog& catalog,
                         const std::vector<std::string>& targets, const TargetOptions& target_options,
                         const Findings& base_findings,
                         const std::function<void(size_t, ConversionResult&, Findings&)>& done,
                         std::optional<std::pair<ConversionResult, Findings>> standard = std::nullopt);

/// Runs the pipeline. Throws RuleLoadError for a broken --rules file and
/// ClusterError when kubectl cannot read the cluster.
ConvertOutcome run_convert(const ConvertRequest& request, std::istream& stdin_stream,
                           Findings& findings);

}  // namespace im
