#include "model/inventory.h"

#include "model/read_gateway.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "util/text.h"

#include "model/field_reader.h"
#include "model/read_ingress.h"

namespace im {

namespace {

bool is_ingress_version(const std::string& v) {
  return v == "networking.k8s.io/v1" || v == "networking.k8s.io/v1beta1" ||
         v == "extensions/v1beta1";
}

void read_ingress_class(const Node& obj, const std::string& api_version, FieldReader& r,
                        Inventory& inv) {
  IngressClass c;
  c.api_version = api_version;
  c.location = r.at(obj);
  const Node* meta = r.mapping(obj, "metadata", "metadata");
  c.name = meta ? r.string(*meta, "name", "metadata.name").value_or("") : "";
  if (c.name.empty()) {
    r.findings().error(c.location, "IngressClass has no metadata.name; skipped", "invalid-object");
    return;
  }
  if (const Node* ann = meta ? r.mapping(*meta, "annotations", "metadata.annotations") : nullptr) {
    if (const Node* d = ann->get("ingressclass.kubernetes.io/is-default-class")) {
      c.is_default = d->is_scalar() && d->value == "true";
    }
  }
  if (const Node* spec = r.mapping(obj, "spec", "spec")) {
    c.controller = r.string(*spec, "controller", "spec.controller").value_or("");
  }
  inv.classes.push_back(std::move(c));
}

void read_service(const Node& obj, FieldReader& r, Inventory& inv) {
  Service s;
  s.location = r.at(obj);
  const Node* meta = r.mapping(obj, "metadata", "metadata");
  s.name = meta ? r.string(*meta, "name", "metadata.name").value_or("") : "";
  if (s.name.empty()) return;  // not ours to judge; only used to resolve ports
  s.ns = r.string(*meta, "namespace", "metadata.namespace").value_or("");
  if (const Node* ann = r.mapping(*meta, "annotations", "metadata.annotations")) {
    for (const auto& [k, v] : ann->entries) {
      // Only string values: a Service's other annotations are not ours to judge.
      if (k.is_scalar() && v.is_scalar()) s.annotations.push_back(Annotation{k.value, v.value, r.at(k)});
    }
  }
  if (const Node* spec = r.mapping(obj, "spec", "spec")) {
    if (const Node* ports = r.sequence(*spec, "ports", "spec.ports")) {
      for (const Node& p : ports->items) {
        if (!p.is_mapping()) continue;
        Service::Port port;
        port.name = r.string(p, "name", "spec.ports[].name").value_or("");
        port.port = static_cast<int32_t>(r.integer(p, "port", "spec.ports[].port").value_or(0));
        s.ports.push_back(std::move(port));
      }
    }
  }
  inv.services.push_back(std::move(s));
}

/// Keeps every ConfigMap (a custom-headers table may name any of them),
/// but of its values only the short strings: large configuration files in
/// the input cost their keys, not their text.
void read_config_map(const Node& obj, FieldReader& r, Inventory& inv) {
  const Node* meta = r.mapping(obj, "metadata", "metadata");
  if (!meta) return;
  ConfigMap cm;
  cm.location = r.at(obj);
  cm.name = r.string(*meta, "name", "metadata.name").value_or("");
  cm.ns = r.string(*meta, "namespace", "metadata.namespace").value_or("");
  if (cm.name.empty()) return;
  const Node* data = obj.get("data");
  if (data && data->is_mapping()) {
    for (const auto& [k, v] : data->entries) {
      if (!k.is_scalar()) continue;
      if (v.is_scalar() && v.value.size() <= kMaxConfigValueBytes) {
        cm.data.emplace_back(k.value, v.value);
      } else {
        cm.unread.push_back(k.value);
      }
    }
  }
  inv.config_maps.push_back(std::move(cm));
}

/// A scalar as Go's strconv.ParseBool reads it (Traefik's bool fields).
bool go_true(const Node* n) { return n && n->is_scalar() && (n->value == "true" || n->value == "True" || n->value == "TRUE" || n->value == "1" || n->value == "t" || n->value == "T"); }

void read_header_map(const Node* map, std::vector<std::pair<std::string, std::string>>& out) {
  if (!map || !map->is_mapping()) return;
  for (const auto& [k, v] : map->entries) {
    if (k.is_scalar() && v.is_scalar()) out.emplace_back(k.value, v.value);
  }
}

/// Traefik's Middleware CRD (pkg/provider/kubernetes/crd/traefikio/v1alpha1/
/// middleware.go): one middleware key under spec. Only the fields the
/// conversion maps are read; the others are listed as unread.
void read_traefik_middleware(const Node& obj, const std::string& api_version, FieldReader& r, Inventory& inv) {
  const Node* meta = r.mapping(obj, "metadata", "metadata");
  if (!meta) return;
  TraefikMiddleware m;
  m.api_version = api_version;
  m.location = r.at(obj);
  m.name = r.string(*meta, "name", "metadata.name").value_or("");
  m.ns = r.string(*meta, "namespace", "metadata.namespace").value_or("");
  if (m.name.empty()) return;
  const Node* spec = r.mapping(obj, "spec", "spec");
  if (spec) {
    for (const auto& [k, v] : spec->entries) {
      if (!k.is_scalar()) continue;
      if (!m.type.empty()) {
        m.unread.push_back(k.value);  // Traefik takes one middleware per object
        continue;
      }
      m.type = k.value;
      // Only the middlewares the conversion maps have fields worth listing;
      // the others are reported whole.
      static const char* const kRead[] = {"stripPrefix", "addPrefix", "replacePath", "redirectScheme", "headers"};
      if (!v.is_mapping() || std::find(std::begin(kRead), std::end(kRead), m.type) == std::end(kRead)) continue;
      for (const auto& [field, value] : v.entries) {
        if (!field.is_scalar()) continue;
        const std::string& f = field.value;
        if (m.type == "stripPrefix" && f == "prefixes" && value.is_sequence()) {
          for (const Node& item : value.items) {
            if (item.is_scalar()) m.prefixes.push_back(item.value);
          }
        } else if ((m.type == "addPrefix" && f == "prefix") || (m.type == "replacePath" && f == "path") ||
                   (m.type == "redirectScheme" && f == "scheme")) {
          if (value.is_scalar()) m.value = value.value;
        } else if (m.type == "redirectScheme" && f == "port" && value.is_scalar()) {
          m.port = value.value;
        } else if (m.type == "redirectScheme" && f == "permanent") {
          m.permanent = go_true(&value);
        } else if (m.type == "headers" && f == "customRequestHeaders") {
          read_header_map(&value, m.request_headers);
        } else if (m.type == "headers" && f == "customResponseHeaders") {
          read_header_map(&value, m.response_headers);
        } else {
          m.unread.push_back(m.type + "." + f);
        }
      }
    }
  }
  inv.traefik_middlewares.push_back(std::move(m));
}

/// KIC's KongPlugin / KongClusterPlugin (configuration.konghq.com/v1,
/// pkg/apis/configuration/v1/kongplugin_types.go): plugin, config, disabled
/// and configFrom are top-level fields, not under spec.
void read_kong_plugin(const Node& obj, bool cluster, FieldReader& r, Inventory& inv) {
  const Node* meta = r.mapping(obj, "metadata", "metadata");
  if (!meta) return;
  KongPlugin p;
  p.location = r.at(obj);
  p.cluster = cluster;
  p.name = r.string(*meta, "name", "metadata.name").value_or("");
  if (!cluster) p.ns = r.string(*meta, "namespace", "metadata.namespace").value_or("");
  if (p.name.empty()) return;
  p.plugin = r.string(obj, "plugin", "plugin").value_or("");
  p.disabled = go_true(obj.get("disabled"));
  if (const Node* config = obj.get("config"); config && config->is_mapping()) p.config = node_to_json(*config);
  p.config_from_secret = obj.get("configFrom") || obj.get("configPatches");
  (cluster ? inv.kong_cluster_plugins : inv.kong_plugins).push_back(std::move(p));
}

/// GKE's FrontendConfig (ingress-gce pkg/apis/frontendconfig/v1beta1/types.go).
void read_gke_frontend_config(const Node& obj, FieldReader& r, Inventory& inv) {
  const Node* meta = r.mapping(obj, "metadata", "metadata");
  if (!meta) return;
  GkeFrontendConfig c;
  c.location = r.at(obj);
  c.name = r.string(*meta, "name", "metadata.name").value_or("");
  c.ns = r.string(*meta, "namespace", "metadata.namespace").value_or("");
  if (c.name.empty()) return;
  if (const Node* spec = r.mapping(obj, "spec", "spec")) {
    c.ssl_policy = r.string(*spec, "sslPolicy", "spec.sslPolicy");
    if (const Node* redirect = r.mapping(*spec, "redirectToHttps", "spec.redirectToHttps")) {
      c.redirect_to_https = go_true(redirect->get("enabled"));
      c.response_code_name =
          r.string(*redirect, "responseCodeName", "spec.redirectToHttps.responseCodeName").value_or("");
    }
  }
  inv.gke_frontend_configs.push_back(std::move(c));
}

/// GKE's BackendConfig (ingress-gce pkg/apis/backendconfig/v1/types.go),
/// kept whole with the places of its fields.
void read_gke_backend_config(const Node& obj, FieldReader& r, Inventory& inv) {
  const Node* meta = r.mapping(obj, "metadata", "metadata");
  if (!meta) return;
  GkeBackendConfig c;
  c.location = r.at(obj);
  c.name = r.string(*meta, "name", "metadata.name").value_or("");
  c.ns = r.string(*meta, "namespace", "metadata.namespace").value_or("");
  if (c.name.empty()) return;
  if (const Node* spec = r.mapping(obj, "spec", "spec")) {
    c.spec = node_to_json(*spec);
    for (const auto& [k, v] : spec->entries) {
      c.at[k.value] = r.at(k);
      if (!v.is_mapping()) continue;
      for (const auto& [k2, v2] : v.entries) c.at[k.value + "." + k2.value] = r.at(k2);
    }
  }
  inv.gke_backend_configs.push_back(std::move(c));
}

void read_object(const Node& obj, FieldReader& r, Inventory& inv, int list_depth);

void read_list(const Node& obj, FieldReader& r, Inventory& inv, int list_depth) {
  // A List inside a List is not something kubectl produces; refuse to recurse
  // further than one level so hostile input cannot nest Lists deeply.
  if (list_depth > 1) {
    r.findings().error(r.at(obj), "nested List objects are not supported; skipped",
                       "invalid-object");
    return;
  }
  if (const Node* items = r.sequence(obj, "items", "items")) {
    for (const Node& item : items->items) read_object(item, r, inv, list_depth + 1);
  }
}

void read_object(const Node& obj, FieldReader& r, Inventory& inv, int list_depth) {
  if (obj.is_null()) return;
  if (!obj.is_mapping()) {
    r.findings().error(r.at(obj),
                       fmt::format("expected a Kubernetes object (a mapping), found {}; skipped",
                                   obj.describe()),
                       "invalid-object");
    return;
  }
  std::string api_version = r.string(obj, "apiVersion", "apiVersion").value_or("");
  std::string kind = r.string(obj, "kind", "kind").value_or("");
  if (kind.empty()) {
    r.findings().error(r.at(obj), "object has no kind; skipped", "invalid-object");
    return;
  }
  if (kind == "List" || (kind.size() > 4 && kind.compare(kind.size() - 4, 4, "List") == 0 &&
                         obj.get("items"))) {
    read_list(obj, r, inv, list_depth);
    return;
  }
  if (kind == "Ingress") {
    if (!is_ingress_version(api_version)) {
      r.findings().error(r.at(obj),
                         fmt::format("unknown Ingress apiVersion \"{}\" (expected "
                                     "networking.k8s.io/v1, networking.k8s.io/v1beta1 or "
                                     "extensions/v1beta1); skipped",
                                     api_version),
                         "invalid-object");
      return;
    }
    if (auto ing = read_ingress(obj, api_version, r)) inv.ingresses.push_back(std::move(*ing));
    return;
  }
  if (kind == "IngressClass" && (api_version == "networking.k8s.io/v1" ||
                                 api_version == "networking.k8s.io/v1beta1")) {
    read_ingress_class(obj, api_version, r, inv);
    return;
  }
  if (kind == "Service" && api_version == "v1") {
    read_service(obj, r, inv);
    return;
  }
  if ((kind == "Gateway" || kind == "ListenerSet") &&
      api_version.rfind("gateway.networking.k8s.io/", 0) == 0) {
    read_existing_gateway(obj, kind, r, inv.gateways);
    ++inv.skipped[api_version + "/" + kind];  // not converted; its listeners are reused
    return;
  }
  if (kind == "Middleware" &&
      (api_version == "traefik.io/v1alpha1" || api_version == "traefik.containo.us/v1alpha1")) {
    read_traefik_middleware(obj, api_version, r, inv);
    ++inv.skipped[api_version + "/" + kind];  // read for the Ingresses that use it; not converted itself
    return;
  }
  if ((kind == "KongPlugin" || kind == "KongClusterPlugin") && api_version == "configuration.konghq.com/v1") {
    read_kong_plugin(obj, kind == "KongClusterPlugin", r, inv);
    ++inv.skipped[api_version + "/" + kind];  // read for the Ingresses that use it; not converted itself
    return;
  }
  if (kind == "FrontendConfig" && api_version.rfind("networking.gke.io/", 0) == 0) {
    read_gke_frontend_config(obj, r, inv);
    ++inv.skipped[api_version + "/" + kind];  // read for the Ingresses that use it; not converted itself
    return;
  }
  if (kind == "BackendConfig" && api_version.rfind("cloud.google.com/", 0) == 0) {
    read_gke_backend_config(obj, r, inv);
    ++inv.skipped[api_version + "/" + kind];  // read for the Services that name it; not converted itself
    return;
  }
  if (kind == "ConfigMap" && api_version == "v1") {
    read_config_map(obj, r, inv);
    ++inv.skipped["v1/ConfigMap"];  // read for reference only; not converted
    return;
  }
  // Kinds are case-sensitive: the API server rejects "ingress", so a
  // manifest spelled that way never worked and must not pass silently.
  for (const char* known : {"Ingress", "IngressClass", "Service", "ConfigMap"}) {
    if (kind != known && to_lower(kind) == to_lower(known)) {
      r.findings().error(r.at(obj),
                         fmt::format("kind \"{}\" is not a Kubernetes kind (kinds are case-sensitive: \"{}\"); "
                                     "the API server rejects it; skipped",
                                     kind, known),
                         "invalid-object");
      return;
    }
  }
  ++inv.skipped[api_version.empty() ? kind : api_version + "/" + kind];
}

}  // namespace

size_t Inventory::skipped_total() const {
  size_t n = 0;
  for (const auto& [k, v] : skipped) n += v;
  return n;
}

void Inventory::merge(Inventory&& other) {
  auto move_all = [](auto& to, auto& from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  };
  move_all(ingresses, other.ingresses);
  move_all(classes, other.classes);
  move_all(services, other.services);
  move_all(config_maps, other.config_maps);
  move_all(traefik_middlewares, other.traefik_middlewares);
  move_all(kong_plugins, other.kong_plugins);
  move_all(kong_cluster_plugins, other.kong_cluster_plugins);
  move_all(gke_frontend_configs, other.gke_frontend_configs);
  move_all(gke_backend_configs, other.gke_backend_configs);
  move_all(gateways, other.gateways);
  for (const auto& [k, v] : other.skipped) skipped[k] += v;
  documents += other.documents;
}

void Inventory::sort() {
  auto by_ref = [](const auto& a, const auto& b) {
    return std::tie(a.ns, a.name, a.location) < std::tie(b.ns, b.name, b.location);
  };
  std::stable_sort(ingresses.begin(), ingresses.end(), by_ref);
  std::stable_sort(services.begin(), services.end(), by_ref);
  std::stable_sort(config_maps.begin(), config_maps.end(), by_ref);
  std::stable_sort(traefik_middlewares.begin(), traefik_middlewares.end(), by_ref);
  std::stable_sort(kong_plugins.begin(), kong_plugins.end(), by_ref);
  std::stable_sort(kong_cluster_plugins.begin(), kong_cluster_plugins.end(), by_ref);
  std::stable_sort(gke_frontend_configs.begin(), gke_frontend_configs.end(), by_ref);
  std::stable_sort(gke_backend_configs.begin(), gke_backend_configs.end(), by_ref);
  std::stable_sort(gateways.begin(), gateways.end(), by_ref);
  std::stable_sort(classes.begin(), classes.end(), [](const auto& a, const auto& b) {
    return std::tie(a.name, a.location) < std::tie(b.name, b.location);
  });
}

void Inventory::assign_namespace(const std::string& ns) {
  auto fill = [&ns](auto& objects) {
    for (auto& o : objects) {
      if (o.ns.empty()) o.ns = ns;
    }
  };
  fill(ingresses);
  fill(services);
  fill(config_maps);
  fill(traefik_middlewares);
  fill(kong_plugins);
  fill(gke_frontend_configs);
  fill(gke_backend_configs);
  fill(gateways);
  sort();
}

// Must stay in step with read_object's dispatch: every kind it reads more of.
bool needs_body(std::string_view kind) {
  constexpr std::string_view list = "List";
  return kind == "Ingress" || kind == "IngressClass" || kind == "Service" || kind == "ConfigMap" || kind == "Middleware" ||
         kind == "KongPlugin" || kind == "KongClusterPlugin" || kind == "FrontendConfig" || kind == "BackendConfig" ||
         kind == "Gateway" || kind == "ListenerSet" ||
         (kind.size() >= list.size() && kind.substr(kind.size() - list.size()) == list);
}

void read_objects(const Document& doc, Inventory& inventory, Findings& findings) {
  FieldReader reader(doc, findings);
  ++inventory.documents;
  read_object(doc.root, reader, inventory, 0);
}

}  // namespace im
