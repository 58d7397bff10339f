#include "driver/convert_job.h"

#include <fmt/format.h>

#include <set>

#include "cluster/cluster_reader.h"
#include "driver/nginx_config_source.h"
#include "driver/object_check.h"
#include "emit/object_writer.h"
#include "emit/objects.h"
#include "parse/input.h"
#include "targets/apply_target.h"
#include "util/text.h"
#include "validate/validator.h"

namespace im {

const Catalog& catalog_for(const std::vector<std::string>& rules_dirs, Catalog& storage) {
  if (rules_dirs.empty()) return Catalog::builtin();
  storage = Catalog::builtin();
  for (const auto& dir : rules_dirs) storage.load_directory(dir);
  return storage;
}

NginxControllerConfig load_nginx_config(const ConvertRequest& request, LoadResult& load,
                                        Findings& findings) {
  if (!request.nginx_config_file.empty()) {
    Findings local;
    NginxControllerConfig config = load_nginx_config_file(request.nginx_config_file, request.limits, local);
    // An unreadable --nginx-config is an unreadable input (exit 2).
    if (has_unreadable_input(local)) load.input_failed = true;
    findings.append(local);
    return config;
  }
  if (request.cluster) {
    return load_nginx_config_from_cluster(*request.cluster, request.nginx_config_map, request.limits,
                                          findings);
  }
  return {};
}

namespace {

/// An existing Gateway the conversion extends is the input's: if it is not
/// valid Gateway API itself, the extended copy cannot be either, and that is
/// the input's fault, not the tool's. It is then not written (the routes
/// still attach to the listeners it has), with an error at the Gateway.
/// Returns how many were set aside.
size_t set_aside_invalid_existing_gateways(ConversionOutput& out, Channel channel, Findings& findings) {
  size_t set_aside = 0;
  for (auto it = out.gateways.begin(); it != out.gateways.end();) {
    if (it->existing.is_null()) {
      ++it;
      continue;
    }
    nlohmann::ordered_json given = it->existing;
    given.erase("status");
    auto errors = validate_object(given, channel);
    if (errors.empty()) {
      ++it;
      continue;
    }
    std::set<std::string> had;
    const auto& spec = given.value("spec", nlohmann::ordered_json::object());
    for (const auto& l : spec.value("listeners", nlohmann::ordered_json::array())) {
      if (l.is_object() && l.contains("name") && l["name"].is_string()) had.insert(l["name"].get<std::string>());
    }
    std::vector<std::string> added;
    GatewayIR kept = *it;
    kept.listeners.clear();
    for (const auto& l : it->listeners) {
      if (had.count(l.name)) {
        kept.listeners.push_back(l);
      } else {
        added.push_back(l.name);
      }
    }
    findings.error(it->existing_at,
                   fmt::format("Gateway {}/{} in the input is not valid Gateway API ({}), so it is not "
                               "written with the listeners it lacks; add them yourself: {}",
                               it->ns, it->name, format_validation_error(errors.front()), join(added, ", ")),
                   "existing-gateway-invalid");
    out.reused_gateways.push_back(std::move(kept));
    it = out.gateways.erase(it);
    ++set_aside;
  }
  return set_aside;
}

}  // namespace

ConversionResult convert_for_target(const Inventory& inventory, ConvertOptions options, const Catalog& catalog,
                                    const std::string& target, TargetOptions target_options, Findings& findings) {
  const TargetProfile* profile = target.empty() ? nullptr : find_target_profile(target);
  // A profile that writes regex rewrites lets the conversion leave them in
  // the rules for it (rewrite-target capture groups).
  options.regex_path_rewrite = profile && !profile->regex_rewrite.empty();
  options.controller_gateway = !profile;
  ConversionResult result = convert(inventory, options, catalog, findings);
  if (profile) {
    target_options.nginx_prefix = options.nginx_annotations_prefix;
    target_options.nginx_config = options.nginx_config;
    apply_target(inventory, catalog, *profile, target_options, result.output, findings);
  }
  return result;
}

namespace {

/// Whether the regex-rewrite option can change the conversion: only a
/// capture-group rewrite-target uses it (route_planner.cc, apply_rewrite),
/// and every such value has a '$', and HAProxy's path-rewrite
/// (haproxy_path_rewrite.cc).
bool may_rewrite_by_regex(const Inventory& inventory) {
  for (const Ingress& ing : inventory.ingresses) {
    for (const Annotation& a : ing.annotations) {
      if (a.value.find('$') != std::string::npos || ends_with(a.key, "/path-rewrite")) return true;
    }
  }
  return false;
}

/// Whether the Gateway being the controller's own can change the
/// conversion: only konghq.com/plugins uses it (convert/kong_plugins.cc).
bool may_keep_controller_filters(const Inventory& inventory) {
  for (const Ingress& ing : inventory.ingresses) {
    if (ing.annotation("konghq.com/plugins")) return true;
  }
  return false;
}

}  // namespace

void convert_for_targets(const Inventory& inventory, const ConvertOptions& options, const Catalog& catalog,
                         const std::vector<std::string>& targets, const TargetOptions& target_options,
                         const Findings& base_findings,
                         const std::function<void(size_t, ConversionResult&, Findings&)>& done,
                         std::optional<std::pair<ConversionResult, Findings>> standard) {
  const bool regex_matters = may_rewrite_by_regex(inventory);
  std::vector<const TargetProfile*> profiles;
  for (const auto& t : targets) profiles.push_back(t.empty() ? nullptr : find_target_profile(t));
  auto regex_for = [&](size_t i) { return profiles[i] && !profiles[i]->regex_rewrite.empty() && regex_matters; };
  const bool controller_matters = may_keep_controller_filters(inventory);
  auto own_gateway = [&](size_t i) { return controller_matters && !profiles[i]; };
  std::vector<bool> handled(targets.size(), false);
  for (size_t i = 0; i < targets.size(); ++i) {
    if (handled[i]) continue;
    // The profiles from i on that share this conversion.
    std::vector<size_t> group;
    for (size_t j = i; j < targets.size(); ++j) {
      if (!handled[j] && regex_for(j) == regex_for(i) && own_gateway(j) == own_gateway(i)) group.push_back(j);
    }
    Findings group_findings;
    ConversionResult base;
    // `standard` was converted for no target: it serves a group that
    // neither rewrites by regex nor depends on whose Gateway it is.
    if (!regex_for(i) && own_gateway(i) == controller_matters && standard) {
      base = std::move(standard->first);
      group_findings = std::move(standard->second);
      standard.reset();
    } else {
      ConvertOptions group_options = options;
      group_options.regex_path_rewrite = regex_for(i);
      group_options.controller_gateway = !profiles[i];
      group_findings = base_findings;
      base = convert(inventory, group_options, catalog, group_findings);
    }
    for (size_t k = 0; k < group.size(); ++k) {
      const size_t j = group[k];
      handled[j] = true;
      const bool last = k + 1 == group.size();
      ConversionResult result = last ? std::move(base) : base;
      Findings findings = last ? std::move(group_findings) : group_findings;
      if (profiles[j]) {
        TargetOptions to = target_options;
        to.nginx_prefix = options.nginx_annotations_prefix;
        to.nginx_config = options.nginx_config;
        apply_target(inventory, catalog, *profiles[j], to, result.output, findings);
      }
      done(j, result, findings);
    }
  }
}

ConvertOutcome run_convert(const ConvertRequest& request, std::istream& stdin_stream,
                           Findings& findings) {
  ConvertOutcome outcome;
  Catalog user_catalog;
  const Catalog* catalog = &catalog_for(request.rules_dirs, user_catalog);
  outcome.load = request.cluster
                     ? load_cluster(*request.cluster, request.limits, findings, request.on_document)
                     : load_inputs(request.inputs, stdin_stream, request.limits, findings,
                                   request.on_document, request.exclude, request.on_document_needs);
  outcome.load.inventory.assign_namespace(request.default_namespace);
  ConvertOptions options = request.options;
  options.nginx_config = outcome.nginx_config = load_nginx_config(request, outcome.load, findings);
  outcome.load_findings = findings;
  if (request.on_step) request.on_step("converting");
  outcome.conversion =
      convert_for_target(outcome.load.inventory, options, *catalog, request.target, request.target_options, findings);
  // The tool checks its own output against the CRD schema and CEL rules
  // before printing any of it: printing something `kubectl apply` rejects
  // would be worse than failing.
  const Channel channel =
      request.options.experimental ? Channel::Experimental : Channel::Standard;
  outcome.changed_after_conversion =
      set_aside_invalid_existing_gateways(outcome.conversion.output, channel, findings) > 0;
  const size_t count = object_count(outcome.conversion.output);
  if (request.on_step) request.on_step(fmt::format("checking {} objects against the CRDs", count));
  std::unique_ptr<ObjectWriter> writer;
  if (request.render_as) {
    outcome.printed = std::make_unique<Spool>();
    writer = make_object_writer(*request.render_as, *outcome.printed);
  }
  outcome.invalid_objects =
      check_objects(outcome.conversion.output, channel, writer.get(), request.on_object_rendered);
  if (writer) writer->finish();
  findings.sort_and_dedupe();
  return outcome;
}

}  // namespace im
