// Turning Ingress paths and default backends into route rules, in the order
// and with the winners ingress-nginx would pick.

#include <fmt/format.h>

#include "convert/filters.h"
#include "convert/path_semantics.h"
#include "convert/plan.h"

namespace im {

namespace {

std::string host_label(const std::string& host) { return host.empty() ? "(any host)" : host; }

/// rewrite/main.go + template.go needsRewrite: a location is rewritten when
/// the target is set and differs from the path.
bool needs_rewrite(const IngressInfo& info, const IngressPath& p) {
  return info.is_nginx() && info.policy.rewrite_target && !info.policy.rewrite_target->empty() &&
         *info.policy.rewrite_target != (p.path.empty() ? "/" : p.path);
}

/// template.go enforceRegexModifier: a host is in regex mode when any of its
/// locations uses use-regex or needs a rewrite. Canary Ingresses create no
/// locations (controller.go createServers skips them), so they do not count.
std::map<std::string, std::string> regex_hosts(const Plan& plan) {
  std::map<std::string, std::string> causes;  // class \n host -> cause
  for (const auto& info : plan.ingresses) {
    if (!info.is_nginx() || info.is_canary() || info.cls.name.empty()) continue;
    for (const auto& rule : info.ing->rules) {
      std::string key = info.cls.name + '\n' + rule.host;
      if (causes.count(key)) continue;
      for (const auto& p : rule.paths) {
        if (info.policy.use_regex) {
          causes[key] = fmt::format("Ingress {} uses use-regex", info.ing->ref());
        } else if (needs_rewrite(info, p)) {
          causes[key] = fmt::format("Ingress {} uses rewrite-target", info.ing->ref());
        }
        if (causes.count(key)) break;
      }
    }
  }
  return causes;
}

/// Claims `key` for a rule; on a clash, reports the loser and returns false.
bool claim(Plan& plan, const std::string& key, const ClaimedPath& claim, const Location& where,
           const std::string& what) {
  auto [it, inserted] = plan.claimed.emplace(key, claim);
  if (inserted) return true;
  const IngressInfo& winner = plan.ingresses[it->second.ingress];
  if (it->second.backend == claim.backend) {
    plan.findings->info(where,
                        fmt::format("{} duplicates the same route of Ingress {} ({}); converted once",
                                    what, winner.ing->ref(), winner.ing->location.str()),
                        "duplicate-path");
  } else {
    plan.findings->error(
        where,
        fmt::format("{} is already routed to another backend by Ingress {} ({}), which "
                    "ingress-nginx serves first (older, or same age and later name); this one is "
                    "not converted",
                    what, winner.ing->ref(), winner.ing->location.str()),
        "conflicting-path");
  }
  return false;
}

}  // namespace

void plan_catch_all_routes(Plan& plan) {
  // controller.go createServers: the defaultBackend of the oldest Ingress
  // without rules becomes the default server's "/" and beats host-less "/"
  // paths, whatever their age.
  for (size_t i = 0; i < plan.ingresses.size(); ++i) {
    const IngressInfo& info = plan.ingresses[i];
    const Ingress& ing = *info.ing;
    if (info.cls.name.empty() || info.is_canary() || !ing.rules.empty()) continue;
    if (!ing.default_backend) {
      plan.findings->error(ing.location,
                           fmt::format("Ingress {} has no rules and no default backend; nothing to "
                                       "convert",
                                       ing.ref()),
                           "no-rules");
      continue;
    }
    auto backend = resolve_backend(*ing.default_backend, ing, *plan.inventory, *plan.findings);
    if (!backend) continue;
    PathMatchIR root{"PathPrefix", "/"};
    size_t d = plan.draft_for(i, "", true);
    ClaimedPath c{i, d, plan.drafts[d].rules.size(), *backend};
    if (!claim(plan, Plan::claim_key(info.cls.name, "", root), c, ing.default_backend->location,
               "default backend (catch-all for hosts without rules)")) {
      continue;
    }
    RouteRuleIR rule;
    rule.path = root;
    rule.backends.push_back(*backend);
    rule.source = ing.default_backend->location;
    plan.drafts[d].rules.push_back(std::move(rule));
  }
}

void plan_path_routes(Plan& plan) {
  auto regex = regex_hosts(plan);
  for (size_t i = 0; i < plan.ingresses.size(); ++i) {
    const IngressInfo& info = plan.ingresses[i];
    if (info.cls.name.empty() || info.is_canary()) continue;
    const Ingress& ing = *info.ing;
    for (const auto& rule : ing.rules) {
      // A rule without paths still creates the host (its "/" is the
      // default backend, see plan_default_backends).
      size_t d = plan.draft_for(i, rule.host);
      auto cause = regex.find(info.cls.name + '\n' + rule.host);
      PathContext ctx{info.cls.controller, info.policy.use_regex || info.policy.rewrite_target.has_value(),
                      cause != regex.end(), cause != regex.end() ? cause->second : ""};
      for (const auto& p : rule.paths) {
        auto match = convert_path(p, rule.host, ctx, *plan.findings);
        if (!match) continue;
        auto backend = resolve_backend(p.backend, ing, *plan.inventory, *plan.findings);
        if (!backend) continue;
        RouteRuleIR r;
        r.path = *match;
        r.backends.push_back(*backend);
        r.source = p.location;
        if (needs_rewrite(info, p)) {
          const std::string& target = *info.policy.rewrite_target;
          if (target.find('$') != std::string::npos) {
            plan.findings->error(info.policy.rewrite_location,
                                 fmt::format("rewrite-target \"{}\" uses capture groups, which are "
                                             "not yet converted; path \"{}\" not converted",
                                             target, p.path),
                                 "nginx-rewrite-target");
            continue;
          }
          // template.go buildProxyPass: `rewrite "(?i)<path>" <target> break;`
          // replaces the whole URI whenever the path matches.
          r.filters.push_back(rewrite_full_path(target));
        }
        size_t index = plan.drafts[d].rules.size();
        if (!claim(plan, Plan::claim_key(info.cls.name, rule.host, r.path),
                   ClaimedPath{i, d, index, *backend}, p.location,
                   fmt::format("path \"{}\" ({}) on host {}", r.path.value, r.path.type,
                               host_label(rule.host)))) {
          continue;
        }
        plan.drafts[d].rules.push_back(std::move(r));
      }
    }
  }
}

void plan_default_backends(Plan& plan) {
  // controller.go createServers: the oldest Ingress naming a host creates its
  // server, and that Ingress's defaultBackend serves the server's "/" -
  // unless some Ingress routes Prefix "/" on the host itself.
  std::map<std::string, size_t> creator;  // class \n host -> ingress index
  for (size_t i = 0; i < plan.ingresses.size(); ++i) {
    const IngressInfo& info = plan.ingresses[i];
    if (info.cls.name.empty() || info.is_canary()) continue;
    for (const auto& rule : info.ing->rules) {
      if (rule.host.empty()) continue;  // the default server is created by the controller
      creator.emplace(info.cls.name + '\n' + rule.host, i);
    }
  }
  for (size_t i = 0; i < plan.ingresses.size(); ++i) {
    const IngressInfo& info = plan.ingresses[i];
    const Ingress& ing = *info.ing;
    if (info.cls.name.empty() || info.is_canary() || ing.rules.empty() || !ing.default_backend) continue;
    std::optional<BackendRefIR> backend;
    for (const auto& rule : ing.rules) {
      if (rule.host.empty()) continue;
      size_t owner = creator.at(info.cls.name + '\n' + rule.host);
      if (owner != i) {
        plan.findings->warning(
            ing.default_backend->location,
            fmt::format("spec.defaultBackend of Ingress {} is not used for host {}: "
                        "ingress-nginx uses the default backend of the Ingress that created the "
                        "host ({})",
                        ing.ref(), rule.host, plan.ingresses[owner].ing->ref()),
            "default-backend-ignored");
        continue;
      }
      PathMatchIR root{"PathPrefix", "/"};
      std::string key = Plan::claim_key(info.cls.name, rule.host, root);
      if (plan.claimed.count(key)) continue;  // an explicit "/" path replaces it
      if (!backend) {
        backend = resolve_backend(*ing.default_backend, ing, *plan.inventory, *plan.findings);
        if (!backend) break;
      }
      size_t d = plan.draft_for(i, rule.host);
      plan.claimed.emplace(key, ClaimedPath{i, d, plan.drafts[d].rules.size(), *backend});
      RouteRuleIR r;
      r.path = root;
      r.backends.push_back(*backend);
      r.source = ing.default_backend->location;
      plan.drafts[d].rules.push_back(std::move(r));
    }
  }
}

}  // namespace im
