#include "targets/lbc_objects.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "convert/alb_groups.h"
#include "convert/naming.h"
#include "targets/target_verdict.h"
#include "util/text.h"

namespace im {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kLbc = "LoadBalancerConfiguration";
constexpr const char* kTgc = "TargetGroupConfiguration";

// An IngressGroup member's place (group_loader.go sortGroupMembers):
// group.order, then namespace/name, as the conversion ordered the group.
std::pair<int, std::string> alb_rank(const Ingress& ing) { return {alb_group_order(ing), ing.ns + "/" + ing.name}; }

}  // namespace

void LbcObjects::add_ingress(const Ingress& ing, IngressDraft& d, const ConversionOutput& out) {
  const auto rank = alb_rank(ing);
  auto lbc = d.specs.find(kLbc);
  if (lbc != d.specs.end()) {
    std::set<std::pair<std::string, std::string>> gateways;
    for (size_t i : d.route_indices) {
      const HTTPRouteIR& r = out.http_routes[i];
      for (const ParentRefIR& parent : r.parents) {
        if (!parent.kind.empty() && parent.kind != "Gateway") continue;  // ListenerSets: their Gateway is not ours
        gateways.emplace(parent.ns.empty() ? r.ns : parent.ns, parent.name);
      }
    }
    for (const auto& g : gateways) gateways_[g].push_back({rank, ing.ref(), &ing, lbc->second, d.sources[kLbc]});
    d.specs.erase(lbc);
  }
  // Every backend Service gets a claim, empty or not: its own annotations
  // apply to it even where the Ingress sets nothing.
  auto tgc = d.specs.find(kTgc);
  const Json spec = tgc == d.specs.end() ? Json::object() : tgc->second;
  const Location at = tgc == d.specs.end() ? ing.location : d.sources[kTgc];
  for (const std::string& svc : d.services) services_[{d.ns, svc}].push_back({rank, ing.ref(), &ing, spec, at});
  if (tgc != d.specs.end()) d.specs.erase(tgc);
}

namespace {

// The ALB annotation of `ing` whose profile rule writes `path` of a `kind`
// spec (the field itself, or a key under it: tags.env), with its rule id.
const Annotation* writer_of(const TargetProfile& p, const Catalog& catalog, const Ingress& ing,
                           const std::string& kind, const std::string& path, std::string& rule_id) {
  for (const Annotation& a : ing.annotations) {
    const RuleMatch m = catalog.match(a.key, "aws-alb", "");
    if (!m.rule || !m.family || m.family->name != "aws-alb") continue;
    const TargetRule* rule = p.rule_for("aws-alb", m.rule->key);
    if (!rule || rule->kind != kind) continue;
    if (path == rule->field || starts_with(path, rule->field + ".")) {
      rule_id = m.rule->id;
      return &a;
    }
  }
  return nullptr;
}

}  // namespace

