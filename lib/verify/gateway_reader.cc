#include "verify/gateway_reader.h"

#include <fmt/format.h>

#include <tuple>

#include "util/text.h"

namespace im::verify {

namespace {

const char* const kId = "verify-input";
constexpr const char* kEnvoyGatewayGroup = "gateway.envoyproxy.io";

std::string str(const Node* n, const std::string& def = "") {
  return n && n->is_scalar() ? n->value : def;
}

std::optional<int> integer(const Node* n) {
  if (!n || !n->is_int()) return std::nullopt;
  try {
    return std::stoi(n->value);
  } catch (...) {
    return std::nullopt;
  }
}

const Node* child(const Node* n, const char* key) {
  return n ? n->get(key) : nullptr;
}

/// metadata.name and metadata.namespace (`default_ns`, -n/--namespace, when
/// unset, as `kubectl apply -n` places it; the Ingresses get the same).
std::pair<std::string, std::string> name_of(const Node& obj, const std::string& default_ns) {
  const Node* meta = obj.get("metadata");
  return {str(child(meta, "namespace"), default_ns), str(child(meta, "name"))};
}

const std::vector<Node>& items(const Node* n) {
  static const std::vector<Node> none;
  return n && n->is_sequence() ? n->items : none;
}

struct Reader {
  const Document& doc;
  ConversionOutput& out;
  Findings& findings;
  const std::string& default_ns;

  void note(const Node& at, const std::string& msg) { findings.warning(doc.at(at), msg, kId); }

  std::vector<ListenerIR> listeners(const Node* spec) {
    std::vector<ListenerIR> out;
    for (const Node& l : items(child(spec, "listeners"))) {
      ListenerIR li;
      li.name = str(l.get("name"));
      li.hostname = str(l.get("hostname"));
      li.port = integer(l.get("port")).value_or(0);
      li.protocol = str(l.get("protocol"));
      li.tls_mode = str(child(l.get("tls"), "mode"), "Terminate");
      const Node* ns = child(l.get("allowedRoutes"), "namespaces");
      std::string from = str(child(ns, "from"), "Same");
      if (from == "All") {
        li.route_namespaces.push_back("*");
      } else if (from == "Selector") {
        note(*ns,
             "allowedRoutes namespace selectors are not evaluated; routes of every namespace are "
             "taken to attach");
        li.route_namespaces.push_back("*");
      }
      out.push_back(std::move(li));
    }
    return out;
  }

  void gateway(const Node& obj) {
    const Node* spec = obj.get("spec");
    GatewayIR g;
    std::tie(g.ns, g.name) = name_of(obj, default_ns);
    g.gateway_class = str(child(spec, "gatewayClassName"));
    g.listeners = listeners(spec);
    out.gateways.push_back(std::move(g));
  }

  void listener_set(const Node& obj) {
    const Node* spec = obj.get("spec");
    ListenerSetIR s;
    std::tie(s.ns, s.name) = name_of(obj, default_ns);
    const Node* parent = child(spec, "parentRef");
    s.parent_ns = str(child(parent, "namespace"), s.ns);
    s.parent_name = str(child(parent, "name"));
    s.listeners = listeners(spec);
    out.listener_sets.push_back(std::move(s));
  }

  /// Name, parents and hostnames: what every route kind has.
  template <typename Route>
  void route_head(const Node& obj, Route& r) {
    const Node* spec = obj.get("spec");
    std::tie(r.ns, r.name) = name_of(obj, default_ns);
    r.source = doc.at(obj);
    for (const Node& p : items(child(spec, "parentRefs"))) {
      std::string kind = str(p.get("kind"), "Gateway");
      if (kind != "Gateway" && kind != "ListenerSet") continue;
      ParentRefIR ref(str(p.get("namespace")), str(p.get("name")), str(p.get("sectionName")),
                      kind == "ListenerSet" ? kind : "");
      ref.port = integer(p.get("port"));
      r.parents.push_back(std::move(ref));
    }
    for (const Node& h : items(child(spec, "hostnames"))) r.hostnames.push_back(to_lower(str(&h)));
  }

  std::vector<BackendRefIR> backends(const Node& rn) {
    std::vector<BackendRefIR> out;
    for (const Node& b : items(rn.get("backendRefs"))) {
      BackendRefIR ref;
      ref.group = str(b.get("group"));
      ref.kind = str(b.get("kind"));
      ref.name = str(b.get("name"));
      ref.port = integer(b.get("port"));
      ref.weight = integer(b.get("weight"));
      if (b.get("namespace"))
        note(b, "backendRefs namespace is not modelled; the route's namespace is used");
      if (b.get("filters")) note(b, "backendRef filters are not modelled");
      out.push_back(ref);
    }
    return out;
  }

