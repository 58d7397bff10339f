// Traefik's routers for Ingresses (pkg/provider/kubernetes/ingress/
// kubernetes.go loadConfigurationFromIngresses, loadRouter) and how its
// muxer picks one (pkg/muxer/http/mux.go, matcher.go; pkg/muxer/muxer.go).
// docs/research/traefik-ingress.md §1 has the details and citations.

#include "verify/traefik_model.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <climits>

#include "util/text.h"
#include "model/traefik_rule.h"
#include "verify/backend_name.h"
#include "verify/traefik_chain.h"

namespace im::verify {

namespace {

const char* matcher_name(TraefikRouter::Matcher m) {
  switch (m) {
    case TraefikRouter::Matcher::Path: return "Path";
    case TraefikRouter::Matcher::PathPrefix: return "PathPrefix";
    case TraefikRouter::Matcher::PathRegexp: return "PathRegexp";
    case TraefikRouter::Matcher::None: break;
  }
  return "";
}

/// pkg/muxer/muxer.go DomainMatchHostExpression: "*.a.com" stands for the
/// request host with its first label replaced by "*": one label exactly.
/// Host matching is case-insensitive; the probe's host is lower case.
bool host_matches(const std::string& pattern, const std::string& host) {
  if (pattern.empty() || pattern == host) return true;
  if (pattern.rfind("*.", 0) != 0) return false;
  size_t dot = host.find('.');
  return dot != std::string::npos && dot > 0 && "*" + host.substr(dot) == pattern;
}

/// pkg/muxer/http/matcher.go: Path is equality, PathPrefix strings.HasPrefix
/// (character-wise: "/docs" matches "/docsearch"), PathRegexp Go's
/// regexp.MatchString, unanchored. RE2 reads Go's syntax (both are RE2
/// dialects); Go's \C and some Perl classes differ only at the edges.
bool path_matches(const TraefikRouter& r, const std::string& path, bool& unreadable) {
  switch (r.matcher) {
    case TraefikRouter::Matcher::None: return true;
    case TraefikRouter::Matcher::Path: return path == r.path;
    case TraefikRouter::Matcher::PathPrefix: return starts_with(path, r.path);
    case TraefikRouter::Matcher::PathRegexp:
      if (!r.regex) {
        unreadable = true;
        return true;
      }
      return RE2::PartialMatch(path, *r.regex);
  }
  return false;
}

}  // namespace

TraefikModel::TraefikModel(const Inventory& inventory, const std::vector<size_t>& ingresses) {
  for (size_t i : ingresses) add_ingress(inventory, i);
  // pkg/muxer/http/mux.go: routes sorted by priority, highest first; the
  // first whose matcher returns true serves. Equal priorities have no
  // defined order (route() says uncertain when it matters).
  std::stable_sort(routers_.begin(), routers_.end(),
                   [](const TraefikRouter& a, const TraefikRouter& b) { return a.priority > b.priority; });
}

void TraefikModel::add_ingress(const Inventory& inventory, size_t index) {
  const Ingress& ing = inventory.ingresses[index];
  const size_t settings = settings_.size();
  settings_.push_back(read_traefik_settings(ing, inventory));
  const TraefikSettings& s = settings_.back();
  // ing/kubernetes.go getCertificates: spec.tls loads certificates, chosen
  // by SNI; the hosts listed stand for the certificates' names here.
  for (const IngressTLS& t : ing.tls) {
    for (const std::string& h : t.hosts) tls_hosts_.insert(wildcard_instance(to_lower(h)));
  }
  if (!s.not_served.empty()) return;  // no router at all
  // ing/kubernetes.go: spec.defaultBackend is used only without rules, as
  // the single global default-router, PathPrefix("/") at math.MinInt32;
  // a second one is logged "The default backend already exists" and which
  // wins follows the lister's order.
  if (ing.rules.empty() && ing.default_backend && ing.default_backend->kind == Backend::Kind::Service) {
    for (const TraefikRouter& r : routers_) {
      if (r.default_router)
        default_router_doubt_ = "several rule-less Ingresses have a defaultBackend; Traefik keeps the one it "
                                "lists first";
    }
    TraefikRouter r;
    r.matcher = TraefikRouter::Matcher::PathPrefix;
    r.path = "/";
    r.rule = "PathPrefix(\"/\")";
    r.priority = INT32_MIN;
    r.settings = settings;
    r.backend = backend_name(inventory, *ing.default_backend, ing);
    r.default_router = true;
    r.source = ing.default_backend->location;
    routers_.push_back(std::move(r));
  }
  for (const IngressRule& rule : ing.rules) {
    for (const IngressPath& p : rule.paths) {
      if (p.backend.kind != Backend::Kind::Service) continue;  // "not supported", skipped
      TraefikRouter r;
      // loadRouter: Exact is Path, Prefix PathPrefix; ImplementationSpecific
      // (or none) router.pathmatcher, and any other matcher skips the path.
      if (p.type == PathType::Exact) {
        r.matcher = TraefikRouter::Matcher::Path;
      } else if (p.type == PathType::Prefix || s.path_matcher == "PathPrefix") {
        r.matcher = TraefikRouter::Matcher::PathPrefix;
      } else if (s.path_matcher == "Path") {
        r.matcher = TraefikRouter::Matcher::Path;
      } else if (s.path_matcher == "PathRegexp") {
        r.matcher = TraefikRouter::Matcher::PathRegexp;
      } else {
        continue;
      }
      // A path that does not start with "/" puts the router in error.
      if (!p.path.empty() && p.path[0] != '/') continue;
      if (p.path.empty()) r.matcher = TraefikRouter::Matcher::None;
      r.host = to_lower(rule.host);
      r.path = p.path;
      r.rule = traefik_rule(rule.host, matcher_name(r.matcher), p.path);
      if (r.matcher == TraefikRouter::Matcher::PathRegexp) {
        RE2::Options opts;
        opts.set_log_errors(false);
        auto re = std::make_shared<const RE2>(p.path, opts);
        if (re->ok()) r.regex = std::move(re);
      }
      r.priority = traefik_priority(r.rule, s.priority);
      r.settings = settings;
      r.backend = backend_name(inventory, p.backend, ing);
      r.source = p.location;
      routers_.push_back(std::move(r));
    }
  }
}

Outcome TraefikModel::route(const Probe& probe) const {
  auto candidate = [&](const TraefikRouter& r, bool& unreadable) {
    // runtime_http.go GetRoutersByEntryPoints: plain HTTP reaches the
    // routers of web without TLS, HTTPS those of websecure.
    const TraefikSettings& s = settings_[r.settings];
    if (!(probe.scheme == "https" ? s.https : s.http)) return false;
    return host_matches(r.host, probe.host) && path_matches(r, probe.path, unreadable);
  };
  for (size_t i = 0; i < routers_.size(); ++i) {
    const TraefikRouter& r = routers_[i];
    bool unreadable = false;
    if (!candidate(r, unreadable)) continue;
    if (unreadable) return Outcome::uncertain("PathRegexp \"" + r.path + "\" is not understood");
    if (r.rule.empty()) {
      return Outcome::uncertain("a rule with neither host nor path: what Traefik does with the empty rule "
                                "is not confirmed");
    }
    Outcome o = serve(r, probe);
    // mux.go: equal priorities are in no defined order (an unstable sort
    // of routers taken from a map), so another matching router of the
    // same priority may serve instead.
    for (size_t k = i + 1; k < routers_.size() && routers_[k].priority == r.priority; ++k) {
      bool other_unreadable = false;
      if (!candidate(routers_[k], other_unreadable)) continue;
      if (other_unreadable || serve(routers_[k], probe).text(probe.host) != o.text(probe.host)) {
        return Outcome::uncertain(fmt::format("{} and {} have the same priority {}, and Traefik's order between "
                                              "them is undefined",
                                              r.rule, routers_[k].rule, r.priority));
      }
    }
    return o;
  }
  return Outcome::not_found();
}

Outcome TraefikModel::serve(const TraefikRouter& r, const Probe& probe) const {
  const TraefikSettings& s = settings_[r.settings];
  if (!s.uncertain.empty()) return Outcome::uncertain(s.uncertain);
  if (r.default_router && !default_router_doubt_.empty()) return Outcome::uncertain(default_router_doubt_);
  Outcome o = run_traefik_middlewares(s.middlewares, probe);
  if (o.kind == Outcome::Kind::Proxy) o.backends = {{r.backend, 1}};
  o.normalise();
  o.served_by = r.source;
  return o;
}

}  // namespace im::verify
