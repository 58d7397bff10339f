#include "convert/alb_actions.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "convert/header_alternatives.h"
#include "convert/input_values.h"
#include "model/names.h"
#include "rules/value_format.h"
#include "util/text.h"

namespace im {
namespace {

using Json = nlohmann::json;

constexpr const char* kPrefix = "alb.ingress.kubernetes.io/";

// Go's encoding/json matches object keys to struct fields case-insensitively,
// so "Type" and "RedirectConfig" work as well as "type" and "redirectConfig".
const Json* field(const Json& obj, const std::string& name) {
  if (!obj.is_object()) return nullptr;
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (to_lower(it.key()) == to_lower(name)) return &it.value();
  }
  return nullptr;
}

std::string text(const Json* v) {
  if (!v) return "";
  if (v->is_string()) return v->get<std::string>();
  if (v->is_number_integer()) return std::to_string(v->get<long long>());
  return "";
}

const Annotation* annotation(const Ingress& ing, const std::string& key) {
  for (const Annotation& a : ing.annotations) {
    if (a.key == kPrefix + key) return &a;
  }
  return nullptr;
}

// "where its requests go now", said once for every path left out.
const char* kLeftOut = "the path is left out, so its requests now go to the host's other rules or get 404";

// forwardConfig.targetGroups (config_types.go ForwardActionConfig,
// model_build_actions.go): Services by name and port with weights (one
// group may leave its weight out: ELB's default 1); target groups by ARN
// or name are outside the cluster and have no backendRef.
bool forward(const Json& action, const Annotation& a, AlbAction& out, Findings& findings) {
  const Json* config = field(action, "forwardConfig");
  const Json* groups = config ? field(*config, "targetGroups") : nullptr;
  if (!groups || !groups->is_array() || groups->empty()) {
    findings.error(a.location,
                   fmt::format("{}: a forward to a target group ARN (or without targetGroups) has no Gateway API "
                               "backend; {}",
                               a.key, kLeftOut),
                   "alb-actions");
    return false;
  }
  for (const Json& g : *groups) {
    const std::string service = text(field(g, "serviceName"));
    const auto port = parse_int(text(field(g, "servicePort")));
    if (service.empty() || !port || *port < 1 || *port > 65535) {
      findings.error(a.location,
                     fmt::format("{}: target group {} is not a Service with a port number (target group ARNs and "
                                 "named ports are not converted); {}",
                                 a.key, escape_control(g.dump()), kLeftOut),
                     "alb-actions");
      return false;
    }
    BackendRefIR b;
    b.name = service;
    b.port = static_cast<int>(*port);
    const Json* weight = field(g, "weight");
    b.weight = weight && weight->is_number_integer() ? static_cast<int>(weight->get<long long>()) : 1;
    out.backends.push_back(b);
  }
  if (config && field(*config, "targetGroupStickinessConfig")) {
    findings.warning(a.location,
                     fmt::format("{}: targetGroupStickinessConfig (stickiness between the weighted target groups) "
                                 "is not converted; each request is split by weight",
                                 a.key),
                     "alb-actions");
  }
  return true;
}

// redirectConfig (ELB redirect actions): each part is kept with its
// #{...} placeholder, the default, or replaced by a literal.
bool redirect(const Json& action, const Annotation& a, AlbAction& out, Findings& findings) {
  auto bad = [&](const std::string& why) {
    findings.error(a.location, fmt::format("{}: {}; {}", a.key, why, kLeftOut), "alb-actions");
    return false;
  };
  const Json* config = field(action, "redirectConfig");
  if (!config || !config->is_object()) return bad("a redirect needs redirectConfig (config_types.go validate)");
  RedirectSpec r;
  const std::string code = text(field(*config, "statusCode"));
  if (code == "HTTP_301") {
    r.status_code = 301;
  } else if (code == "HTTP_302") {
    r.status_code = 302;
  } else {
    return bad(fmt::format("statusCode \"{}\" is not HTTP_301 or HTTP_302", escape_control(code)));
  }
  const std::string protocol = to_lower(text(field(*config, "protocol")));
  if (protocol == "http" || protocol == "https") {
    r.scheme = protocol;
  } else if (!protocol.empty() && protocol != "#{protocol}") {
    return bad(fmt::format("protocol \"{}\" is not HTTP, HTTPS or #{{protocol}}", escape_control(protocol)));
  }
  const std::string port = text(field(*config, "port"));
  if (auto n = parse_int(port); n && *n >= 1 && *n <= 65535) {
    if (!((r.scheme == "https" && *n == 443) || (r.scheme == "http" && *n == 80))) r.port = static_cast<int>(*n);
  } else if (!port.empty() && port != "#{port}") {
    return bad(fmt::format("port \"{}\" is not a number or #{{port}}", escape_control(port)));
  } else if (!r.scheme.empty()) {
    findings.warning(a.location,
                     fmt::format("{}: the redirect changes the protocol but keeps #{{port}}, so the ALB sent "
                                 "https://HOST:80/... for a request on port 80; the converted redirect uses the "
                                 "{} port {}",
                                 a.key, r.scheme, r.scheme == "https" ? 443 : 80),
                     "alb-actions");
  }
  const std::string host = text(field(*config, "host"));
  if (!host.empty() && host != "#{host}") {
    if (host.find("#{") != std::string::npos || !ingress_host_problem(host).empty())
      return bad(fmt::format("host \"{}\" is not a host name or #{{host}}", escape_control(host)));
    r.hostname = host;
  }
  const std::string path = text(field(*config, "path"));
  if (!path.empty() && path != "/#{path}") {
    if (path.find("#{") != std::string::npos || path[0] != '/')
      return bad(fmt::format("path \"{}\" mixes placeholders, which RequestRedirect cannot", escape_control(path)));
    r.full_path = path;
  }
  const std::string query = text(field(*config, "query"));
  if (!query.empty() && query != "#{query}") {
    findings.warning(a.location,
                     fmt::format("{}: query \"{}\" is not converted (RequestRedirect keeps the request's query)",
                                 a.key, escape_control(query)),
                     "alb-actions");
  }
  out.redirect = r;
  return true;
}

// conditions.NAME (enhanced_backend_builder.go buildConditions, for every
// backend NAME, action or Service): every condition must hold, any of a
// condition's values. http-header becomes
// header matches (ALB compared values case-insensitively, Exact does not);
// the other fields have no match in the route rules this tool writes.
bool conditions(const Annotation& a, std::vector<std::vector<HeaderMatchIR>>& out, Findings& findings) {
  const Json list = Json::parse(a.value, nullptr, false);
  auto bad = [&](const std::string& why) {
    findings.error(a.location, fmt::format("{}: {}; {}", a.key, why, kLeftOut), "alb-conditions");
    return false;
  };
  if (!list.is_array()) return bad("not a JSON list of conditions");
  std::vector<std::vector<HeaderMatchIR>> alternatives = {{}};
  for (const Json& c : list) {
    const std::string kind = text(field(c, "field"));
    if (kind != "http-header") {
      return bad(fmt::format("condition \"{}\" has no Gateway API match here (only http-header converts)",
                             escape_control(kind)));
    }
    const Json* config = field(c, "httpHeaderConfig");
    const std::string name = config ? text(field(*config, "httpHeaderName")) : "";
    const Json* values = config ? field(*config, "values") : nullptr;
    if (!is_header_name(name) || !values || !values->is_array() || values->empty())
      return bad("an http-header condition needs httpHeaderName and values");
    std::vector<HeaderMatchIR> any_of;
    for (const Json& v : *values) {
      const std::string value = text(&v);
      if (value.empty() || value.find_first_of("*?") != std::string::npos)
        return bad(fmt::format("header value \"{}\" is empty or a wildcard pattern", escape_control(value)));
      any_of.push_back({"Exact", name, value});
    }
    if (!add_header_alternatives(alternatives, any_of))
      return bad(fmt::format("the conditions' values make more than {} combinations", kMaxHeaderAlternatives));
  }
  if (!alternatives.front().empty()) {
    findings.warning(a.location,
                     fmt::format("{}: the ALB matched header values case-insensitively; the Exact header matches "
                                 "here are case-sensitive",
                                 a.key),
                     "alb-conditions");
    out = std::move(alternatives);
  }
  return true;
}

}  // namespace