  std::vector<HeaderMatchIR> header_matches(const Node& m) {
    std::vector<HeaderMatchIR> out;
    for (const Node& h : items(m.get("headers"))) {
      out.push_back({str(h.get("type"), "Exact"), str(h.get("name")), str(h.get("value"))});
    }
    return out;
  }

  // GRPCRoute: rules of method and header matches; its filters are the
  // header modifiers and mirrors that HTTPRoute has too.
  void grpc_route(const Node& obj) {
    GRPCRouteIR r;
    route_head(obj, r);
    for (const Node& rn : items(child(obj.get("spec"), "rules"))) {
      GRPCRuleIR base;
      base.source = doc.at(rn);
      for (const Node& fn : items(rn.get("filters"))) read_filter(fn, base.filters);
      base.backends = backends(rn);
      const Node* matches = rn.get("matches");
      if (!matches || items(matches).empty()) r.rules.push_back(base);
      for (const Node& m : items(matches)) {
        GRPCRuleIR rule = base;
        const Node* method = m.get("method");
        rule.service = str(child(method, "service"));
        rule.method = str(child(method, "method"));
        rule.headers = header_matches(m);
        if (str(child(method, "type"), "Exact") != "Exact")
          rule.headers.push_back({"Unmodelled", "RegularExpression method", ""});
        r.rules.push_back(rule);
      }
    }
    out.grpc_routes.push_back(std::move(r));
  }

  // TLSRoute: hostnames (SNI) and the backends of its rule.
  void tls_route(const Node& obj) {
    TLSRouteIR r;
    route_head(obj, r);
    for (const Node& rn : items(child(obj.get("spec"), "rules"))) {
      auto more = backends(rn);
      r.backends.insert(r.backends.end(), more.begin(), more.end());
    }
    out.tls_routes.push_back(std::move(r));
  }

  void http_route(const Node& obj) {
    const Node* spec = obj.get("spec");
    HTTPRouteIR r;
    route_head(obj, r);
    const Node* rules = child(spec, "rules");
    if (!rules) {
      // No rules: one rule matching every path, with no backends.
      RouteRuleIR rule;
      rule.path = {"PathPrefix", "/"};
      r.rules.push_back(rule);
    }
    for (const Node& rn : items(rules)) read_rule(rn, r);
    out.http_routes.push_back(std::move(r));
  }

  void read_rule(const Node& rn, HTTPRouteIR& route) {
    RouteRuleIR base;
    base.source = doc.at(rn);
    FilterSet f;
    for (const Node& fn : items(rn.get("filters"))) read_filter(fn, f);
    base.filters = SharedFilters(f);
    base.backends = backends(rn);
    const Node* matches = rn.get("matches");
    if (!matches || items(matches).empty()) {
      RouteRuleIR rule = base;
      rule.path = {"PathPrefix", "/"};
      route.rules.push_back(rule);
      return;
    }
    for (const Node& m : items(matches)) {
      RouteRuleIR rule = base;
      const Node* path = m.get("path");
      rule.path = {str(child(path, "type"), "PathPrefix"), str(child(path, "value"), "/")};
      rule.headers = header_matches(m);
      rule.method = str(m.get("method"));
      // Query matches: the model has no field for them, so a rule that uses
      // one is marked and answered "uncertain".
      if (m.get("queryParams")) rule.headers.push_back({"Unmodelled", "queryParams", ""});
      route.rules.push_back(rule);
    }
  }

  void read_filter(const Node& fn, FilterSet& f) {
    std::string type = str(fn.get("type"));
    if (type == "RequestRedirect") {
      const Node* r = fn.get("requestRedirect");
      RedirectSpec spec;
      spec.scheme = str(child(r, "scheme"));
      spec.hostname = str(child(r, "hostname"));
      spec.port = integer(child(r, "port"));
      spec.status_code = integer(child(r, "statusCode")).value_or(302);
      read_path_modifier(child(r, "path"), spec.full_path, spec.prefix);
      f.redirect = spec;
    } else if (type == "URLRewrite") {
      const Node* r = fn.get("urlRewrite");
      if (r && r->get("hostname")) f.rewrite_hostname = str(r->get("hostname"));
      read_path_modifier(child(r, "path"), f.rewrite_full_path, f.rewrite_prefix);
    } else if (type == "RequestHeaderModifier") {
      const Node* m = fn.get("requestHeaderModifier");
      for (const char* op : {"set", "add"}) {
        for (const Node& h : items(child(m, op))) {
          f.request_set.emplace_back(str(h.get("name")), str(h.get("value")));
        }
      }
      if (m && m->get("remove")) note(fn, "removed request headers are not modelled");
    } else if (type == "RequestMirror") {
      const Node* m = fn.get("requestMirror");
      const Node* ref = child(m, "backendRef");
      nlohmann::ordered_json b = nlohmann::ordered_json::object();
      b["name"] = str(child(ref, "name"));
      if (auto port = integer(child(ref, "port"))) b["port"] = *port;
      if (ref && ref->get("namespace")) b["namespace"] = str(ref->get("namespace"));
      f.mirrors.push_back({{"backendRef", b}});
    } else if (type == "ExtensionRef") {
      const Node* ref = fn.get("extensionRef");
      const std::string group = str(child(ref, "group"));
      const std::string kind = str(child(ref, "kind"));
      f.extension_refs.push_back({{"group", group}, {"kind", kind}, {"name", str(child(ref, "name"))}});
      if (!(group == kEnvoyGatewayGroup && kind == "HTTPRouteFilter")) {
        note(fn, "ExtensionRef filters other than Envoy Gateway's HTTPRouteFilter are not modelled");
      }
    }
    // ResponseHeaderModifier and CORS act on responses only.
  }

