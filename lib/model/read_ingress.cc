#include "model/read_ingress.h"

#include <cctype>
#include <fmt/format.h>

#include "model/names.h"
#include "util/text.h"

namespace im {

namespace {

bool is_legacy(const std::string& api_version) {
  return api_version == "extensions/v1beta1" || api_version == "networking.k8s.io/v1beta1";
}

std::optional<int32_t> read_port_number(const Node& n, std::string_view path, FieldReader& r) {
  if (!n.is_int()) {
    // An unquoted 80.5 is a number, just not a whole one: say that rather
    // than call it a string.
    char* end = nullptr;
    const bool numeric_start =
        !n.value.empty() && (std::isdigit(static_cast<unsigned char>(n.value[0])) || n.value[0] == '-');
    if (n.is_scalar() && n.plain && numeric_start &&
        (std::strtod(n.value.c_str(), &end), end == n.value.c_str() + n.value.size())) {
      r.findings().error(r.at(n), fmt::format("{} must be a whole number, found {}", path, n.value),
                         "invalid-port");
      return std::nullopt;
    }
    r.wrong_type(n, path, "an integer");
    return std::nullopt;
  }
  long long v = std::strtoll(n.value.c_str(), nullptr, 10);
  if (n.value.size() > 6 || v < 1 || v > 65535) {
    r.findings().error(r.at(n), fmt::format("{} {} is out of range 1-65535", path, n.value),
                       "invalid-port");
    return std::nullopt;
  }
  return static_cast<int32_t>(v);
}

/// v1: backend.service.{name, port.{number|name}} or backend.resource.
/// v1beta1/extensions: backend.serviceName + servicePort (int or string).
std::optional<Backend> read_backend(const Node& n, std::string_view path, bool legacy,
                                    FieldReader& r) {
  Backend b;
  b.location = r.at(n);
  // The API server rejects these rather than choosing (k8s.io/api
  // networking validation: "cannot set both resource and service
  // backends", "cannot set both port name & port number").
  if (const Node* res = n.get("resource"), *svc = n.get("service");
      res && !res->is_null() && svc && !svc->is_null()) {
    r.findings().error(b.location,
                       fmt::format("{} has both a service and a resource; the API server rejects it", path),
                       "invalid-backend");
    return std::nullopt;
  }
  if (const Node* res = r.mapping(n, "resource", fmt::format("{}.resource", path))) {
    b.kind = Backend::Kind::Resource;
    b.resource_group = r.string(*res, "apiGroup", "resource.apiGroup").value_or("");
    b.resource_kind = r.string(*res, "kind", "resource.kind").value_or("");
    b.resource_name = r.string(*res, "name", "resource.name").value_or("");
    if (b.resource_kind.empty() || b.resource_name.empty()) {
      r.findings().error(r.at(*res), fmt::format("{}.resource needs kind and name", path),
                         "invalid-backend");
      return std::nullopt;
    }
    return b;
  }
  if (legacy && n.get("serviceName")) {
    b.service_name = r.string(n, "serviceName", fmt::format("{}.serviceName", path)).value_or("");
    const Node* port = n.get("servicePort");
    if (port && port->is_scalar()) {
      b.port.location = r.at(*port);
      if (port->is_int()) {
        b.port.number = read_port_number(*port, fmt::format("{}.servicePort", path), r);
        if (!b.port.number) return std::nullopt;
      } else {
        b.port.name = port->value;
      }
    } else if (port && !port->is_null()) {
      r.wrong_type(*port, fmt::format("{}.servicePort", path), "an integer or a string");
      return std::nullopt;
    }
  } else if (const Node* svc = r.mapping(n, "service", fmt::format("{}.service", path))) {
    b.service_name = r.string(*svc, "name", fmt::format("{}.service.name", path)).value_or("");
    if (const Node* port = r.mapping(*svc, "port", fmt::format("{}.service.port", path))) {
      b.port.location = r.at(*port);
      const Node* named = port->get("name");
      if (const Node* num = port->get("number"); num && !num->is_null() && named && !named->is_null()) {
        r.findings().error(r.at(*port),
                           fmt::format("{}.service.port has both a name and a number; the API server rejects it",
                                       path),
                           "invalid-port");
        return std::nullopt;
      }
      if (const Node* num = port->get("number"); num && !num->is_null()) {
        b.port.number = read_port_number(*num, fmt::format("{}.service.port.number", path), r);
        if (!b.port.number) return std::nullopt;
      } else {
        b.port.name = r.string(*port, "name", fmt::format("{}.service.port.name", path)).value_or("");
      }
    }
  } else {
    r.findings().error(b.location, fmt::format("{} has neither a service nor a resource", path),
                       "invalid-backend");
    return std::nullopt;
  }
  if (b.service_name.empty()) {
    r.findings().error(b.location, fmt::format("{} has no service name", path), "invalid-backend");
    return std::nullopt;
  }
  if (!b.port.number && b.port.name.empty()) {
    r.findings().error(b.location, fmt::format("{} has no service port", path), "invalid-backend");
    return std::nullopt;
  }
  return b;
}

std::optional<IngressPath> read_path(const Node& n, bool legacy, FieldReader& r) {
  if (!n.is_mapping()) {
    r.wrong_type(n, "spec.rules[].http.paths[]", "a mapping");
    return std::nullopt;
  }
  IngressPath p;
  p.location = r.at(n);
  p.path_location = p.location;
  if (const Node* v = n.get("path"); v && v->is_scalar()) {
    p.path = v->value;
    p.path_location = r.at(*v);
  } else if (v && !v->is_null()) {
    r.wrong_type(*v, "path", "a string");
    return std::nullopt;
  }
  if (const Node* t = n.get("pathType"); t && !t->is_null()) {
    if (!t->is_scalar()) {
      r.wrong_type(*t, "pathType", "a string");
      return std::nullopt;
    }
    if (t->value == "Exact") {
      p.type = PathType::Exact;
    } else if (t->value == "Prefix") {
      p.type = PathType::Prefix;
    } else if (t->value == "ImplementationSpecific") {
      p.type = PathType::ImplementationSpecific;
    } else {
      r.findings().error(r.at(*t),
                         fmt::format("unknown pathType \"{}\" (expected Exact, Prefix or "
                                     "ImplementationSpecific); path skipped",
                                     t->value),
                         "invalid-path-type");
      return std::nullopt;
    }
    p.type_given = true;
  }
  if (p.type != PathType::ImplementationSpecific && (p.path.empty() || p.path[0] != '/')) {
    r.findings().error(p.path_location,
                       fmt::format("path \"{}\" must start with \"/\" for pathType {}; path skipped",
                                   p.path, path_type_name(p.type)),
                       "invalid-path");
    return std::nullopt;
  }
  const Node* backend = r.mapping(n, "backend", "backend");
  if (!backend) {
    r.findings().error(p.location, "path has no backend; path skipped", "invalid-backend");
    return std::nullopt;
  }
  auto b = read_backend(*backend, "backend", legacy, r);
  if (!b) return std::nullopt;
  p.backend = std::move(*b);
  return p;
}

std::optional<IngressRule> read_rule(const Node& n, bool legacy, FieldReader& r) {
  if (!n.is_mapping()) {
    r.wrong_type(n, "spec.rules[]", "a mapping");
    return std::nullopt;
  }
  IngressRule rule;
  rule.location = r.at(n);
  if (const Node* h = n.get("host"); h && !h->is_null()) {
    // An unquoted 12345 is a number in YAML and JSON; the API server
    // refuses a number where host wants a string.
    if (!h->is_scalar() || h->is_int()) {
      r.wrong_type(*h, "host", "a string");
      return std::nullopt;
    }
    if (std::string why = ingress_host_problem(h->value); !why.empty()) {
      r.findings().error(r.at(*h), fmt::format("invalid host \"{}\": {}; rule skipped", escape_control(h->value), why),
                         "invalid-host");
      return std::nullopt;
    }
    rule.host = h->value;
  }
  if (const Node* http = r.mapping(n, "http", "http")) {
    if (const Node* paths = r.sequence(*http, "paths", "http.paths")) {
      for (const Node& pn : paths->items) {
        if (auto p = read_path(pn, legacy, r)) rule.paths.push_back(std::move(*p));
      }
    }
  }
  return rule;
}

void read_tls(const Node& spec, Ingress& ing, FieldReader& r) {
  const Node* tls = r.sequence(spec, "tls", "spec.tls");
  if (!tls) return;
  for (const Node& t : tls->items) {
    if (!t.is_mapping()) {
      r.wrong_type(t, "spec.tls[]", "a mapping");
      continue;
    }
    IngressTLS entry;
    entry.location = r.at(t);
    entry.secret_name = r.string(t, "secretName", "spec.tls[].secretName").value_or("");
    if (const Node* hosts = r.sequence(t, "hosts", "spec.tls[].hosts")) {
      for (const Node& h : hosts->items) {
        if (!h.is_scalar()) {
          r.wrong_type(h, "spec.tls[].hosts[]", "a string");
        } else if (std::string why = ingress_host_problem(h.value); !why.empty()) {
          r.findings().error(r.at(h), fmt::format("invalid TLS host \"{}\": {}", escape_control(h.value), why),
                             "invalid-host");
        } else {
          entry.hosts.push_back(h.value);
        }
      }
    }
    ing.tls.push_back(std::move(entry));
  }
}

void read_metadata(const Node& meta, Ingress& ing, FieldReader& r) {
  ing.ns = r.string(meta, "namespace", "metadata.namespace").value_or("");
  ing.creation_timestamp =
      r.string(meta, "creationTimestamp", "metadata.creationTimestamp").value_or("");
  if (const Node* ann = r.mapping(meta, "annotations", "metadata.annotations")) {
    for (const auto& [k, v] : ann->entries) {
      if (!k.is_scalar()) continue;
      if (!v.is_scalar() && !v.is_null()) {
        r.wrong_type(v, "metadata.annotations." + k.value, "a string");
        continue;
      }
      ing.annotations.push_back(Annotation{k.value, v.value, r.at(k)});
    }
  }
}

}  // namespace

std::optional<Ingress> read_ingress(const Node& obj, const std::string& api_version,
                                    FieldReader& r) {
  Ingress ing;
  ing.api_version = api_version;
  ing.location = r.at(obj);
  const Node* meta = r.mapping(obj, "metadata", "metadata");
  ing.name = meta ? r.string(*meta, "name", "metadata.name").value_or("") : "";
  if (ing.name.empty()) {
    r.findings().error(ing.location, "Ingress has no metadata.name; skipped", "invalid-ingress");
    return std::nullopt;
  }
  read_metadata(*meta, ing, r);

  const bool legacy = is_legacy(api_version);
  const Node* spec = r.mapping(obj, "spec", "spec");
  if (spec) {
    if (const Node* cls = spec->get("ingressClassName"); cls && cls->is_scalar()) {
      ing.class_name = cls->value;
      ing.class_location = r.at(*cls);
    }
    // v1 renamed spec.backend to spec.defaultBackend.
    const char* default_key = legacy && spec->get("backend") ? "backend" : "defaultBackend";
    if (const Node* db = r.mapping(*spec, default_key, fmt::format("spec.{}", default_key))) {
      ing.default_backend = read_backend(*db, fmt::format("spec.{}", default_key), legacy, r);
    }
    if (const Node* rules = r.sequence(*spec, "rules", "spec.rules")) {
      for (const Node& rn : rules->items) {
        if (auto rule = read_rule(rn, legacy, r)) ing.rules.push_back(std::move(*rule));
      }
    }
    read_tls(*spec, ing, r);
  }
  return ing;
}

}  // namespace im
