#include "report/features.h"

#include <algorithm>
#include <set>

namespace im {

namespace {

using json = nlohmann::ordered_json;

const json& field(const json& j, const char* key) {
  static const json null;
  if (!j.is_object()) return null;
  auto it = j.find(key);
  return it == j.end() ? null : *it;
}

/// Filters are the same in a rule and in a backendRef (the latter adds the
/// HTTPRouteBackend* features, which this tool never emits).
void filter_features(const json& filters, std::set<std::string>& out) {
  if (!filters.is_array()) return;
  size_t mirrors = 0;
  for (const auto& f : filters) {
    const std::string type = field(f, "type").is_string() ? field(f, "type").get<std::string>() : "";
    if (type == "URLRewrite") {
      const json& r = field(f, "urlRewrite");
      if (!field(r, "path").is_null()) out.insert("HTTPRoutePathRewrite");
      if (!field(r, "hostname").is_null()) out.insert("HTTPRouteHostRewrite");
    } else if (type == "RequestRedirect") {
      const json& r = field(f, "requestRedirect");
      if (!field(r, "scheme").is_null()) out.insert("HTTPRouteSchemeRedirect");
      if (!field(r, "port").is_null()) out.insert("HTTPRoutePortRedirect");
      if (!field(r, "path").is_null()) out.insert("HTTPRoutePathRedirect");
      const json& code = field(r, "statusCode");
      if (code == 303) out.insert("HTTPRoute303RedirectStatusCode");
      if (code == 307) out.insert("HTTPRoute307RedirectStatusCode");
      if (code == 308) out.insert("HTTPRoute308RedirectStatusCode");
    } else if (type == "ResponseHeaderModifier") {
      out.insert("HTTPRouteResponseHeaderModification");
    } else if (type == "RequestMirror") {
      ++mirrors;
      out.insert("HTTPRouteRequestMirror");
      const json& m = field(f, "requestMirror");
      if (!field(m, "percent").is_null() || !field(m, "fraction").is_null()) {
        out.insert("HTTPRouteRequestPercentageMirror");
      }
    } else if (type == "CORS") {
      out.insert("HTTPRouteCORS");
    } else if (type == "ExtensionRef" && field(field(f, "extensionRef"), "group") == "configuration.konghq.com") {
      out.insert(kKongPluginFilterFeature);
    }
  }
  if (mirrors > 1) out.insert("HTTPRouteRequestMultipleMirrors");
}

void match_features(const json& matches, std::set<std::string>& out) {
  if (!matches.is_array()) return;
  for (const auto& m : matches) {
    if (field(field(m, "path"), "type") == "RegularExpression") out.insert("PathRegularExpression");
    for (const auto& h : field(m, "headers").is_array() ? field(m, "headers") : json::array()) {
      if (field(h, "type") == "RegularExpression") out.insert("HeaderRegularExpression");
    }
    if (!field(m, "queryParams").is_null()) out.insert("HTTPRouteQueryParamMatching");
    if (!field(m, "method").is_null()) out.insert("HTTPRouteMethodMatching");
  }
}

void parent_features(const json& spec, const char* port_feature, std::set<std::string>& out) {
  for (const auto& p : field(spec, "parentRefs").is_array() ? field(spec, "parentRefs") : json::array()) {
    if (!field(p, "port").is_null()) out.insert(port_feature);
  }
}

}  // namespace

namespace {

/// Mirrors the Gateway branch of detect_features over listener_object.
std::vector<std::string> listeners_features(const char* kind, const std::vector<ListenerIR>& listeners,
                                            bool addresses) {
  std::set<std::string> out{kind};
  for (const auto& l : listeners) {
    if (l.port == 8080) out.insert("GatewayPort8080");
    if (l.protocol == "TLS") out.insert("TLSRoute");
  }
  if (addresses) out.insert("GatewayStaticAddresses");
  return std::vector<std::string>(out.begin(), out.end());
}

}  // namespace

std::vector<std::string> gateway_features(const GatewayIR& g) {
  return listeners_features("Gateway", g.listeners, !g.named_address.empty());
}

std::vector<std::string> listener_set_features(const ListenerSetIR& s) {
  return listeners_features("ListenerSet", s.listeners, false);
}

std::vector<std::string> http_route_features(const HTTPRouteIR& route) {
  // Mirrors emit/objects.cc http_route_object and rule_object: one match
  // per rule (its path, its headers, its method), the FilterSet's filters,
  // timeouts and sessionPersistence when set; no rule names or queries.
  std::set<std::string> out{"HTTPRoute"};
  for (const auto& p : route.parents) {
    if (p.port) out.insert("HTTPRouteParentRefPort");
  }
  const FilterSet* last_filters = nullptr;
  for (const auto& rule : route.rules) {
    if (rule.path.type == "RegularExpression") out.insert("PathRegularExpression");
    if (!rule.method.empty()) out.insert("HTTPRouteMethodMatching");
    for (const auto& h : rule.headers) {
      if (h.type == "RegularExpression") out.insert("HeaderRegularExpression");
    }
    // Rules share FilterSets (all of an Ingress's rules its annotations'
    // one, every redirect rule one): each is read once per route.
    if (const FilterSet* filters = &rule.filters.get(); filters != last_filters) {
      filter_features(json(filters->to_json()), out);
      last_filters = filters;
    }
    if (rule.request_timeout) out.insert("HTTPRouteRequestTimeout");
    if (rule.backend_timeout) out.insert("HTTPRouteBackendTimeout");
    if (!rule.session_persistence.is_null()) out.insert("SessionPersistence");
    if (rule.retry) {
      out.insert("HTTPRouteRetry");
      if (rule.retry->codes.empty()) out.insert("HTTPRouteRetryConnectionError");
      if (rule.backend_timeout) out.insert("HTTPRouteRetryBackendTimeout");
    }
  }
  return std::vector<std::string>(out.begin(), out.end());
}

std::optional<bool> vendor_filter_support(const std::string& controller, const std::string& feature) {
  if (feature != kKongPluginFilterFeature) return std::nullopt;
  // Kong's implementations: kong-kubernetes-ingress-controller,
  // kong-operator, kong-gateway-operator.
  return controller.rfind("kong-", 0) == 0;
}

const std::vector<std::string>& implementation_specific_features() {
  static const std::vector<std::string> names = {"HeaderRegularExpression", "PathRegularExpression",
                                                 "SessionPersistence"};
  return names;
}

std::vector<std::string> detect_features(const json& obj) {
  std::set<std::string> out;
  const std::string kind = field(obj, "kind").is_string() ? field(obj, "kind").get<std::string>() : "";
  const json& spec = field(obj, "spec");
  if (kind == "Gateway" || kind == "ListenerSet") {
    // A ListenerSet's listeners are the Gateway's, so they need what a
    // Gateway's would, and the implementation must support ListenerSets.
    out.insert(kind == "Gateway" ? "Gateway" : "ListenerSet");
    for (const auto& l : field(spec, "listeners").is_array() ? field(spec, "listeners") : json::array()) {
      if (field(l, "port") == 8080) out.insert("GatewayPort8080");
      if (field(l, "protocol") == "TLS") out.insert("TLSRoute");  // a TLS listener serves TLSRoutes
    }
    if (field(spec, "addresses").is_array()) out.insert("GatewayStaticAddresses");
  } else if (kind == "HTTPRoute") {
    out.insert("HTTPRoute");
    parent_features(spec, "HTTPRouteParentRefPort", out);
    for (const auto& rule : field(spec, "rules").is_array() ? field(spec, "rules") : json::array()) {
      match_features(field(rule, "matches"), out);
      filter_features(field(rule, "filters"), out);
      const json& timeouts = field(rule, "timeouts");
      if (!field(timeouts, "request").is_null()) out.insert("HTTPRouteRequestTimeout");
      if (!field(timeouts, "backendRequest").is_null()) out.insert("HTTPRouteBackendTimeout");
      if (!field(rule, "sessionPersistence").is_null()) out.insert("SessionPersistence");
      const json& retry = field(rule, "retry");
      if (!retry.is_null()) {
        out.insert("HTTPRouteRetry");
        // Without codes only connection errors are retried.
        if (!field(retry, "codes").is_array() || field(retry, "codes").empty()) {
          out.insert("HTTPRouteRetryConnectionError");
        }
        if (!field(timeouts, "backendRequest").is_null()) out.insert("HTTPRouteRetryBackendTimeout");
      }
      if (!field(rule, "name").is_null()) out.insert("HTTPRouteNamedRouteRule");
    }
  } else if (kind == "GRPCRoute") {
    out.insert("GRPCRoute");
    for (const auto& rule : field(spec, "rules").is_array() ? field(spec, "rules") : json::array()) {
      for (const auto& m : field(rule, "matches").is_array() ? field(rule, "matches") : json::array()) {
        for (const auto& h : field(m, "headers").is_array() ? field(m, "headers") : json::array()) {
          if (field(h, "type") == "RegularExpression") out.insert("HeaderRegularExpression");
        }
      }
    }
  } else if (kind == "TLSRoute") {
    out.insert("TLSRoute");
  } else if (kind == "BackendTLSPolicy") {
    out.insert("BackendTLSPolicy");
  } else if (kind == "ReferenceGrant") {
    out.insert("ReferenceGrant");
  }
  return std::vector<std::string>(out.begin(), out.end());
}

}  // namespace im