  /// Envoy Gateway's HTTPRouteFilter: kept as the object it is; the model
  /// resolves the ExtensionRefs to it (gateway_model.cc).
  void route_filter(const Node& obj) {
    auto [ns, name] = name_of(obj, default_ns);
    nlohmann::ordered_json o = {{"apiVersion", str(obj.get("apiVersion"))},
                                {"kind", "HTTPRouteFilter"},
                                {"metadata", {{"name", name}, {"namespace", ns}}}};
    const Node* path = child(child(obj.get("spec"), "urlRewrite"), "path");
    const Node* regex = child(path, "replaceRegexMatch");
    if (str(child(path, "type")) == "ReplaceRegexMatch" && regex) {
      o["spec"]["urlRewrite"]["path"] = {
          {"type", "ReplaceRegexMatch"},
          {"replaceRegexMatch",
           {{"pattern", str(regex->get("pattern"))}, {"substitution", str(regex->get("substitution"))}}}};
    } else if (obj.get("spec")) {
      note(obj, "only the urlRewrite.path ReplaceRegexMatch of an HTTPRouteFilter is modelled");
    }
    out.vendor_objects.push_back({std::move(o), "", doc.at(obj)});
  }

  /// Traefik's TraefikService: its weighted services' references, which the
  /// model resolves when there is one Service (gateway_model.cc).
  void traefik_service(const Node& obj) {
    auto [ns, name] = name_of(obj, default_ns);
    nlohmann::ordered_json services = nlohmann::ordered_json::array();
    for (const Node& s : items(child(child(obj.get("spec"), "weighted"), "services"))) {
      nlohmann::ordered_json entry = {{"name", str(s.get("name"))}};
      if (s.get("kind")) entry["kind"] = str(s.get("kind"));
      if (s.get("namespace")) entry["namespace"] = str(s.get("namespace"));
      if (auto port = integer(s.get("port"))) entry["port"] = *port;
      services.push_back(std::move(entry));
    }
    nlohmann::ordered_json o = {{"apiVersion", str(obj.get("apiVersion"))},
                                {"kind", "TraefikService"},
                                {"metadata", {{"name", name}, {"namespace", ns}}},
                                {"spec", {{"weighted", {{"services", services}}}}}};
    out.vendor_objects.push_back({std::move(o), "", doc.at(obj)});
  }

  void read_path_modifier(const Node* p, std::optional<std::string>& full,
                          std::optional<std::string>& prefix) {
    if (!p) return;
    std::string type = str(p->get("type"));
    if (type == "ReplaceFullPath") full = str(p->get("replaceFullPath"));
    if (type == "ReplacePrefixMatch") prefix = str(p->get("replacePrefixMatch"));
  }

  size_t object(const Node& obj, int depth) {
    if (!obj.is_mapping() || depth > 2) return 0;
    std::string api = str(obj.get("apiVersion"));
    std::string kind = str(obj.get("kind"));
    if (ends_with(kind, "List")) {
      size_t n = 0;
      for (const Node& item : items(obj.get("items"))) n += object(item, depth + 1);
      return n;
    }
    if (starts_with(api, std::string(kEnvoyGatewayGroup) + "/") && kind == "HTTPRouteFilter") {
      route_filter(obj);
      return 1;
    }
    if (starts_with(api, "traefik.io/") && kind == "TraefikService") {
      traefik_service(obj);
      return 1;
    }
    if (!starts_with(api, "gateway.networking.k8s.io/")) return 0;
    if (kind == "Gateway") {
      gateway(obj);
    } else if (kind == "ListenerSet") {
      listener_set(obj);
    } else if (kind == "HTTPRoute") {
      http_route(obj);
    } else if (kind == "GRPCRoute") {
      grpc_route(obj);
    } else if (kind == "TLSRoute") {
      tls_route(obj);
    }
    return 1;
  }
};

}  // namespace

size_t read_gateway_objects(const Document& doc, ConversionOutput& out, Findings& findings,
                            const std::string& default_ns) {
  Reader r{doc, out, findings, default_ns};
  return r.object(doc.root, 0);
}

}  // namespace im::verify
