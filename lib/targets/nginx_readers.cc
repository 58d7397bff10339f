// Readers of ingress-nginx annotation groups shared by the target actions.
// ingress-nginx behaviour from internal/ingress/annotations/{auth,authreq,
// sessionaffinity}/main.go and rootfs/etc/nginx/lua/balancer/{chash,sticky}.lua.

#include "targets/nginx_readers.h"

#include <fmt/format.h>

#include <algorithm>

#include "convert/filter_set.h"
#include "util/text.h"

namespace im {

std::string seconds_hms(uint64_t s) {
  if (s == 0) return "0s";
  std::string out;
  if (s / 3600) out += std::to_string(s / 3600) + "h";
  if (s % 3600 / 60) out += std::to_string(s % 3600 / 60) + "m";
  if (s % 60) out += std::to_string(s % 60) + "s";
  return out;
}

bool read_basic_auth(const TargetActionContext& c, const std::string& implementation, std::string& ns,
                     std::string& name) {
  const Annotation* type = c.sibling("auth-type");
  const Annotation* secret = c.sibling("auth-secret");
  if (!type || type->value != "basic") {
    if (type && type->value == "digest") return c.reject(implementation + " has no digest authentication");
    return c.reject("needs auth-type: basic");
  }
  if (!secret || secret->value.empty()) return c.reject("needs auth-secret naming the htpasswd Secret");
  std::string why;
  if (!split_secret(secret->value, ns, name, why)) return c.reject("auth-secret: " + why);
  if (ns == c.ingress.ns) ns.clear();
  return true;
}

bool literal_header_value(const std::string& v, std::string& out) {
  if (v.empty() || v.find('$') != std::string::npos) return false;
  out.clear();
  for (char ch : v) out += ch == '%' ? std::string("%%") : std::string(1, ch);
  return true;
}

bool read_auth_proxy_headers(const TargetActionContext& c, const std::string& implementation,
                             std::vector<std::pair<std::string, std::string>>& out) {
  std::string ns, name, why;
  if (!split_secret(c.annotation.value, ns, name, why)) return c.reject(why);
  if (ns.empty()) ns = c.ingress.ns;
  const ConfigMap* found = nullptr;
  for (const ConfigMap& cm : *c.draft.config_maps) {
    if (cm.name == name && cm.ns == ns) found = &cm;
  }
  if (!found) return c.reject(fmt::format("ConfigMap {}/{} is not in the input (add it with -f)", ns, name));
  std::vector<std::string> left_out = found->unread;
  for (const auto& [k, v] : found->data) {
    std::string value;
    if (!is_header_name(k) || !literal_header_value(v, value)) {
      left_out.push_back(k);
      continue;
    }
    out.emplace_back(k, value);
  }
  if (!left_out.empty()) {
    c.findings.error(c.annotation.location,
                     fmt::format("{}: the entries of ConfigMap {}/{} that are not a header name with a literal "
                                 "value are left out ({}): nginx variables have no {} equivalent",
                                 c.annotation.key, ns, name, join(left_out, ", "), implementation),
                     "target-value-invalid");
  }
  return !out.empty();
}

namespace {

// What reaches a service outside the cluster in the implementation, for
// messages: the profile's external_backend, else "a PROJECT Backend".
std::string external_backend(const TargetProfile& p) {
  return p.external_backend.empty() ? "a " + p.project + " Backend" : p.external_backend;
}

}  // namespace

bool read_auth_url(const TargetActionContext& c, AuthService& out) {
  const std::string& url = c.annotation.value;
  if (url.find('$') != std::string::npos) return c.reject("nginx variables in the URL are not available");
  size_t pos = 0;
  if (url.rfind("http://", 0) == 0) {
    pos = 7;
  } else if (url.rfind("https://", 0) == 0) {
    return c.reject(fmt::format("a TLS auth service needs {} with TLS settings; write it by hand",
                                external_backend(c.profile)));
  } else {
    return c.reject("expected an http:// URL");
  }
  const size_t path_at = url.find('/', pos);
  std::string authority = url.substr(pos, path_at == std::string::npos ? std::string::npos : path_at - pos);
  out.path = path_at == std::string::npos ? "/" : url.substr(path_at);
  out.port = 80;
  if (const size_t colon = authority.find(':'); colon != std::string::npos) {
    uint64_t n = 0;
    if (!whole_number(authority.substr(colon + 1), n) || n == 0 || n > 65535) return c.reject("bad port");
    out.port = static_cast<int>(n);
    authority = authority.substr(0, colon);
  }
  const std::vector<std::string> labels = split(authority, '.');
  const bool cluster_service = labels.size() >= 3 && labels[2] == "svc" &&
                               (labels.size() == 3 || (labels.size() == 5 && labels[3] == "cluster" &&
                                                       labels[4] == "local"));
  if (!cluster_service)
    return c.reject(fmt::format("{} is not a cluster Service name (SVC.NAMESPACE.svc); point {} at it "
                                "and write the external authorization by hand",
                                authority, external_backend(c.profile)));
  out.name = labels[0];
  out.ns = labels[1] == c.ingress.ns ? "" : labels[1];
  return true;
}

namespace {

// The names of the allow and of the deny list, newest first: the rule's
// params allow-keys / deny-keys (space-separated) for another family's
// lists (HAProxy: allow-list then whitelist, pkg/annotations/ingress/
// accessControl.go), else ingress-nginx's (annotations/ipallowlist and
// ipdenylist main.go: allowlist-source-range, then whitelist-source-range).
std::vector<std::string> list_keys(const TargetActionContext& c, bool allow) {
  auto it = c.rule.params.find(allow ? "allow-keys" : "deny-keys");
  if (it != c.rule.params.end()) {
    std::vector<std::string> keys;
    for (const std::string& k : split(it->second, ' ')) {
      if (!k.empty()) keys.push_back(k);
    }
    return keys;
  }
  if (allow) return {"allowlist-source-range", "whitelist-source-range"};
  return {"denylist-source-range"};
}

// The list's annotation that counts: the newest name set.
const Annotation* list_in_force(const TargetActionContext& c, bool allow, std::string* name = nullptr) {
  for (const std::string& key : list_keys(c, allow)) {
    if (const Annotation* a = c.sibling(key)) {
      if (name) *name = key;
      return a;
    }
  }
  return nullptr;
}

// HAProxy also takes a pattern file in its own pod instead of addresses.
bool list_addresses(const std::string& value, std::vector<std::string>& out, std::string& why) {
  if (value.rfind("patterns/", 0) == 0) {
    why = "it names a pattern file inside the controller's pod; write its address ranges in the annotation";
    return false;
  }
  return cidr_list(value, out, why);
}

std::vector<std::string> source_list(const TargetActionContext& c, bool allow) {
  const Annotation* a = list_in_force(c, allow);
  std::vector<std::string> cidrs;
  std::string why;
  if (a && !list_addresses(a->value, cidrs, why)) cidrs.clear();
  return cidrs;
}

}  // namespace

bool read_own_source_list(const TargetActionContext& c, std::vector<std::string>& out) {
  for (bool allow : {true, false}) {
    const std::vector<std::string> keys = list_keys(c, allow);
    if (std::find(keys.begin(), keys.end(), c.rule.key) == keys.end()) continue;
    std::string winner;
    if (list_in_force(c, allow, &winner) != &c.annotation) return c.reject(winner + " is set too and wins");
  }
  std::string why;
  if (!list_addresses(c.annotation.value, out, why)) return c.reject(why);
  return true;
}

bool read_source_ranges(const TargetActionContext& c, SourceRanges& out) {
  std::vector<std::string> own;
  if (!read_own_source_list(c, own)) return false;
  out.allow = source_list(c, true);
  out.deny = source_list(c, false);
  return true;
}

bool read_rate_limit(const TargetActionContext& c, const std::string& one_limit_per, RateLimit& out) {
  uint64_t multiplier = 5;
  if (const Annotation* m = c.sibling("limit-burst-multiplier")) {
    if (!whole_number(m->value, multiplier) || multiplier == 0) {
      if (m == &c.annotation) return c.reject("expected a positive whole number");
      multiplier = 5;
    }
  }
  const Annotation* rps = c.sibling("limit-rps");
  const Annotation* rpm = c.sibling("limit-rpm");
  if (rps && rpm && &c.annotation == rpm)
    return c.reject(fmt::format("limit-rps is set too, and {}: limit-rps is written", one_limit_per));
  const Annotation* rate = rps ? rps : rpm;
  if (!rate) return c.reject("needs limit-rps or limit-rpm");
  if (!whole_number(rate->value, out.rate) || out.rate == 0) {
    if (rate == &c.annotation) return c.reject("expected a positive number of requests");
    return false;
  }
  out.per_minute = rate != rps;
  out.burst = out.rate * multiplier;
  return true;
}

bool read_header_names(const TargetActionContext& c, std::vector<std::string>& out) {
  for (std::string h : split(c.annotation.value, ',')) {
    h = trim(h);
    if (h.empty()) continue;
    if (!is_header_name(h)) return c.reject(fmt::format("\"{}\" is not a header name", h));
    out.push_back(h);
  }
  if (out.empty()) return c.reject("no header names");
  return true;
}

bool read_cookie_affinity(const TargetActionContext& c, CookieAffinity& out) {
  const Annotation* affinity = c.sibling("affinity");
  if (!affinity || affinity->value != "cookie") {
    if (&c.annotation == affinity) return c.reject("only affinity: cookie exists");
    return c.reject("has no effect without affinity: cookie");
  }
  const Annotation* name = c.sibling("session-cookie-name");
  out.name = name && !name->value.empty() ? name->value : "INGRESSCOOKIE";
  const Annotation* max_age = c.sibling("session-cookie-max-age");
  const Annotation* expires = c.sibling("session-cookie-expires");
  const Annotation* ttl = max_age ? max_age : expires;
  if (ttl && !whole_number(ttl->value, out.ttl_seconds)) {
    if (c.annotation.location.line == ttl->location.line) return c.reject("expected whole seconds");
    // ingress-nginx ignores the value (its own finding says so): the rest
    // of the affinity stands, with a session cookie.
    out.ttl_seconds = 0;
  }
  if (const Annotation* a = c.sibling("session-cookie-path")) out.path = a->value;
  if (const Annotation* a = c.sibling("session-cookie-domain")) out.domain = a->value;
  if (const Annotation* a = c.sibling("session-cookie-samesite")) {
    if (a->value == "None" || a->value == "Lax" || a->value == "Strict") {
      out.same_site = a->value;
    } else if (c.annotation.location.line == a->location.line) {
      return c.reject("expected None, Lax or Strict");
    }  // else left out of the others: the attribute reports itself
  }
  const Annotation* secure = c.sibling("session-cookie-secure");
  out.secure = secure && secure->value == "true";
  return true;
}

bool cookie_attribute_value(const std::string& v) {
  return !v.empty() && std::none_of(v.begin(), v.end(), [](unsigned char ch) {
    return ch <= ' ' || ch == ';' || ch == ',' || ch == 0x7f;
  });
}

bool read_hash_key(const TargetActionContext& c, const std::string& implementation, HashKey& out) {
  const Annotation* affinity = c.sibling("affinity");
  if (affinity && affinity->value == "cookie")
    return c.reject("affinity: cookie is set and takes precedence, as in ingress-nginx");
  const std::string& v = c.annotation.value;
  if (v == "$remote_addr" || v == "$binary_remote_addr") {
    out = {HashKey::Kind::SourceIP, ""};
  } else if (v.rfind("$http_", 0) == 0 && v.size() > 6 && v.find('$', 1) == std::string::npos) {
    std::string header = v.substr(6);
    std::replace(header.begin(), header.end(), '_', '-');
    out = {HashKey::Kind::Header, header};
  } else if (v.rfind("$cookie_", 0) == 0 && v.size() > 8 && v.find('$', 1) == std::string::npos) {
    out = {HashKey::Kind::Cookie, v.substr(8)};
  } else {
    return c.reject(fmt::format("{} hashes only $remote_addr, $http_NAME and $cookie_NAME", implementation));
  }
  return true;
}

bool read_load_balance(const TargetActionContext& c, Balancer& out) {
  if (const Annotation* a = c.sibling("affinity"); a && a->value == "cookie")
    return c.reject("affinity: cookie is set and takes precedence, as in ingress-nginx");
  if (c.sibling("upstream-hash-by")) return c.reject("upstream-hash-by is set and takes precedence, as in ingress-nginx");
  const std::string& v = c.annotation.value;
  if (v != "round_robin" && v != "ewma") return c.reject("supported values: ewma, round_robin");
  out = v == "ewma" ? Balancer::Ewma : Balancer::RoundRobin;
  return true;
}

bool read_retry_triggers(const TargetActionContext& c, const std::string& value, RetryTriggers& out) {
  auto add = [&](const char* t) {
    if (std::find(out.triggers.begin(), out.triggers.end(), t) == out.triggers.end()) out.triggers.push_back(t);
  };
  for (const std::string& token : split(value, ' ')) {
    if (token.empty() || token == "non_idempotent") continue;
    if (token == "off") {
      out.off = true;
      return true;
    }
    if (token == "error" || token == "invalid_header" || token == "timeout") {
      add("connect-failure");
      add("reset");
    } else if (token.rfind("http_", 0) == 0) {
      uint64_t code = 0;
      if (!whole_number(token.substr(5), code) || code < 400 || code > 599)
        return c.reject(fmt::format("unknown value {}", token));
      add("retriable-status-codes");
      out.status_codes.push_back(code);
    } else {
      return c.reject(fmt::format("unknown value {}", token));
    }
  }
  return true;
}

}  // namespace im