void LbcObjects::finish(const TargetProfile& p, const Inventory& inventory, const Catalog& catalog,
                        const TargetOptions& options, ConversionOutput& out, Findings& added) {
  auto by_rank = [](const Claim& a, const Claim& b) { return a.rank < b.rank; };
  std::set<VerdictKey> lost;  // annotations whose value another Ingress's replaced
  // A field two members set differently is the first member's; the
  // warning goes to the annotation that lost, whose "converted" verdict is
  // taken back (the value is not in force).
  auto merged_of = [&](std::vector<Claim>& claims, const char* kind, const std::string& what) {
    std::stable_sort(claims.begin(), claims.end(), by_rank);
    Json merged = claims.front().spec;
    for (size_t i = 1; i < claims.size(); ++i) {
      std::vector<std::string> conflicts;
      merge_older_wins(merged, claims[i].spec, "", {}, conflicts);
      std::vector<std::string> unplaced;
      for (const std::string& path : conflicts) {
        std::string rule_id;
        const Annotation* a = writer_of(p, catalog, *claims[i].source, kind, path, rule_id);
        if (!a) {
          unplaced.push_back(path);
          continue;
        }
        added.warning(a->location,
                      fmt::format("{}, and Ingress {} before it (in the IngressGroup's order) set {} differently: "
                                  "this value is not used",
                                  what, claims.front().ingress, path),
                      "target-policy-conflict");
        lost.insert(verdict_key(a->location, rule_id));
      }
      if (unplaced.empty()) continue;
      added.warning(claims[i].at,
                    fmt::format("{}, and Ingress {} before it (in the IngressGroup's order) set {} differently: "
                                "this Ingress's value is not used",
                                what, claims.front().ingress, join(unplaced, ", ")),
                    "target-policy-conflict");
    }
    return merged;
  };

  for (auto& [key, claims] : gateways_) {
    const std::string& ns = key.first;  // named, not bound: clang 14 cannot capture a structured binding
    const std::string& name = key.second;
    const Json spec =
        merged_of(claims, kLbc, fmt::format("Gateway {}/{} is one load balancer ({} {})", ns, name, kLbc, name));
    if (spec.empty()) continue;
    auto g = std::find_if(out.gateways.begin(), out.gateways.end(),
                          [&](const GatewayIR& x) { return x.ns == ns && x.name == name; });
    if (g != out.gateways.end() && g->existing.is_null()) {
      g->parameters = {"gateway.k8s.aws", kLbc, name};
    } else {
      added.warning(claims.front().at,
                    fmt::format("Gateway {}/{} is not written here (it is in the input): point its "
                                "spec.infrastructure.parametersRef at {} {} by hand",
                                ns, name, kLbc, name),
                    "existing-gateway");
    }
    Json o = {{"apiVersion", p.api_version_of(kLbc)}, {"kind", kLbc}, {"metadata", {{"name", name}}}};
    if (!ns.empty()) o["metadata"]["namespace"] = ns;
    o["spec"] = spec;
    out.vendor_objects.push_back({std::move(o), claims.front().ingress, claims.front().at});
  }

  for (auto& [key, claims] : services_) {
    const std::string& ns = key.first;
    const std::string& name = key.second;
    Json spec = merged_of(claims, kTgc, fmt::format("Service {}/{} has one {} for every route to it", ns, name, kTgc));
    // The Service's own annotations win (the parser reads the Service's
    // before the Ingress's), each with its verdict at the Service.
    auto svc = std::find_if(inventory.services.begin(), inventory.services.end(),
                            [&](const Service& s) { return s.ns == ns && s.name == name; });
    if (svc != inventory.services.end()) {
      const Family* alb = catalog.family("aws-alb");
      for (const Annotation& a : svc->annotations) {
        const RuleMatch m = catalog.match(a.key, "aws-alb", "");
        if (!m.rule || !m.family || m.family->name != "aws-alb") continue;
        const TargetRule* rule = p.rule_for("aws-alb", m.rule->key);
        if (!rule || rule->kind != kTgc) continue;
        IngressDraft scratch;
        if (alb) scratch.family_prefixes = alb->prefixes;
        const TargetActionContext ctx{*claims.front().source, a, *rule, p, options, scratch, added};
        if (!find_target_action(rule->action)->fn(ctx)) continue;
        std::vector<std::string> ignored;
        Json own = scratch.specs[kTgc];
        merge_older_wins(own, spec, "", {}, ignored);  // the Service's value first
        spec = std::move(own);
        added.info(a.location,
                   fmt::format("{} on Service {}/{} is converted for {} {}: {} spec.{} (the Service's value wins "
                               "over its Ingresses')",
                               a.key, ns, name, p.project, p.version, kTgc, rule->field),
                   m.rule->id);
      }
    }
    if (spec.empty()) continue;
    Json o = {{"apiVersion", p.api_version_of(kTgc)}, {"kind", kTgc}, {"metadata", {{"name", dns_name(name)}}}};
    if (!ns.empty()) o["metadata"]["namespace"] = ns;
    Json full = {{"targetReference", {{"name", name}}}};
    for (auto& [k, v] : spec.items()) full[k] = v;
    o["spec"] = std::move(full);
    out.vendor_objects.push_back({std::move(o), claims.front().ingress, claims.front().at});
  }
  withdraw_target_verdicts(added, lost);
}

}  // namespace im
