#include "targets/traefik_middleware_refs.h"

#include "model/finding_owner.h"

namespace im {

MiddlewareFindings middleware_findings(const Inventory& inventory, const Findings& findings) {
  MiddlewareFindings by_ingress;
  const FindingOwners owners(inventory);
  for (const Finding& f : findings.items()) {
    if (f.rule_id != "traefik-router-middlewares" || f.catalog_verdict) continue;
    if (const Ingress* ing = owners.owner(f.location)) by_ingress[ing].push_back(&f);
  }
  return by_ingress;
}

void reference_traefik_middlewares(const TargetProfile& profile, const IngressDraft& draft,
                                   const std::vector<const Finding*>& standard, ConversionOutput& output,
                                   std::set<const Finding*>& replaced) {
  const std::string group = profile.api_version.substr(0, profile.api_version.find('/'));
  for (size_t i : draft.route_indices) {
    for (RouteRuleIR& rule : output.http_routes[i].rules) {
      // The HTTP listener's redirect (a redirectScheme to https) stays: it
      // answers before any middleware would run.
      if (rule.filters.get().redirect) continue;
      FilterSet& f = rule.filters.edit();
      // On an Ingress Traefik serves, these are written only from its
      // middlewares (convert/route_template.cc: the settings are the
      // family's own, and router.middlewares is the one that adds filters):
      // the Middlewares themselves now do that work.
      f.rewrite_full_path.reset();
      f.rewrite_prefix.reset();
      f.request_set.clear();
      f.response_set.clear();
      f.response_remove.clear();
      for (const std::string& name : draft.traefik_middleware_refs) {
        f.extension_refs.push_back({{"group", group}, {"kind", "Middleware"}, {"name", name}});
      }
    }
  }
  replaced.insert(standard.begin(), standard.end());
}

}  // namespace im
