// Envoy Gateway actions for what ingress-nginx configured per server (host)
// rather than per location: client certificates and TLS ciphers become a
// ClientTrafficPolicy on the host's HTTPS listener. ingress-nginx takes these
// from the first Ingress that defines the host
// (internal/ingress/controller/controller.go, "server.CertificateAuth =
// anns.CertificateAuth", SSLCiphers in createServers) and writes them in the
// server block (rootfs/etc/nginx/template/nginx.tmpl: ssl_client_certificate,
// ssl_verify_client, ssl_verify_depth, ssl_ciphers); Envoy Gateway applies the
// oldest ClientTrafficPolicy of a listener, so the first-defined Ingress wins
// in both. Also the extAuth connection reuse and route tracing switches.

#include "targets/eg_listener_actions.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "util/text.h"

namespace im {
namespace {

using Json = nlohmann::ordered_json;

// ssl_verify_client values (internal/ingress/annotations/authtls/main.go
// authVerifyClientRegex) -> ClientValidationContext.mode (EG
// api/v1alpha1/tls_types.go; internal/gatewayapi/helpers.go
// convertClientValidationModeType): "on" requires and verifies, "optional"
// verifies a certificate if one is sent, "optional_no_ca" asks for one and
// accepts it unverified. "off" asks for none: no clientValidation at all.
const std::map<std::string, std::string> kVerifyModes = {
    {"on", "RequireAndVerify"}, {"optional", "VerifyIfGiven"}, {"optional_no_ca", "Request"}, {"off", ""}};

// The cipher names Envoy Gateway v1.9.0 accepts in tls.ciphers
// (api/v1alpha1/tls_types.go TLSSettings.Ciphers), OpenSSL spelling.
const std::set<std::string> kEnvoyCiphers = {
    "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",  "ECDHE-ECDSA-AES256-GCM-SHA384",
    "ECDHE-RSA-AES256-GCM-SHA384",   "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
    "ECDHE-ECDSA-AES128-SHA",        "ECDHE-RSA-AES128-SHA",          "AES128-GCM-SHA256",
    "AES128-SHA",                    "ECDHE-ECDSA-AES256-SHA",        "ECDHE-RSA-AES256-SHA",
    "AES256-GCM-SHA384",             "AES256-SHA"};

// OpenSSL aliases none of those ciphers belongs to: excluding them ("!aNULL",
// "!MD5") removes nothing from an explicit Envoy list.
const std::set<std::string> kAliasesOutsideEnvoy = {
    "aNULL", "eNULL", "NULL", "MD5",  "RC4",   "RC2",  "DES",      "3DES", "EXPORT", "EXP", "LOW",  "PSK",
    "SRP",   "DSS",   "aDSS", "SEED", "IDEA",  "ADH",  "AECDH",    "DH",   "DHE",    "EDH", "kEDH", "kDHE",
    "aECDH", "KRB5",  "CAMELLIA", "ARIA", "CCM", "CCM8", "SHA384+DHE", "kRSAPSK", "kECDHEPSK", "kDHEPSK"};

// Writes the ClientTrafficPolicy clientValidation for auth-tls-secret and
// auth-tls-verify-client; `report` false checks without reporting, for the
// keys that only mean something next to a converted client certificate.
bool client_cert(const TargetActionContext& c, bool report) {
  auto fail = [&](const std::string& why) { return report ? c.reject(why) : false; };
  const Annotation* secret = c.sibling("auth-tls-secret");
  if (!secret || secret->value.empty()) return fail("needs auth-tls-secret naming the CA Secret");
  if (c.draft.https_listeners.empty()) {
    return fail("no host of this Ingress has a tls entry, so its Gateway has no HTTPS listener to ask for "
                "client certificates on");
  }
  std::string mode = "RequireAndVerify";
  if (const Annotation* verify = c.sibling("auth-tls-verify-client")) {
    auto it = kVerifyModes.find(verify->value);
    if (it != kVerifyModes.end()) {
      mode = it->second;
    } else if (&c.annotation == verify) {
      // ingress-nginx falls back to "on" (authtls/main.go defaultAuthVerifyClient).
      return fail("expected on, off, optional or optional_no_ca (ingress-nginx used on)");
    }
  }
  if (mode.empty()) return true;  // off: no certificate is asked for, as before
  std::string ns;
  std::string name;
  std::string why;
  if (!split_secret(secret->value, ns, name, why)) return fail("auth-tls-secret: " + why);
  if (ns.empty()) ns = c.ingress.ns;
  Json ref = {{"kind", "Secret"}, {"name", name}};
  // The policy lives in the Gateway's namespace; the Secret stays where it is.
  if (ns != c.draft.https_listeners.front().ns) ref["namespace"] = ns;
  Json& validation = c.spec()["tls"]["clientValidation"];
  validation["caCertificateRefs"] = Json::array({ref});
  validation["mode"] = mode;
  return true;
}

}  // namespace

bool act_eg_client_cert(const TargetActionContext& c) { return client_cert(c, true); }

bool act_eg_client_cert_detail(const TargetActionContext& c) {
  if (!client_cert(c, false)) return false;
  const Annotation* verify = c.sibling("auth-tls-verify-client");
  return !(verify && verify->value == "off");
}

// auth-tls-pass-certificate-to-upstream: ingress-nginx sends the URL-encoded
// PEM as ssl-client-cert (nginx.tmpl, $ssl_client_escaped_cert); Envoy sends
// it, and the subject, in X-Forwarded-Client-Cert.
bool act_eg_forward_client_cert(const TargetActionContext& c) {
  const std::string& v = c.annotation.value;
  if (v != "true" && v != "false") return c.reject("expected true or false");
  if (!act_eg_client_cert_detail(c)) return false;
  if (v == "true") {
    c.spec()["headers"]["xForwardedClientCert"] = {{"mode", "SanitizeSet"},
                                                   {"certDetailsToAdd", Json::array({"Cert", "Subject"})}};
  }
  return true;
}

// An OpenSSL cipher string (nginx ssl_ciphers) as Envoy cipher names. Only
// explicit names Envoy knows convert; an exclusion converts when it names a
// listed cipher or an alias none of Envoy's ciphers belongs to.
bool read_envoy_ciphers(const TargetActionContext& c, std::vector<std::string>& out) {
  std::vector<std::string> kept;
  std::set<std::string> excluded;
  for (std::string token : split(c.annotation.value, ':')) {
    token = trim(token);
    if (token.empty()) continue;
    if (token[0] == '!' || token[0] == '-') {
      const std::string name = token.substr(1);
      if (kEnvoyCiphers.count(name)) {
        excluded.insert(name);
      } else if (!kAliasesOutsideEnvoy.count(name)) {
        return c.reject(fmt::format("the exclusion \"{}\" is an OpenSSL expression Envoy has no equivalent for",
                                    token));
      }
      continue;
    }
    if (!kEnvoyCiphers.count(token)) {
      return c.reject(fmt::format("\"{}\" is not a cipher name Envoy supports (it takes a list of names such as "
                                  "ECDHE-RSA-AES128-GCM-SHA256, not OpenSSL expressions)",
                                  token));
    }
    if (std::find(kept.begin(), kept.end(), token) == kept.end()) kept.push_back(token);
  }
  for (const auto& name : kept) {
    if (!excluded.count(name)) out.push_back(name);
  }
  if (out.empty()) return c.reject("no cipher is left");
  return true;
}

// ssl-ciphers -> tls.ciphers of the host's HTTPS listeners.
bool act_eg_ciphers(const TargetActionContext& c) {
  if (c.draft.https_listeners.empty()) {
    return c.reject("no host of this Ingress has a tls entry, so its Gateway has no HTTPS listener");
  }
  std::vector<std::string> ciphers;
  if (!read_envoy_ciphers(c, ciphers)) return false;
  c.spec()["tls"]["ciphers"] = ciphers;
  return true;
}

// Contour's TLS versions -> tls.minVersion / maxVersion of the hosts'
// HTTPS listeners (read_contour_tls_version).
bool act_eg_tls_versions(const TargetActionContext& c) {
  ContourTlsVersion version;
  if (!read_contour_tls_version(c, version)) return false;
  c.spec()["tls"][version.minimum ? "minVersion" : "maxVersion"] = version.value;
  return true;
}

// auth-keepalive / auth-keepalive-requests (authreq/main.go: keepalive 0 by
// default, so every auth subrequest opens a new connection; requests 1000).
// Envoy pools connections to the auth Service; capping the requests per
// connection at 1 is the no-keepalive behaviour.
bool act_eg_auth_keepalive(const TargetActionContext& c) {
  uint64_t connections = 0;
  uint64_t requests = 1000;
  if (const Annotation* a = c.sibling("auth-keepalive")) {
    if (!whole_number(a->value, connections)) {
      if (&c.annotation == a) return c.reject("expected a whole number of connections");
      return false;
    }
  }
  if (const Annotation* a = c.sibling("auth-keepalive-requests")) {
    if (!whole_number(a->value, requests) || requests == 0) {
      if (&c.annotation == a) return c.reject("expected a positive number of requests");
      return false;
    }
  }
  c.spec()["extAuth"]["http"]["backendSettings"]["circuitBreaker"]["maxRequestsPerConnection"] =
      connections == 0 ? 1 : requests;
  return true;
}

// enable-opentelemetry: "false" turns tracing off for these routes (sampling
// fraction 0); "true" leaves the route to the Gateway's tracing settings.
bool act_eg_route_tracing(const TargetActionContext& c) {
  const std::string& v = c.annotation.value;
  if (v != "true" && v != "false") return c.reject("expected true or false");
  if (v == "false") {
    c.spec()["telemetry"]["tracing"]["samplingFraction"] = {{"numerator", 0}, {"denominator", 100}};
  }
  return true;
}

}  // namespace im
