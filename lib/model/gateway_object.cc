#include "model/gateway_object.h"

#include "model/read_gateway.h"

#include <fmt/format.h>

namespace im {

nlohmann::ordered_json node_to_json(const Node& n) {
  switch (n.type) {
    case Node::Type::Null:
      return nullptr;
    case Node::Type::Scalar:
      if (n.is_int()) {
        try {
          return std::stoll(n.value);
        } catch (...) {
          return n.value;  // out of range: kept as written
        }
      }
      if (n.is_bool()) return n.value[0] == 't' || n.value[0] == 'T';
      if (n.plain && (n.value == "null" || n.value == "~")) return nullptr;
      return n.value;
    case Node::Type::Sequence: {
      auto out = nlohmann::ordered_json::array();
      for (const Node& item : n.items) out.push_back(node_to_json(item));
      return out;
    }
    case Node::Type::Mapping: {
      auto out = nlohmann::ordered_json::object();
      for (const auto& [k, v] : n.entries) out[k.value] = node_to_json(v);
      return out;
    }
  }
  return nullptr;
}

namespace {

/// The namespaces a label selector names through kubernetes.io/metadata.name
/// (matchLabels, or one matchExpressions In); false for any other selector,
/// which the converter cannot evaluate without the namespaces' labels.
bool selector_names(const Node* selector, FieldReader& r, std::vector<std::string>& out) {
  if (!selector || !selector->is_mapping()) return false;
  constexpr std::string_view kNameLabel = "kubernetes.io/metadata.name";
  const Node* labels = selector->get("matchLabels");
  const Node* exprs = selector->get("matchExpressions");
  size_t terms = (labels && labels->is_mapping() ? labels->entries.size() : 0) +
                 (exprs && exprs->is_sequence() ? exprs->items.size() : 0);
  if (terms != 1) return false;
  if (labels && labels->is_mapping()) {
    const auto& [k, v] = labels->entries.front();
    if (k.value != kNameLabel || !v.is_scalar()) return false;
    out.push_back(v.value);
    return true;
  }
  const Node& e = exprs->items.front();
  if (!e.is_mapping()) return false;
  if (r.string(e, "key", "selector.matchExpressions[].key").value_or("") != kNameLabel) return false;
  if (r.string(e, "operator", "selector.matchExpressions[].operator").value_or("") != "In") return false;
  const Node* values = e.get("values");
  if (!values || !values->is_sequence()) return false;
  for (const Node& v : values->items) {
    if (v.is_scalar()) out.push_back(v.value);
  }
  return true;
}

ExistingListener read_listener(const Node& l, FieldReader& r) {
  ExistingListener out;
  out.location = r.at(l);
  out.name = r.string(l, "name", "spec.listeners[].name").value_or("");
  out.hostname = r.string(l, "hostname", "spec.listeners[].hostname").value_or("");
  out.port = static_cast<int>(r.integer(l, "port", "spec.listeners[].port").value_or(0));
  out.protocol = r.string(l, "protocol", "spec.listeners[].protocol").value_or("");
  if (const Node* tls = r.mapping(l, "tls", "spec.listeners[].tls")) {
    out.tls_mode = r.string(*tls, "mode", "spec.listeners[].tls.mode").value_or("Terminate");
    if (const Node* refs = r.sequence(*tls, "certificateRefs", "spec.listeners[].tls.certificateRefs")) {
      for (const Node& c : refs->items) {
        if (!c.is_mapping()) continue;
        std::string kind = r.string(c, "kind", "certificateRefs[].kind").value_or("Secret");
        if (kind != "Secret") continue;
        out.certificates.emplace_back(r.string(c, "namespace", "certificateRefs[].namespace").value_or(""),
                                      r.string(c, "name", "certificateRefs[].name").value_or(""));
      }
    }
  }
  const Node* routes = r.mapping(l, "allowedRoutes", "spec.listeners[].allowedRoutes");
  const Node* ns = routes ? r.mapping(*routes, "namespaces", "allowedRoutes.namespaces") : nullptr;
  if (ns) {
    out.routes_from = r.string(*ns, "from", "allowedRoutes.namespaces.from").value_or("Same");
    if (out.routes_from == "Selector")
      out.selector_known = selector_names(ns->get("selector"), r, out.route_namespaces);
  }
  return out;
}

}  // namespace

void read_existing_gateway(const Node& obj, const std::string& kind, FieldReader& r,
                           std::vector<ExistingGateway>& out) {
  ExistingGateway g;
  g.kind = kind;
  g.location = r.at(obj);
  const Node* meta = r.mapping(obj, "metadata", "metadata");
  g.name = meta ? r.string(*meta, "name", "metadata.name").value_or("") : "";
  if (g.name.empty()) return;  // the API server would refuse it; nothing to attach to
  g.ns = r.string(*meta, "namespace", "metadata.namespace").value_or("");
  const Node* spec = r.mapping(obj, "spec", "spec");
  if (!spec) return;
  if (kind == "Gateway") {
    g.gateway_class = r.string(*spec, "gatewayClassName", "spec.gatewayClassName").value_or("");
    const Node* allowed = r.mapping(*spec, "allowedListeners", "spec.allowedListeners");
    const Node* ns = allowed ? r.mapping(*allowed, "namespaces", "spec.allowedListeners.namespaces") : nullptr;
    if (ns) {
      g.listeners_from = r.string(*ns, "from", "spec.allowedListeners.namespaces.from").value_or("None");
      if (g.listeners_from == "Selector")
        g.listener_selector_known = selector_names(ns->get("selector"), r, g.listener_namespaces);
    }
  } else if (const Node* parent = r.mapping(*spec, "parentRef", "spec.parentRef")) {
    g.parent_name = r.string(*parent, "name", "spec.parentRef.name").value_or("");
    g.parent_ns = r.string(*parent, "namespace", "spec.parentRef.namespace").value_or("");
  }
  if (const Node* listeners = r.sequence(*spec, "listeners", "spec.listeners")) {
    for (const Node& l : listeners->items) {
      if (l.is_mapping()) g.listeners.push_back(read_listener(l, r));
    }
  }
  g.object = node_to_json(obj);
  out.push_back(std::move(g));
}

}  // namespace im
