#include "verify/traefik_settings.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>

#include "model/traefik_middleware_ref.h"
#include "util/text.h"

namespace im::verify {

namespace {

const char* const kPrefix = "traefik.ingress.kubernetes.io/";

std::optional<long long> parse_int(const std::string& v) {
  if (v.empty() || v.size() > 18) return std::nullopt;
  size_t i = (v[0] == '-' || v[0] == '+') ? 1 : 0;
  if (i == v.size()) return std::nullopt;
  for (size_t k = i; k < v.size(); ++k) {
    if (v[k] < '0' || v[k] > '9') return std::nullopt;
  }
  return std::atoll(v.c_str());
}

/// router.entrypoints: the Helm chart's entry points are web (:80, plain)
/// and websecure (:443, http.tls on); an empty list means every default
/// entry point, i.e. both (pkg/server/aggregator.go mergeConfiguration).
void read_entrypoints(const std::string& value, TraefikSettings& s) {
  bool web = false, websecure = false;
  for (const std::string& raw : split(value, ',')) {
    std::string name = trim(raw);
    if (name.empty()) continue;
    if (name == "web") {
      web = true;
    } else if (name == "websecure") {
      websecure = true;
    } else {
      s.uncertain = fmt::format(
          "router.entrypoints names \"{}\", not one of the Helm chart's entry points (web, websecure)", name);
    }
  }
  if (web || websecure) {
    s.http = s.http && web;
    s.https = websecure;
  }
}

/// router.middlewares (pkg/server/provider/provider.go GetQualifiedName):
/// a name without "@" belongs to the Ingress provider, which defines none;
/// "NS-NAME@kubernetescrd" is the Middleware object NS/NAME
/// (pkg/provider/kubernetes/crd/kubernetes.go makeID).
void read_middlewares(const std::string& value, const Inventory& inventory, TraefikSettings& s) {
  for (const TraefikMiddlewareRef& ref : traefik_middleware_refs(value)) {
    if (ref.provider.empty()) {
      s.not_served = fmt::format("middleware \"{}\" does not exist (the Ingress provider defines none)", ref.text);
      return;
    }
    if (ref.provider != "kubernetescrd") {
      s.uncertain = fmt::format("middleware \"{}\" comes from a provider verify does not read", ref.text);
      continue;
    }
    const TraefikMiddleware* found = find_traefik_middleware(inventory.traefik_middlewares, ref);
    if (!found) {
      s.not_served = fmt::format("middleware \"{}\" is not in the input", ref.text);
      return;
    }
    s.middlewares.push_back(found);
  }
}

}  // namespace

// ing/annotations.go: only traefik.ingress.kubernetes.io/router.* is read
// from an Ingress (service.* belongs on the Service; v1 keys such as
// rewrite-target are ignored since v2); field names are matched
// case-insensitively (paerser labels_decode.go containsNode).
TraefikSettings read_traefik_settings(const Ingress& ing, const Inventory& inventory) {
  TraefikSettings s;
  bool tls = false, tls_fields = false;
  for (const Annotation& a : ing.annotations) {
    if (!starts_with(a.key, kPrefix)) continue;
    const std::string field = to_lower(a.key.substr(std::char_traits<char>::length(kPrefix)));
    if (!starts_with(field, "router.")) continue;
    const std::string name = field.substr(7);
    if (name == "priority") {
      s.priority = parse_int(a.value);
      if (!s.priority) s.not_served = fmt::format("router.priority \"{}\" is not an integer", a.value);
    } else if (name == "pathmatcher") {
      s.path_matcher = a.value;
    } else if (name == "entrypoints") {
      read_entrypoints(a.value, s);
    } else if (name == "middlewares") {
      read_middlewares(a.value, inventory, s);
    } else if (name == "tls") {
      // paerser nodes_metadata.go: an allowEmpty struct is on for "true" only.
      tls = to_lower(a.value) == "true";
    } else if (starts_with(name, "tls.")) {
      tls_fields = true;
    } else if (name == "rulesyntax") {
      if (a.value != "v3" && a.value != "default")
        s.uncertain = fmt::format("router.rulesyntax \"{}\" selects matchers verify does not model", a.value);
    } else if (!starts_with(name, "observability.")) {
      // paerser "field not found": most likely the whole Ingress is skipped (not confirmed).
      s.uncertain = fmt::format("annotation {} is not a field Traefik knows", a.key);
    }
  }
  if (tls_fields && !tls) {
    s.uncertain = "router.tls.* without router.tls: \"true\" (whether Traefik makes the router TLS-only is not "
                  "confirmed)";
  }
  // pkg/config/runtime/runtime_http.go GetRoutersByEntryPoints: a TLS
  // router is only in the entry points' TLS handlers, so plain HTTP misses it.
  if (tls) s.http = false;
  return s;
}

}  // namespace im::verify
