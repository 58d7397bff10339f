#include "targets/gke_backend_policy.h"

#include <fmt/format.h>

#include <cmath>
#include <optional>

#include "util/text.h"

namespace im {
namespace {

using Json = nlohmann::ordered_json;

// A whole number as the BackendConfig wrote it (YAML int, or a quoted one).
std::optional<int64_t> whole(const Json& v) {
  if (v.is_number_integer()) return v.get<int64_t>();
  if (!v.is_string()) return std::nullopt;
  const std::string s = v.get<std::string>();
  if (s.empty() || s.size() > 12 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(s);
}

std::string shown(const Json& v) { return escape_control(v.is_string() ? v.get<std::string>() : v.dump()); }

class Translator {
 public:
  Translator(const GkeBackendConfig& c, Findings& f) : c_(c), f_(f) {}

  const Json* field(const std::string& path) const {
    const Json* node = &c_.spec;
    size_t start = 0;
    while (true) {
      const size_t dot = path.find('.', start);
      const std::string name = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      if (!node->is_object() || !node->contains(name) || (*node)[name].is_null()) return nullptr;
      node = &(*node)[name];
      if (dot == std::string::npos) return node;
      start = dot + 1;
    }
  }

  // An integer field within [lo, hi] into `out[key]`; else an error at it.
  void integer(const std::string& path, int64_t lo, int64_t hi, Json& out, const std::string& key) {
    const Json* v = field(path);
    if (!v) return;
    const std::optional<int64_t> n = whole(*v);
    if (n && *n >= lo && *n <= hi) {
      out[key] = *n;
      return;
    }
    refuse(path, fmt::format("{} {} is not a whole number from {} to {}, which GCE does not accept", path,
                             shown(*v), lo, hi));
  }

  // A value the load balancer never had: an error at it, and left out.
  void refuse(const std::string& path, const std::string& why) {
    f_.error(c_.where(path), fmt::format("BackendConfig {}/{}: {}; it is left out", c_.ns, c_.name, why),
             "gke-backend-config");
  }

  void left_out(const std::string& path, const std::string& what) {
    f_.warning(c_.where(path), fmt::format("BackendConfig {}/{}: {}", c_.ns, c_.name, what), "gke-backend-config");
  }

  const GkeBackendConfig& c_;
  Findings& f_;
};

void backend_settings(Translator& t, Json& out) {
  t.integer("timeoutSec", 1, 2147483647, out, "timeoutSec");
  Json draining = Json::object();
  t.integer("connectionDraining.drainingTimeoutSec", 0, 3600, draining, "drainingTimeoutSec");
  if (!draining.empty()) out["connectionDraining"] = draining;

  // pkg/backendconfig/validation.go validateSessionAffinity: GKE Ingress
  // refused other types, and a cookie TTL over a day.
  Json affinity = Json::object();
  if (const Json* type = t.field("sessionAffinity.affinityType")) {
    const std::string v = type->is_string() ? type->get<std::string>() : "";
    if (v == "NONE" || v == "CLIENT_IP" || v == "GENERATED_COOKIE") {
      affinity["type"] = v;
    } else {
      t.refuse("sessionAffinity.affinityType",
               fmt::format("sessionAffinity.affinityType {} is not NONE, CLIENT_IP or GENERATED_COOKIE, which GKE "
                           "Ingress refused",
                           shown(*type)));
    }
  }
  if (const Json* ttl = t.field("sessionAffinity.affinityCookieTtlSec")) {
    const std::optional<int64_t> n = whole(*ttl);
    if (n && *n <= 86400) {
      affinity["cookieTtlSec"] = *n;
    } else {
      t.refuse("sessionAffinity.affinityCookieTtlSec",
               fmt::format("sessionAffinity.affinityCookieTtlSec {} is not a whole number from 0 to 86400, which GKE "
                           "Ingress refused",
                           shown(*ttl)));
    }
  }
  if (!affinity.empty()) out["sessionAffinity"] = affinity;

  if (const Json* name = t.field("securityPolicy.name"); name && name->is_string() && !name->get<std::string>().empty()) {
    out["securityPolicy"] = *name;
  }

  if (const Json* enabled = t.field("iap.enabled"); enabled && enabled->is_boolean()) {
    Json iap = {{"enabled", enabled->get<bool>()}};
    const Json* secret = t.field("iap.oauthclientCredentials.secretName");
    const Json* client = t.field("iap.oauthclientCredentials.clientID");
    if (secret && secret->is_string()) iap["oauth2ClientSecret"] = {{"name", *secret}};
    if (client && client->is_string()) iap["clientID"] = *client;
    if (enabled->get<bool>()) {
      t.left_out("iap",
                 fmt::format("IAP is written to GCPBackendPolicy spec.default.iap, but GKE Gateway reads its OAuth "
                             "client secret from the Secret's \"key\" entry, not GKE Ingress's client_secret{}: "
                             "prepare the Secret before the cutover, or the Service is served without IAP",
                             client ? "" : ", and needs the client ID in spec.default.iap.clientID (GKE Ingress "
                                           "read it from the Secret's client_id; add it)"));
    }
    out["iap"] = iap;
  }

  Json logging = Json::object();
  if (const Json* enable = t.field("logging.enable"); enable && enable->is_boolean()) logging["enabled"] = *enable;
  if (const Json* rate = t.field("logging.sampleRate")) {
    // ingress-gce: a fraction in [0, 1]; GKE Gateway: millionths.
    double r = -1;
    if (rate->is_number()) r = rate->get<double>();
    if (rate->is_string()) {
      const std::string s = rate->get<std::string>();
      char* end = nullptr;
      const double parsed = s.empty() ? -1 : std::strtod(s.c_str(), &end);
      if (end && *end == '\0') r = parsed;
    }
    if (r >= 0 && r <= 1) {
      logging["sampleRate"] = static_cast<int64_t>(std::llround(r * 1e6));
    } else {
      t.refuse("logging.sampleRate",
               fmt::format("logging.sampleRate {} is not a fraction from 0 to 1, which GKE Ingress refused",
                           shown(*rate)));
    }
  }
  if (!logging.empty()) out["logging"] = logging;

  if (const Json* cdn = t.field("cdn.enabled"); cdn && cdn->is_boolean() && cdn->get<bool>()) {
    t.left_out("cdn", "Cloud CDN is not carried: GKE Gateway's GCPBackendPolicy has no CDN field, so responses are "
                      "no longer cached at Google's edge");
  }
  for (const char* headers : {"customRequestHeaders", "customResponseHeaders"}) {
    if (!t.field(headers)) continue;
    t.left_out(headers, fmt::format("{} are not carried: GKE Gateway's policies have no header field; add a {} "
                                    "filter to the HTTPRoute rules of this Service (GCE's {{client_region}}-style "
                                    "variables have no Gateway API counterpart)",
                                    headers,
                                    std::string(headers) == "customRequestHeaders" ? "RequestHeaderModifier"
                                                                                   : "ResponseHeaderModifier"));
  }
}

// True when `path` is what HealthCheckPolicy's requestPath pattern takes:
// "/" and then only URL path characters.
bool request_path_ok(const std::string& path) {
  if (path.empty() || path.front() != '/' || path.size() > 2048) return false;
  const std::string allowed = "/-._~%!?$&'()*+,;=:";
  for (char ch : path) {
    const bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    if (!alnum && allowed.find(ch) == std::string::npos) return false;
  }
  return true;
}

void health_check(Translator& t, const std::string& protocol, Json& out) {
  if (!t.field("healthCheck")) return;
  t.integer("healthCheck.checkIntervalSec", 1, 300, out, "checkIntervalSec");
  t.integer("healthCheck.timeoutSec", 1, 300, out, "timeoutSec");
  t.integer("healthCheck.healthyThreshold", 1, 10, out, "healthyThreshold");
  t.integer("healthCheck.unhealthyThreshold", 1, 10, out, "unhealthyThreshold");
  // GCE refuses a timeout longer than the interval (5 s each by default).
  const int64_t interval = out.value("checkIntervalSec", int64_t{5});
  if (out.contains("timeoutSec") && out["timeoutSec"].get<int64_t>() > interval) {
    out.erase("timeoutSec");
    t.refuse("healthCheck.timeoutSec",
             fmt::format("healthCheck.timeoutSec is longer than the check interval ({} s), which GCE does not accept",
                         interval));
  }
  if (!out.contains("timeoutSec") && interval < 5) {
    out.erase("checkIntervalSec");
    t.refuse("healthCheck.checkIntervalSec",
             "healthCheck.checkIntervalSec is shorter than the default timeout (5 s) without a timeoutSec, which GCE "
             "does not accept");
  }
  std::string type = protocol;
  if (const Json* given = t.field("healthCheck.type")) {
    const std::string v = given->is_string() ? given->get<std::string>() : "";
    if (v != "HTTP" && v != "HTTPS" && v != "HTTP2") {
      // The probe itself is left out, not the timing: GKE Gateway's default
      // check (the serving port's protocol) runs with it.
      t.left_out("healthCheck.type",
                 fmt::format("healthCheck.type {} is not carried (only HTTP, HTTPS and HTTP2 checks are written): "
                             "GKE Gateway runs its default check on the serving port instead",
                             shown(*given)));
      return;
    }
    type = v;
  }
  Json check = Json::object();
  if (const Json* path = t.field("healthCheck.requestPath")) {
    if (path->is_string() && request_path_ok(path->get<std::string>())) {
      check["requestPath"] = *path;
    } else {
      t.refuse("healthCheck.requestPath",
               fmt::format("healthCheck.requestPath {} is not a URL path starting with /", shown(*path)));
    }
  }
  Json port = Json::object();
  t.integer("healthCheck.port", 1, 65535, port, "port");
  if (port.contains("port")) {
    check["portSpecification"] = "USE_FIXED_PORT";
    check["port"] = port["port"];
  }
  if (check.empty() && !t.field("healthCheck.type")) return;  // the implementation's default check
  const std::string key = type == "HTTPS" ? "httpsHealthCheck" : type == "HTTP2" ? "http2HealthCheck" : "httpHealthCheck";
  out["config"] = {{"type", type}, {key, check}};
}

}  // namespace

GkePolicyDefaults gke_policy_defaults(const GkeBackendConfig& config, const std::string& protocol,
                                      Findings& findings) {
  GkePolicyDefaults d;
  if (!config.spec.is_object()) return d;
  Translator t(config, findings);
  backend_settings(t, d.backend);
  health_check(t, protocol, d.health);
  return d;
}

}  // namespace im