bool is_alb_action_backend(const Backend& b) {
  return b.kind == Backend::Kind::Service && !b.port.number && b.port.name == "use-annotation";
}

std::optional<AlbAction> alb_action(const Ingress& ing, const Backend& b, Findings& findings) {
  const Annotation* a = annotation(ing, "actions." + b.service_name);
  if (!a) {
    findings.error(b.port.location,
                   fmt::format("port use-annotation names the action {}{}, which this Ingress does not have; {}",
                               kPrefix, "actions." + b.service_name, kLeftOut),
                   "alb-actions");
    return std::nullopt;
  }
  const Json action = Json::parse(a->value, nullptr, false);
  if (!action.is_object()) {
    findings.error(a->location, fmt::format("{}: not a JSON object; {}", a->key, kLeftOut), "alb-actions");
    return std::nullopt;
  }
  AlbAction out;
  const std::string type = text(field(action, "type"));
  bool ok = false;
  if (type == "forward") {
    ok = forward(action, *a, out, findings);
  } else if (type == "redirect") {
    ok = redirect(action, *a, out, findings);
  } else {
    findings.error(a->location,
                   fmt::format("{}: a {} action has no Gateway API form (HTTPRoute cannot answer with a fixed "
                               "response); {}",
                               a->key, type.empty() ? "typeless" : escape_control(type), kLeftOut),
                   "alb-actions");
  }
  if (!ok) return std::nullopt;
  return out;
}

bool alb_conditions(const Ingress& ing, const std::string& name,
                    std::vector<std::vector<HeaderMatchIR>>& alternatives, Findings& findings) {
  alternatives.clear();
  const Annotation* c = annotation(ing, "conditions." + name);
  return !c || conditions(*c, alternatives, findings);
}

}  // namespace im
