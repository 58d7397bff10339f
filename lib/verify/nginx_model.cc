// Building the model: servers and locations as ingress-nginx's
// controller.go (createServers, getBackendServers) and location.go
// (updateServerLocations) build them. docs/ingress-nginx-semantics.md has
// the quotes.

#include "verify/nginx_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <set>
#include <tuple>

#include "convert/class_resolver.h"
#include "util/text.h"
#include "verify/backend_name.h"

namespace im::verify {

namespace {

const char* const kDefaultServer = "_";

/// store.go sortIngressSlice: oldest first; equal timestamps go to the
/// larger "namespace/name". Manifests without a timestamp count as newest.
std::vector<size_t> by_age(const std::vector<Ingress>& ings, const std::vector<size_t>& which) {
  std::vector<size_t> order = which;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Ingress& x = ings[a];
    const Ingress& y = ings[b];
    if (x.creation_timestamp.empty() != y.creation_timestamp.empty())
      return y.creation_timestamp.empty();
    if (x.creation_timestamp != y.creation_timestamp)
      return x.creation_timestamp < y.creation_timestamp;
    return std::make_pair(y.ns, y.name) < std::make_pair(x.ns, x.name);
  });
  return order;
}

}  // namespace

NginxModel::NginxModel(const Inventory& inventory, const std::string& annotation_prefix,
                       const std::string& default_class, const NginxControllerConfig& config)
    : config_(config) {
  Findings ignored;  // the converter reports class problems; verify only needs the answer
  ClassResolver classes(inventory.classes, default_class, ignored);
  std::vector<size_t> nginx;
  for (size_t i = 0; i < inventory.ingresses.size(); ++i) {
    const Ingress& ing = inventory.ingresses[i];
    settings_.push_back(read_nginx_settings(ing, annotation_prefix, config.ssl_redirect));
    ResolvedClass cls = classes.resolve(ing);
    // Other controllers' Ingresses have their own models (controller_routing.h).
    if (cls.controller == "ingress-nginx") nginx.push_back(i);
  }
  std::vector<size_t> order = by_age(inventory.ingresses, nginx);
  add_servers(inventory, order);
  add_paths(inventory, order);
  merge_canaries(inventory, order);
  for (auto& [host, server] : servers_) finish_server(server);
}

// controller.go createServers: the default server "_" and one server per
// rule host, created by the oldest Ingress naming it, each with a synthetic
// `location /` whose backend is that Ingress's defaultBackend (or the
// controller's default backend) and whose settings are that Ingress's.
void NginxModel::add_servers(const Inventory& inventory, const std::vector<size_t>& order) {
  NginxServer& def = servers_[kDefaultServer];
  def.host = kDefaultServer;
  NginxLocation root;
  root.path = "/";
  root.ingress_path = "/";
  root.is_def_backend = true;
  root.owner = SIZE_MAX;  // the controller's own defaults
  def.locations.push_back(root);
  for (size_t i : order) {
    const Ingress& ing = inventory.ingresses[i];
    if (settings_[i].canary.enabled) continue;  // "is marked as Canary, ignoring"
    // Only an Ingress without rules makes its defaultBackend the catch-all,
    // and only the oldest: the root stops being IsDefBackend once set.
    NginxLocation& catch_all = def.locations.front();
    if (ing.default_backend && ing.rules.empty() && catch_all.is_def_backend) {
      catch_all.backend = backend_name(inventory, *ing.default_backend, ing);
      catch_all.owner = i;
      catch_all.source = ing.default_backend->location;
      catch_all.is_def_backend = false;
      catch_all.catch_all = true;
    }
    for (const IngressRule& rule : ing.rules) {
      if (rule.host.empty()) continue;
      std::string host = to_lower(rule.host);
      // createServers: "if !servers[host].SSLPassthrough && anns.SSLPassthrough".
      if (settings_[i].ssl_passthrough) servers_[host].passthrough = true;
      if (servers_.count(host) && !servers_[host].host.empty()) continue;
      NginxServer& s = servers_[host];
      s.host = host;
      NginxLocation loc = root;
      loc.owner = i;
      loc.source = rule.location;
      if (ing.default_backend) loc.backend = backend_name(inventory, *ing.default_backend, ing);
      s.locations.push_back(loc);
    }
    // "Host is listed in the TLS section but secretName is empty. Using
    // default certificate": any spec.tls gives every rule host a certificate.
    if (!ing.tls.empty()) {
      for (const IngressRule& rule : ing.rules) {
        if (!rule.host.empty()) servers_[to_lower(rule.host)].has_cert = true;
      }
    }
  }
}

