#include "emit/objects.h"

#include <set>

namespace im {

using json = nlohmann::ordered_json;

namespace {

constexpr const char* kApiVersion = "gateway.networking.k8s.io/v1";

/// apiVersion, kind, metadata and spec, in that order; takes the parts
/// by value so that a built spec is moved in, never copied.
json kube_object(const char* api_version, const char* kind, json meta, json spec) {
  json o = json::object();
  o["apiVersion"] = api_version;
  o["kind"] = kind;
  o["metadata"] = std::move(meta);
  o["spec"] = std::move(spec);
  return o;
}

json metadata(const std::string& ns, const std::string& name, const CarriedAnnotations& annotations = {}) {
  json m = json::object();
  m["name"] = name;
  if (!ns.empty()) m["namespace"] = ns;
  if (!annotations.empty()) m["annotations"] = annotations;
  return m;
}

json backend_ref(const BackendRefIR& b) {
  json j = json::object();
  if (!b.group.empty()) j["group"] = b.group;
  if (!b.kind.empty() && b.kind != "Service") j["kind"] = b.kind;
  j["name"] = b.name;
  if (b.port) j["port"] = *b.port;
  if (b.weight) j["weight"] = *b.weight;
  return j;
}

json allowed_routes(const std::vector<std::string>& namespaces) {
  if (namespaces.size() == 1 && namespaces[0] == "*") {
    return json{{"namespaces", {{"from", "All"}}}};
  }
  return json{{"namespaces",
               {{"from", "Selector"},
                {"selector",
                 {{"matchExpressions",
                   json::array({{{"key", "kubernetes.io/metadata.name"},
                                 {"operator", "In"},
                                 {"values", namespaces}}})}}}}}};
}

json parent_refs(const std::vector<ParentRefIR>& parents) {
  json out = json::array();
  for (const auto& p : parents) {
    json j = json::object();
    if (!p.kind.empty()) {
      j["group"] = "gateway.networking.k8s.io";
      j["kind"] = p.kind;
    }
    if (!p.ns.empty()) j["namespace"] = p.ns;
    j["name"] = p.name;
    if (!p.section.empty()) j["sectionName"] = p.section;
    if (p.port) j["port"] = *p.port;
    out.push_back(std::move(j));
  }
  return out;
}

json header_matches(const std::vector<HeaderMatchIR>& headers) {
  json out = json::array();
  for (const auto& h : headers) out.push_back(json{{"type", h.type}, {"name", h.name}, {"value", h.value}});
  return out;
}

json rule_object(const RouteRuleIR& r) {
  json rule = json::object();
  json match = json::object();
  match["path"] = json{{"type", r.path.type}, {"value", r.path.value}};
  if (!r.headers.empty()) match["headers"] = header_matches(r.headers);
  if (!r.method.empty()) match["method"] = r.method;
  json matches = json::array();
  matches.push_back(std::move(match));
  rule["matches"] = std::move(matches);
  auto filters = r.filters.get().to_json();
  if (!filters.empty()) rule["filters"] = std::move(filters);
  if (!r.backends.empty()) {
    json refs = json::array();
    for (const auto& b : r.backends) refs.push_back(backend_ref(b));
    rule["backendRefs"] = std::move(refs);
  }
  if (r.request_timeout || r.backend_timeout) {
    json t = json::object();
    if (r.request_timeout) t["request"] = *r.request_timeout;
    if (r.backend_timeout) t["backendRequest"] = *r.backend_timeout;
    rule["timeouts"] = std::move(t);
  }
  if (r.retry) {
    json retry = json::object();
    if (!r.retry->codes.empty()) retry["codes"] = r.retry->codes;
    retry["attempts"] = r.retry->attempts;
    rule["retry"] = std::move(retry);
  }
  if (!r.session_persistence.is_null()) rule["sessionPersistence"] = r.session_persistence;
  return rule;
}


json listener_object(const ListenerIR& l) {
  json j = json::object();
  j["name"] = l.name;
  if (!l.hostname.empty()) j["hostname"] = l.hostname;
  j["port"] = l.port;
  j["protocol"] = l.protocol;
  if (l.protocol == "TLS") {
    j["tls"] = json{{"mode", l.tls_mode}};
  } else if (l.protocol == "HTTPS") {
    json certs = json::array();
    for (const auto& c : l.certificates) {
      json ref = json{{"kind", "Secret"}, {"name", c.name}};
      if (!c.ns.empty()) ref["namespace"] = c.ns;
      certs.push_back(std::move(ref));
    }
    json tls = json::object();
    tls["mode"] = "Terminate";
    tls["certificateRefs"] = std::move(certs);
    if (!l.tls_options.empty()) {
      json options = json::object();
      for (const auto& [k, v] : l.tls_options) options[k] = v;
      tls["options"] = std::move(options);
    }
    j["tls"] = std::move(tls);
  }
  if (!l.route_namespaces.empty()) j["allowedRoutes"] = allowed_routes(l.route_namespaces);
  return j;
}

/// An existing Gateway with the listeners it lacked appended; what the API
/// server owns (status, uid, resourceVersion, managedFields, ...) is left out
/// so the object applies cleanly.
json extended_gateway_object(const GatewayIR& g) {
  json out = g.existing;
  out.erase("status");
  if (out.contains("metadata") && out["metadata"].is_object()) {
    json& meta = out["metadata"];
    for (const char* server_owned : {"uid", "resourceVersion", "generation", "creationTimestamp",
                                     "managedFields", "selfLink"}) {
      meta.erase(server_owned);
    }
    if (!g.annotations.empty() && !meta["annotations"].is_object()) meta["annotations"] = json::object();
    for (const auto& [key, value] : g.annotations) meta["annotations"][key] = value;
  }
  if (!out["spec"].is_object()) out["spec"] = json::object();
  json& listeners = out["spec"]["listeners"];
  if (!listeners.is_array()) listeners = json::array();
  std::set<std::string> present;
  for (const auto& l : listeners) {
    if (l.is_object() && l.contains("name") && l["name"].is_string()) present.insert(l["name"].get<std::string>());
  }
  for (const auto& l : g.listeners) {
    if (!present.count(l.name)) listeners.push_back(listener_object(l));
  }
  return out;
}

}  // namespace

json gateway_object(const GatewayIR& g) {
  if (!g.existing.is_null()) return extended_gateway_object(g);
  json listeners = json::array();
  for (const auto& l : g.listeners) listeners.push_back(listener_object(l));
  json spec = json{{"gatewayClassName", g.gateway_class}};
  if (!g.named_address.empty()) {
    spec["addresses"] = json::array({{{"type", "NamedAddress"}, {"value", g.named_address}}});
  }
  if (!g.parameters.kind.empty()) {
    spec["infrastructure"] = {
        {"parametersRef", {{"group", g.parameters.group}, {"kind", g.parameters.kind}, {"name", g.parameters.name}}}};
  }
  spec["listeners"] = std::move(listeners);
  return kube_object(kApiVersion, "Gateway", metadata(g.ns, g.name, g.annotations), std::move(spec));
}

json listener_set_object(const ListenerSetIR& s) {
  json listeners = json::array();
  for (const auto& l : s.listeners) listeners.push_back(listener_object(l));
  json parent = json{{"name", s.parent_name}};
  if (s.parent_ns != s.ns) parent["namespace"] = s.parent_ns;
  json spec = json::object();
  spec["parentRef"] = std::move(parent);
  spec["listeners"] = std::move(listeners);
  return kube_object(kApiVersion, "ListenerSet", metadata(s.ns, s.name, s.annotations), std::move(spec));
}


json grpc_route_object(const GRPCRouteIR& r) {
  json spec = json::object();
  spec["parentRefs"] = parent_refs(r.parents);
  if (!r.hostnames.empty()) spec["hostnames"] = r.hostnames;
  json rules = json::array();
  for (const auto& rule : r.rules) {
    json jr = json::object();
    json match = json::object();
    if (!rule.service.empty() || !rule.method.empty()) {
      json method = json{{"type", "Exact"}};
      if (!rule.service.empty()) method["service"] = rule.service;
      if (!rule.method.empty()) method["method"] = rule.method;
      match["method"] = method;
    }
    if (!rule.headers.empty()) match["headers"] = header_matches(rule.headers);
    if (!match.empty()) {
      json matches = json::array();
      matches.push_back(std::move(match));
      jr["matches"] = std::move(matches);
    }
    auto filters = rule.filters.to_json();
    if (!filters.empty()) jr["filters"] = std::move(filters);
    json refs = json::array();
    for (const auto& b : rule.backends) refs.push_back(backend_ref(b));
    if (!refs.empty()) jr["backendRefs"] = std::move(refs);
    rules.push_back(std::move(jr));
  }
  spec["rules"] = std::move(rules);
  return kube_object(kApiVersion, "GRPCRoute", metadata(r.ns, r.name, r.annotations), std::move(spec));
}

json tls_route_object(const TLSRouteIR& r) {
  json refs = json::array();
  for (const auto& b : r.backends) refs.push_back(backend_ref(b));
  return json{{"apiVersion", kApiVersion},
              {"kind", "TLSRoute"},
              {"metadata", metadata(r.ns, r.name, r.annotations)},
              {"spec",
               {{"parentRefs", parent_refs(r.parents)},
                {"hostnames", r.hostnames},
                {"rules", json::array({{{"backendRefs", refs}}})}}}};
}

json backend_tls_policy_object(const BackendTLSPolicyIR& p) {
  json validation = json::object();
  if (p.ca_refs.empty()) {
    validation["wellKnownCACertificates"] = "System";
  } else {
    json refs = json::array();
    for (const auto& [kind, name] : p.ca_refs) refs.push_back({{"group", ""}, {"kind", kind}, {"name", name}});
    validation["caCertificateRefs"] = std::move(refs);
  }
  validation["hostname"] = p.hostname;
  return json{{"apiVersion", kApiVersion},
              {"kind", "BackendTLSPolicy"},
              {"metadata", metadata(p.ns, p.name)},
              {"spec",
               {{"targetRefs", json::array({{{"group", ""}, {"kind", "Service"}, {"name", p.service}}})},
                {"validation", validation}}}};
}

json http_route_object(const HTTPRouteIR& r) {
  json spec = json::object();
  spec["parentRefs"] = parent_refs(r.parents);
  if (!r.hostnames.empty()) spec["hostnames"] = r.hostnames;
  json rules = json::array();
  for (const auto& rule : r.rules) rules.push_back(rule_object(rule));
  spec["rules"] = std::move(rules);
  return kube_object(kApiVersion, "HTTPRoute", metadata(r.ns, r.name, r.annotations), std::move(spec));
}

json reference_grant_object(const ReferenceGrantIR& g) {
  json to = json::array();
  // `to` holds at most 16 entries; past that, allow every Secret of the
  // namespace rather than emit an object the API server rejects.
  if (g.secret_names.size() > 16) {
    to.push_back(json{{"group", ""}, {"kind", "Secret"}});
  } else {
    for (const auto& s : g.secret_names) to.push_back(json{{"group", ""}, {"kind", "Secret"}, {"name", s}});
  }
  return json{{"apiVersion", "gateway.networking.k8s.io/v1beta1"},
              {"kind", "ReferenceGrant"},
              {"metadata", metadata(g.ns, g.name)},
              {"spec",
               {{"from", json::array({{{"group", "gateway.networking.k8s.io"},
                                       {"kind", "Gateway"},
                                       {"namespace", g.from_ns}}})},
                {"to", to}}}};
}

void for_each_object_with_source(
    const ConversionOutput& out,
    const std::function<void(const json&, const std::string&, const Location&)>& fn) {
  static const std::string none;
  static const Location nowhere;
  for (const auto& g : out.gateways) fn(gateway_object(g), none, nowhere);
  for (const auto& s : out.listener_sets) fn(listener_set_object(s), none, nowhere);
  for (const auto& r : out.http_routes) fn(http_route_object(r), r.source_ingress, r.source);
  for (const auto& r : out.grpc_routes) fn(grpc_route_object(r), r.source_ingress, r.source);
  for (const auto& r : out.tls_routes) fn(tls_route_object(r), r.source_ingress, r.source);
  for (const auto& p : out.backend_tls_policies) fn(backend_tls_policy_object(p), p.source_ingress, p.source);
  for (const auto& g : out.reference_grants) fn(reference_grant_object(g), none, nowhere);
  for (const auto& v : out.vendor_objects) fn(v.object, v.source_ingress, v.source);
}

size_t object_count(const ConversionOutput& out) {
  return out.gateways.size() + out.listener_sets.size() + out.http_routes.size() + out.grpc_routes.size() +
         out.tls_routes.size() + out.backend_tls_policies.size() + out.reference_grants.size() +
         out.vendor_objects.size();
}

json object_at(const ConversionOutput& out, size_t i) {
  if (i < out.gateways.size()) return gateway_object(out.gateways[i]);
  i -= out.gateways.size();
  if (i < out.listener_sets.size()) return listener_set_object(out.listener_sets[i]);
  i -= out.listener_sets.size();
  if (i < out.http_routes.size()) return http_route_object(out.http_routes[i]);
  i -= out.http_routes.size();
  if (i < out.grpc_routes.size()) return grpc_route_object(out.grpc_routes[i]);
  i -= out.grpc_routes.size();
  if (i < out.tls_routes.size()) return tls_route_object(out.tls_routes[i]);
  i -= out.tls_routes.size();
  if (i < out.backend_tls_policies.size()) return backend_tls_policy_object(out.backend_tls_policies[i]);
  i -= out.backend_tls_policies.size();
  if (i < out.reference_grants.size()) return reference_grant_object(out.reference_grants[i]);
  i -= out.reference_grants.size();
  return out.vendor_objects.at(i).object;
}

ObjectSource object_source_at(const ConversionOutput& out, size_t i) {
  static const std::string none;
  static const Location nowhere;
  auto from = [](const auto& o) { return ObjectSource{&o.source_ingress, &o.source}; };
  const size_t shared = out.gateways.size() + out.listener_sets.size();  // serve many Ingresses
  if (i < shared) return ObjectSource{&none, &nowhere};
  i -= shared;
  if (i < out.http_routes.size()) return from(out.http_routes[i]);
  i -= out.http_routes.size();
  if (i < out.grpc_routes.size()) return from(out.grpc_routes[i]);
  i -= out.grpc_routes.size();
  if (i < out.tls_routes.size()) return from(out.tls_routes[i]);
  i -= out.tls_routes.size();
  if (i < out.backend_tls_policies.size()) return from(out.backend_tls_policies[i]);
  i -= out.backend_tls_policies.size();
  if (i < out.reference_grants.size()) return ObjectSource{&none, &nowhere};
  i -= out.reference_grants.size();
  return from(out.vendor_objects.at(i));
}

void for_each_object(const ConversionOutput& out, const std::function<void(const json&)>& fn) {
  for_each_object_with_source(out, [&](const json& obj, const std::string&, const Location&) { fn(obj); });
}

}  // namespace im
