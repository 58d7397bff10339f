// Turning Ingress paths and default backends into route rules, in the order
// and with the winners ingress-nginx would pick.

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "convert/alb_actions.h"
#include "convert/path_semantics.h"
#include "convert/protocol_planner.h"
#include "convert/rewrite_target.h"
#include "convert/route_template.h"
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
/// The synthetic `location /` that createServers gives each host carries the
/// annotations of the (oldest) Ingress that created it, so a rewrite-target
/// other than "/" there counts too, even when it equals every path.
std::map<std::string, std::string> regex_hosts(const Plan& plan) {
  std::map<std::string, std::string> causes;  // class \n host -> cause
  std::set<std::string> created;
  for (const auto& info : plan.ingresses) {
    if (!info.is_nginx() || info.is_canary() || info.cls.name.empty()) continue;
    for (const auto& rule : info.ing->rules) {
      std::string key = info.cls.name + '\n' + rule.host;
      bool creates = created.insert(key).second;
      if (causes.count(key)) continue;
      const auto& target = info.policy.rewrite_target;
      if (creates && target && !target->empty() && *target != "/") {
        causes[key] = fmt::format("Ingress {} uses rewrite-target", info.ing->ref());
        continue;
      }
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

/// What claims the requests below "P/" on a host, for the trailing-slash
/// pairs below: ingress-nginx Prefix paths that end in "/", and capture
/// rewrites whose match became PathPrefix "P/" (keys "class \n host \n P/").
struct SlashPaths {
  std::set<std::string> below;      ///< something takes every request below "P/"
  std::set<std::string> below_only; ///< ... but not "P/" itself (a "P/(.+)" rewrite)
};

SlashPaths slash_prefixes(const Plan& plan) {
  SlashPaths out;
  for (const auto& info : plan.ingresses) {
    if (!info.is_nginx() || info.is_canary() || info.cls.name.empty()) continue;
    for (const auto& rule : info.ing->rules) {
      for (const auto& p : rule.paths) {
        std::string key = info.cls.name + '\n' + rule.host + '\n';
        if (needs_rewrite(info, p)) {
          std::string why;
          auto r = capture_rewrite(p.path, *info.policy.rewrite_target, why);
          if (!r || r->match_prefix.size() < 2 || r->match_prefix.back() != '/') continue;
          out.below.insert(key + r->match_prefix);
          if (r->kind != PrefixRewrite::Kind::FullPath && !r->edge.empty() &&
              p.path.find("(.+)") != std::string::npos) {
            out.below_only.insert(key + r->match_prefix);
          }
          continue;
        }
        if (p.type == PathType::Exact || p.path.size() < 2 || p.path.back() != '/') continue;
        out.below.insert(key + p.path);
      }
    }
  }
  return out;
}

/// location.go updateServerLocations writes Prefix "/foo/bar" as
/// `location /foo/bar/` plus `location = /foo/bar`, and Prefix "/foo/bar/"
/// as `location /foo/bar/` plus `location = /foo/bar/`; the longer Ingress
/// path sorts first (controller.go getBackendServers), so "/foo/bar/" takes
/// everything below "/foo/bar/" and "/foo/bar" keeps only the bare path --
/// the "Path Priority" example of docs/user-guide/ingress-path-matching.md.
/// Gateway API ignores a trailing "/" in PathPrefix, so both would be one
/// match: the slash-less path becomes Exact to keep nginx's split.
void keep_trailing_slash_split(PathMatchIR& match, const std::string& cls, const std::string& host,
                               const SlashPaths& slash_paths, const IngressPath& p, bool host_regex,
                               Findings& findings) {
  if (match.type != "PathPrefix" || match.value == "/") return;
  std::string key = cls + '\n' + host + '\n';
  if (match.value.back() == '/') {
    // A rewrite "P/(.+)" sorts before "P/" (longer) and takes everything
    // below it in regex mode: the plain "P/" keeps only itself.
    if (!slash_paths.below_only.count(key + match.value)) return;
    findings.info(p.path_location,
                  fmt::format("Prefix \"{0}\" becomes Exact \"{0}\": on host {1} the rewrite regex "
                              "\"{0}(.+)\" comes first in ingress-nginx and takes every longer path, so "
                              "this path only serves \"{0}\" itself",
                              match.value, host_label(host)),
                  "trailing-slash-pair");
    match.type = "Exact";
    return;
  }
  if (!slash_paths.below.count(key + match.value + "/")) return;
  findings.info(p.path_location,
                fmt::format("Prefix \"{0}\" becomes Exact \"{0}\": the Prefix path \"{0}/\" on host "
                            "{1} (or a rewrite matching it) takes every request below \"{0}/\" in ingress-nginx, so this path "
                            "only serves \"{0}\" itself, while Gateway API would read both as one "
                            "PathPrefix{2}",
                            match.value, host_label(host),
                            host_regex ? ""
                                       : "; without regex mode on the host nginx itself rejects the "
                                         "two `location " + match.value +
                                             "/` blocks as duplicates, so check that the "
                                             "controller accepted this configuration"),
                "trailing-slash-pair");
  match.type = "Exact";
}

/// Claims `key` for a rule; on a clash, reports the loser and returns false.
bool claim(Plan& plan, const std::string& key, const ClaimedPath& claim, const Location& where,
           const std::string& what) {
  static const char* const kAgeRule =
      "which ingress-nginx serves first (older, or same age and later name)";
  auto [it, inserted] = plan.claimed.emplace(key, claim);
  if (inserted) return true;
  const IngressInfo& winner = plan.ingresses[it->second.ingress];
  // alb_groups.h orders an IngressGroup's members as the ALB ranks them.
  const char* order_rule = winner.lb_group.empty()
                               ? kAgeRule
                               : "whose rule the ALB ranked first (earlier in the IngressGroup: lower group.order, "
                                 "then namespace/name)";
  if (it->second.backend == claim.backend) {
    plan.findings->info(where,
                        fmt::format("{} duplicates the same route of Ingress {} ({}); converted once",
                                    what, winner.ing->ref(), winner.ing->location.str()),
                        "duplicate-path");
  } else {
    plan.findings->error(
        where,
        fmt::format("{} is already routed to another backend by Ingress {} ({}), {}; this one is "
                    "not converted",
                    what, winner.ing->ref(), winner.ing->location.str(),
                    plan.drafts[it->second.draft].catch_all
                        ? "whose default backend takes the default server's \"/\" before any "
                          "host-less path"
                        : order_rule),
        "conflicting-path");
  }
  return false;
}

/// app-root: template.go writes `if ($uri = /) { return 302 <app-root>; }`
/// into the location "/", so only a request for exactly "/" is redirected,
/// keeping scheme and host.
void add_app_root(Plan& plan, size_t ingress, size_t draft, const std::string& root,
                  const std::string& host) {
  const IngressInfo& info = plan.ingresses[ingress];
  const Setting* s = info.policy.setting("app-root");
  PathMatchIR exact{"Exact", "/"};
  RouteRuleIR r;
  r.path = exact;
  RedirectSpec redirect;
  redirect.full_path = root;
  redirect.status_code = 302;
  r.filters.edit().redirect = redirect;
  r.source = s ? s->location : info.ing->location;
  if (!claim(plan, Plan::claim_key(info.scope(), host, exact),
             ClaimedPath{ingress, draft, plan.drafts[draft].rules.size(), BackendRefIR{}}, r.source,
             fmt::format("app-root redirect for \"/\" on host {}", host))) {
    return;
  }
  plan.drafts[draft].rules.push_back(std::move(r));
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
    if (!claim(plan, Plan::claim_key(info.scope(), "", root), c, ing.default_backend->location,
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

/// The rewrite of one path: plain targets replace the whole path
/// (template.go buildProxyPass: `rewrite "(?i)<path>" <target> break;`
/// replaces the entire URI); capture-group targets must reduce to a prefix
/// strip. Returns false (with an error) when the path cannot be converted.
bool apply_rewrite(const IngressInfo& info, const std::string& host, const IngressPath& p,
                   IngressPath& effective, FilterSet& filters, std::string& bare_full_path,
                   Plan& plan) {
  Findings& findings = *plan.findings;
  const std::string& target = *info.policy.rewrite_target;
  if (target.find('$') == std::string::npos) {
    filters.rewrite_full_path = target;
    return true;
  }
  std::string why;
  auto prefix = capture_rewrite(p.path, target, why);
  if (prefix && prefix->kind == PrefixRewrite::Kind::FullPath) {
    if (std::string bad = gateway_path_problem(prefix->replacement); !bad.empty()) {
      why = fmt::format("the path nginx sends upstream, \"{}\", {} in Gateway API", prefix->replacement, bad);
      prefix.reset();
    }
  }
  if (!prefix && plan.options->regex_path_rewrite) {
    // The output profile writes regex rewrites (lib/targets): the path keeps
    // its regex match and the rule carries the rewrite for it.
    std::string regex_why;
    if (auto rr = regex_rewrite_for(p.path, target, regex_why)) {
      rr->source = info.policy.rewrite_location;
      filters.rewrite_regex = std::move(*rr);
      return true;
    }
    why += "; nor as a regex rewrite: " + regex_why;
  }
  if (!prefix) {
    // A request the regex matched: its literal start, plus "x" after a "/".
    std::string sample = p.path.substr(p.path[0] == '^' ? 1 : 0);
    sample = sample.substr(0, sample.find_first_of("^$()[]{}*+?|\\."));
    if (sample.empty() || sample[0] != '/') sample = "/" + sample;
    if (sample.back() == '/') sample += "x";
    plan.dropped.push_back(DroppedPath{
        info.cls.name, host, sample, info.policy.rewrite_location,
        fmt::format("rewrite-target \"{}\" with path regex \"{}\" cannot be converted exactly: {}; "
                    "path not converted",
                    target, p.path, why),
        "nginx-rewrite-target"});
    return false;
  }
  if (prefix->kind != PrefixRewrite::Kind::FullPath && prefix->match_prefix.size() > 1 &&
      prefix->match_prefix.back() == '/') {
    // Gateway API ignores a trailing "/" of a PathPrefix value, while the
    // nginx regex needs the slash: the bare literal changes hands.
    std::string bare = prefix->match_prefix.substr(0, prefix->match_prefix.size() - 1);
    findings.warning(p.path_location,
                     fmt::format("PathPrefix \"{}\" also matches \"{}\" (Gateway API ignores a trailing "
                                 "\"/\"), which \"{}\" did not match under ingress-nginx; \"{}\" is now "
                                 "rewritten to \"{}\" and sent to this backend",
                                 prefix->match_prefix, bare, p.path, bare, prefix->replacement),
                     "nginx-rewrite-target");
  }
  switch (prefix->kind) {
    case PrefixRewrite::Kind::Prefix:
      filters.rewrite_prefix = prefix->replacement;
      break;
    case PrefixRewrite::Kind::FullPath:
      // ngx_http_script: a $N the regex lacks expands to "", so the target
      // is the same for every request.
      findings.warning(info.policy.rewrite_location,
                       fmt::format("rewrite-target \"{}\" names only capture groups that \"{}\" does "
                                   "not have, which nginx expands to \"\"; every request is sent "
                                   "upstream as \"{}\" (ReplaceFullPath)",
                                   target, p.path, prefix->replacement),
                       "nginx-rewrite-target");
      filters.rewrite_full_path = prefix->replacement;
      break;
    case PrefixRewrite::Kind::Identity:
      break;  // the upstream path is the request path
  }
  if (!prefix->edge.empty()) {
    findings.warning(p.path_location,
                     fmt::format("rewrite \"{}\" -> \"{}\" becomes PathPrefix \"{}\"{}; it differs "
                                 "from ingress-nginx for {}",
                                 p.path, target, prefix->match_prefix,
                                 prefix->kind == PrefixRewrite::Kind::Identity
                                     ? " without a rewrite (the target gives back the request path)"
                                     : "",
                                 prefix->edge),
                     "nginx-rewrite-target");
  }
  effective.path = prefix->match_prefix;
  effective.type = PathType::Prefix;
  effective.type_given = true;
  bare_full_path = prefix->bare_full_path;
  return true;
}

/// Kong's strip_path (konghq.com/strip-path): the matched part of the path
/// is removed before proxying, what remains appended to "/" (Kong
/// router/utils.lua get_upstream_uri_v0): ReplacePrefixMatch "/" for a
/// prefix, ReplaceFullPath "/" for an exact path. A regex path's matched
/// text has no Gateway API rewrite.
void strip_matched_path(RouteRuleIR& r, const IngressPath& p, Findings& findings) {
  if (r.path.type == "PathPrefix") {
    if (r.path.value != "/") r.filters.edit().rewrite_prefix = "/";
  } else if (r.path.type == "Exact") {
    r.filters.edit().rewrite_full_path = "/";
  } else {
    findings.warning(p.path_location,
                     fmt::format("konghq.com/strip-path: Kong removed the text the regex path \"{}\" matched "
                                 "before proxying; Gateway API cannot rewrite a regex match, so the backend now "
                                 "gets the whole path",
                                 p.path),
                     "kong-strip-path");
  }
}

/// konghq.com/methods: an HTTPRouteMatch has one method, so a path Kong
/// routed for several becomes one rule per method with the same backends
/// and filters (the path claims the first).
static void push_per_method(std::vector<RouteRuleIR>& rules, RouteRuleIR r, const std::vector<std::string>& methods) {
  if (methods.empty()) {
    rules.push_back(std::move(r));
    return;
  }
  for (const std::string& m : methods) {
    rules.push_back(r);
    rules.back().method = m;
  }
}

void plan_path_routes(Plan& plan) {
  auto regex = regex_hosts(plan);
  auto slash_paths = slash_prefixes(plan);
  for (size_t i = 0; i < plan.ingresses.size(); ++i) {
    const IngressInfo& info = plan.ingresses[i];
    if (info.cls.name.empty() || info.is_canary()) continue;
    const Ingress& ing = *info.ing;
    RouteTemplate tpl = route_template(info, *plan.inventory, *plan.options, *plan.findings);
    const SharedFilters shared_filters(tpl.filters);
    for (const auto& rule : ing.rules) {
      // A rule without paths still creates the host (its "/" is the
      // default backend, see plan_default_backends).
      size_t d = plan.draft_for(i, rule.host);
      RouteDraft& draft = plan.drafts[d];
      draft.grpc = tpl.backend_protocol == "GRPC" || tpl.backend_protocol == "GRPCS";
      if (!tpl.grpc_services.empty()) {
        draft.grpc = !rule.paths.empty();
        for (const auto& p : rule.paths) {
          draft.grpc = draft.grpc && std::find(tpl.grpc_services.begin(), tpl.grpc_services.end(),
                                               p.backend.service_name) != tpl.grpc_services.end();
        }
      }
      draft.redirect_if_tls = tpl.redirect_if_tls;
      draft.force_redirect = tpl.force_redirect;
      draft.redirect_code = tpl.redirect_code;
      draft.redirect_port = tpl.redirect_port;
      draft.http_off = tpl.http_off;
      draft.https_off = tpl.https_off;
      draft.static_ip = tpl.static_ip;
      auto cause = regex.find(info.cls.name + '\n' + rule.host);
      PathContext ctx{info.cls.controller, info.policy.use_regex || info.policy.rewrite_target.has_value(),
                      cause != regex.end(), cause != regex.end() ? cause->second : "", "", "/~"};
      if (const Setting* matcher = info.policy.setting("path-matcher")) ctx.path_matcher = matcher->value;
      if (const Setting* marker = info.policy.setting("regex-prefix"); marker && !marker->value.empty()) {
        ctx.regex_marker = marker->value;
      }
      for (const auto& p : rule.paths) {
        RouteRuleIR r;
        r.filters = shared_filters;
        r.request_timeout = tpl.request_timeout;
        r.retry = tpl.retry;
        r.backend_timeout = tpl.backend_timeout;
        r.session_persistence = tpl.session_persistence;
        IngressPath effective = p;
        bool rewritten = !tpl.redirect_only && needs_rewrite(info, p);
        std::string bare_full_path;
        if (rewritten && !apply_rewrite(info, rule.host, p, effective, r.filters.edit(), bare_full_path, plan)) {
          continue;
        }
        if (auto sr = tpl.service_rewrites.find(p.backend.service_name);
            sr != tpl.service_rewrites.end() && !tpl.redirect_only) {
          // nginx.org/rewrites replaces the location's path prefix.
          if (p.type == PathType::Exact) {
            r.filters.edit().rewrite_full_path = sr->second;
          } else {
            r.filters.edit().rewrite_prefix = sr->second;
          }
        }
        if (rewritten) {
          // xforwardedprefix: only sent on locations that rewrite.
          if (const Setting* xfp = info.policy.setting("x-forwarded-prefix")) {
            // ingress-nginx sets no other request header: the list has room.
            set_header(r.filters.edit().request_set, "X-Forwarded-Prefix", xfp->value);
          }
        }
        PathContext path_ctx = ctx;
        if (effective.path != p.path && effective.path != "/") {
          // A capture rewrite was reduced to a prefix strip: the only
          // remaining difference is nginx's case-insensitive matching.
          path_ctx.host_regex = false;
          plan.findings->warning(
              p.path_location,
              fmt::format("ingress-nginx matched \"{}\" case-insensitively, so it also served "
                          "upper-case spellings of \"{}\"; the PathPrefix match here is "
                          "case-sensitive",
                          p.path, effective.path),
              "nginx-regex-host");
        }
        auto match = convert_path(effective, rule.host, path_ctx, *plan.findings);
        if (!match) continue;
        if (info.is_nginx() && effective.path == p.path && !(info.policy.use_regex && has_regex_syntax(p.path))) {
          keep_trailing_slash_split(*match, info.cls.name, rule.host, slash_paths, p, path_ctx.host_regex,
                                    *plan.findings);
        }
        // A match condition with no Gateway API form (an error at the
        // annotation): any rule would take requests the controller refused.
        if (tpl.paths_left_out) continue;
        // AWS Load Balancer Controller: port use-annotation runs the
        // actions.NAME annotation, and conditions.NAME narrows the path.
        const bool alb = info.cls.controller == "aws-alb";
        std::optional<AlbAction> action;
        std::vector<std::vector<HeaderMatchIR>> alb_headers;
        if (alb && !alb_conditions(ing, p.backend.service_name, alb_headers, *plan.findings)) continue;
        const auto& header_alternatives = alb ? alb_headers : tpl.header_alternatives;
        std::optional<BackendRefIR> backend;
        if (alb && is_alb_action_backend(p.backend)) {
          action = alb_action(ing, p.backend, *plan.findings);
          if (!action) continue;
          backend = action->backends.empty() ? BackendRefIR{} : action->backends.front();
          if (action->redirect) r.filters.edit().redirect = *action->redirect;
        } else {
          backend = resolve_backend(p.backend, ing, *plan.inventory, *plan.findings);
        }
        if (!backend) continue;
        r.path = *match;
        if (tpl.strip_path && !tpl.redirect_only) strip_matched_path(r, p, *plan.findings);
        if (!tpl.redirect_only && (!tpl.traefik_path.strip_prefix.empty() || !tpl.traefik_path.add_prefix.empty())) {
          FilterSet own = r.filters.get();
          if (apply_traefik_path_middleware(tpl.traefik_path, r.path.type, r.path.value, own, p.path_location,
                                            *plan.findings)) {
            r.filters.edit() = std::move(own);
          }
        }
        if (action) {
          r.backends = action->backends;
        } else if (!tpl.redirect_only) {
          r.backends.push_back(*backend);
        }
        r.source = p.location;
        if (!header_alternatives.empty()) {
          // One rule per combination of condition values; their header
          // matches set them apart from the path's plain rule, so they
          // claim no path of their own.
          for (const auto& headers : header_alternatives) {
            RouteRuleIR with = r;
            with.headers = headers;
            push_per_method(plan.drafts[d].rules, std::move(with), tpl.methods);
          }
          continue;
        }
        size_t index = plan.drafts[d].rules.size();
        if (!claim(plan, Plan::claim_key(info.scope(), rule.host, r.path),
                   ClaimedPath{i, d, index, *backend}, p.location,
                   fmt::format("path \"{}\" ({}) on host {}", r.path.value, r.path.type,
                               host_label(rule.host)))) {
          continue;
        }
        plan.claimed_by_ingress_path.emplace(Plan::ingress_path_key(info.scope(), rule.host, p),
                                             ClaimedPath{i, d, index, *backend});
        if (!bare_full_path.empty()) {
          // "LIT/?(.*)": the bare LIT went upstream as the target itself.
          RouteRuleIR bare = r;
          bare.path = PathMatchIR{"Exact", effective.path};
          bare.filters.edit().rewrite_prefix.reset();
          bare.filters.edit().rewrite_full_path = bare_full_path;
          if (claim(plan, Plan::claim_key(info.scope(), rule.host, bare.path),
                    ClaimedPath{i, d, plan.drafts[d].rules.size() + 1, *backend}, p.location,
                    fmt::format("path \"{}\" (Exact) on host {}", bare.path.value, host_label(rule.host)))) {
            plan.drafts[d].rules.push_back(std::move(r));
            plan.drafts[d].rules.push_back(std::move(bare));
            continue;
          }
        }
        push_per_method(plan.drafts[d].rules, std::move(r), tpl.methods);
      }
      if (tpl.app_root && !rule.host.empty()) add_app_root(plan, i, d, *tpl.app_root, rule.host);
    }
    plan_ingress_protocols(plan, i, tpl);
  }
}

/// Gateway API precedence among the planned rules of one host (Exact, then
/// the longest PathPrefix whose elements match), for telling the user where
/// a dropped path's requests now go.
void report_dropped_paths(Plan& plan) {
  for (const DroppedPath& d : plan.dropped) {
    const RouteRuleIR* best = nullptr;
    const RouteDraft* best_draft = nullptr;
    for (const RouteDraft& draft : plan.drafts) {
      const IngressInfo& owner = plan.ingresses[draft.ingress];
      if (owner.cls.name != d.cls || (draft.host != d.host && !(draft.catch_all && !best))) continue;
      for (const RouteRuleIR& r : draft.rules) {
        if (!r.headers.empty()) continue;
        const std::string& v = r.path.value;
        std::string trimmed = v.size() > 1 && v.back() == '/' ? v.substr(0, v.size() - 1) : v;
        bool hit = r.path.type == "Exact" ? v == d.sample
                   : r.path.type == "PathPrefix"
                       ? trimmed == "/" || d.sample == trimmed || d.sample.rfind(trimmed + "/", 0) == 0
                       : false;
        if (!hit) continue;
        bool better = !best || (r.path.type == "Exact" && best->path.type != "Exact") ||
                      (r.path.type == best->path.type && v.size() > best->path.value.size()) ||
                      (best_draft->catch_all && !draft.catch_all);
        if (better) {
          best = &r;
          best_draft = &draft;
        }
      }
    }
    std::string now = "a 404 (no other route of the host matches)";
    if (best) {
      std::string to = best->backends.empty() ? "a redirect" : "Service " + best->backends[0].name;
      now = fmt::format("{} ({} \"{}\" of Ingress {})", to, best->path.type, best->path.value,
                        plan.ingresses[best_draft->ingress].ing->ref());
    }
    plan.findings->error(d.where,
                         fmt::format("{}; its requests (e.g. \"{}\" on host {}) now go to {}", d.message,
                                     d.sample, host_label(d.host), now),
                         d.id);
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
      if (creator.emplace(info.scope() + '\n' + rule.host, i).second) {
        plan.drafts[plan.draft_for(i, rule.host)].creates_host = true;
      }
    }
  }
  for (size_t i = 0; i < plan.ingresses.size(); ++i) {
    const IngressInfo& info = plan.ingresses[i];
    const Ingress& ing = *info.ing;
    if (info.cls.name.empty() || info.is_canary() || ing.rules.empty() || !ing.default_backend) continue;
    std::optional<BackendRefIR> backend;
    for (const auto& rule : ing.rules) {
      if (rule.host.empty()) continue;
      size_t owner = creator.at(info.scope() + '\n' + rule.host);
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
      std::string key = Plan::claim_key(info.scope(), rule.host, root);
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