// controller.go getBackendServers: each path adds a location unless one
// with the same path and pathType exists; a synthetic root is replaced.
// ImplementationSpecific and a missing pathType are Prefix
// (k8s/main.go SetDefaultNGINXPathType); an empty path is "/".
void NginxModel::add_paths(const Inventory& inventory, const std::vector<size_t>& order) {
  // Where each (host, path, exact) already has a location: a lookup, not a
  // scan, so that thousands of paths on one host stay linear.
  std::map<std::tuple<std::string, std::string, bool>, size_t> existing;
  for (const auto& [host, server] : servers_) {
    for (size_t k = 0; k < server.locations.size(); ++k) {
      const NginxLocation& l = server.locations[k];
      existing.emplace(std::make_tuple(host, l.path, l.exact), k);
    }
  }
  for (size_t i : order) {
    const Ingress& ing = inventory.ingresses[i];
    if (settings_[i].canary.enabled) continue;
    for (const IngressRule& rule : ing.rules) {
      std::string host = rule.host.empty() ? kDefaultServer : to_lower(rule.host);
      NginxServer& server = servers_[host];
      for (const IngressPath& p : rule.paths) {
        NginxLocation loc;
        loc.path = p.path.empty() ? "/" : p.path;
        loc.ingress_path = loc.path;
        loc.exact = p.type == PathType::Exact;
        loc.owner = i;
        loc.backend = backend_name(inventory, p.backend, ing);
        loc.source = p.location;
        auto [same, added] = existing.emplace(std::make_tuple(host, loc.path, loc.exact),
                                              server.locations.size());
        if (added) {
          server.locations.push_back(loc);
        } else if (server.locations[same->second].is_def_backend) {
          server.locations[same->second] = loc;  // "Replacing location ... IsDefBackend"
        }
      }
    }
  }
}

// controller.go mergeAlternativeBackends: a canary path joins the location
// with the same host, path and pathType, and its backend becomes the
// alternative of that location's upstream -- for every location using it.
// balancer.lua only ever looks at the first alternative.
void NginxModel::merge_canaries(const Inventory& inventory, const std::vector<size_t>& order) {
  for (size_t i : order) {
    const Ingress& ing = inventory.ingresses[i];
    if (!settings_[i].canary.enabled) continue;
    for (const IngressRule& rule : ing.rules) {
      auto server = servers_.find(rule.host.empty() ? kDefaultServer : to_lower(rule.host));
      if (server == servers_.end()) continue;  // "cannot merge alternative backend"
      for (const IngressPath& p : rule.paths) {
        std::string path = p.path.empty() ? "/" : p.path;
        bool exact = p.type == PathType::Exact;
        for (const NginxLocation& loc : server->second.locations) {
          if (loc.path != path || loc.exact != exact || loc.backend.empty()) continue;
          canaries_.emplace(loc.backend, Canary{backend_name(inventory, p.backend, ing), i});
        }
      }
    }
  }
}

// Sorting (getBackendServers) and the Prefix split (updateServerLocations),
// then the per-server regex switch (template.go enforceRegexModifier).
void NginxModel::finish_server(NginxServer& server) {
  auto& locs = server.locations;
  std::stable_sort(locs.begin(), locs.end(),
                   [](const NginxLocation& a, const NginxLocation& b) { return a.path > b.path; });
  std::stable_sort(locs.begin(), locs.end(), [](const NginxLocation& a, const NginxLocation& b) {
    return a.path.size() > b.path.size();
  });
  auto regex_location = [&](const NginxLocation& l) {
    if (l.owner == SIZE_MAX || l.catch_all) return false;
    const NginxSettings& s = settings_[l.owner];
    // needsRewrite: a target that differs from the path.
    return s.use_regex || (!s.rewrite_target.empty() && s.rewrite_target != l.ingress_path);
  };
  std::set<std::string> exact_paths;
  for (const NginxLocation& l : locs) {
    if (l.exact) exact_paths.insert(l.path);
  }
  std::vector<NginxLocation> split;
  for (const NginxLocation& l : locs) {
    if (regex_location(l)) server.regex = true;
    if (l.exact || l.path == "/" || regex_location(l)) {
      split.push_back(l);
      continue;
    }
    NginxLocation prefix = l;
    if (prefix.path.back() != '/') prefix.path += '/';
    split.push_back(prefix);
    if (!exact_paths.count(l.path)) {
      NginxLocation exact = l;
      exact.exact = true;
      split.push_back(exact);
    }
  }
  locs = std::move(split);
  server.index.build(locs, server.regex);
  if (server.has_cert) tls_hosts_.insert(wildcard_instance(server.host));
}

}  // namespace im::verify
