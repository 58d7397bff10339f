#include "convert/converter.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "convert/alb_groups.h"
#include "convert/alb_rule_order.h"
#include "convert/contour_service_annotations.h"
#include "convert/controller_settings.h"
#include "convert/gke_service_annotations.h"
#include "convert/haproxy_service_annotations.h"
#include "convert/input_values.h"
#include "convert/kong_host_aliases.h"
#include "convert/kong_precedence.h"
#include "convert/plan.h"
#include "convert/kong_service_annotations.h"
#include "convert/traefik_precedence.h"
#include "convert/traefik_service_annotations.h"
#include "convert/wildcard_hosts.h"
#include "rules/apply.h"

namespace im {

ConversionResult convert(const Inventory& inventory, const ConvertOptions& options,
                         const Catalog& catalog, Findings& findings) {
  ConversionResult result;
  result.stats.ingresses = inventory.ingresses.size();

  Plan plan;
  plan.options = &options;
  plan.inventory = &inventory;
  plan.findings = &findings;

  plan.ingresses.reserve(inventory.ingresses.size());
  ClassResolver classes(inventory.classes, options.default_class, findings, options.require_class);
  for (const Ingress& ing : inventory.ingresses) {
    if (!check_ingress_names(ing, findings)) continue;
    check_v1_path_types(ing, findings);
    check_wildcard_hosts(ing, findings);
    IngressInfo info;
    info.ing = &ing;
    info.cls = classes.resolve(ing);
    if (info.cls.name.empty()) continue;
    info.policy = apply_annotations(ing, info.cls.controller, catalog,
                                    options.nginx_annotations_prefix, findings);
    check_policy_values(info.policy, findings);
    if (info.cls.controller == "kong") {
      if (auto routed = with_kong_host_aliases(ing, findings)) {
        plan.rewritten_ingresses.push_back(std::move(*routed));
        info.ing = &plan.rewritten_ingresses.back();
      }
    }
    apply_controller_defaults(info, options.nginx_config);
    plan.ingresses.push_back(std::move(info));
  }
  sort_by_age(plan.ingresses);
  plan_alb_groups(plan);

  plan_catch_all_routes(plan);
  plan_path_routes(plan);
  report_kong_match_precedence(plan);
  report_traefik_priority(plan);
  report_alb_rule_order(plan);
  plan_default_backends(plan);
  report_dropped_paths(plan);
  plan_canaries(plan);
  plan.release_path_claims();
  result.output = plan_gateways(plan);
  apply_traefik_service_annotations(plan, catalog, result.output, findings);
  apply_kong_service_annotations(plan, catalog, result.output, findings);
  apply_contour_service_annotations(plan, catalog, result.output, findings);
  apply_haproxy_service_annotations(plan, catalog, result.output, findings);
  judge_gke_service_annotations(plan, catalog, result.output, findings);
  report_controller_settings(plan, options.nginx_config, findings);
  result.output.merged_canaries = plan.merged_canaries;

  std::set<std::string> converted;
  for (const auto& r : result.output.http_routes) converted.insert(r.source_ingress);
  for (const auto& r : result.output.grpc_routes) converted.insert(r.source_ingress);
  for (const auto& r : result.output.tls_routes) converted.insert(r.source_ingress);
  // A canary counts as converted only when its split went into a route.
  for (const auto& [canary, primary] : plan.merged_canaries) converted.insert(canary);
  result.stats.converted_ingresses = converted.size();

  auto by_ns_name = [](const auto& a, const auto& b) {
    return std::tie(a.ns, a.name) < std::tie(b.ns, b.name);
  };
  std::sort(result.output.gateways.begin(), result.output.gateways.end(), by_ns_name);
  std::sort(result.output.listener_sets.begin(), result.output.listener_sets.end(), by_ns_name);
  std::sort(result.output.http_routes.begin(), result.output.http_routes.end(), by_ns_name);
  std::sort(result.output.reference_grants.begin(), result.output.reference_grants.end(), by_ns_name);
  std::sort(result.output.grpc_routes.begin(), result.output.grpc_routes.end(), by_ns_name);
  std::sort(result.output.tls_routes.begin(), result.output.tls_routes.end(), by_ns_name);
  std::sort(result.output.backend_tls_policies.begin(), result.output.backend_tls_policies.end(),
            by_ns_name);
  return result;
}

}  // namespace im
