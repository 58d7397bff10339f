#include "convert/haproxy_settings.h"

#include <fmt/format.h>

#include <algorithm>

#include "convert/input_values.h"
#include "model/names.h"
#include "rules/value_format.h"
#include "util/text.h"

namespace im {
namespace {

// request-set-header / response-set-header (reqSetHdr.go): one "Name value"
// per line, split at the first space; HAProxy refuses the whole annotation
// when a line has no space. The value is an HAProxy log-format string
// (common.EnsureQuoted wraps it in quotes), so %[...] sample fetches and %
// variables are evaluated per request: only literal values convert.
void read_header_lines(const Setting& s, std::vector<std::pair<std::string, std::string>>& set,
                       std::optional<std::string>* host, Findings& findings) {
  std::vector<std::pair<std::string, std::string>> lines;
  for (const std::string& raw : split(s.value, '\n')) {
    const std::string line = raw.size() && raw.back() == '\r' ? raw.substr(0, raw.size() - 1) : raw;
    if (line.empty()) continue;
    const size_t space = line.find(' ');
    if (space == std::string::npos) {
      findings.error(s.location,
                     fmt::format("line \"{}\" is not \"Name value\", so HAProxy refused the whole annotation "
                                 "(reqSetHdr.go); none of its headers is converted",
                                 escape_control(line)),
                     s.rule_id);
      return;
    }
    std::string value = line.substr(space + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    lines.emplace_back(line.substr(0, space), value);
  }
  for (const auto& [name, value] : lines) {
    if (!is_header_name(name)) {
      findings.error(s.location, fmt::format("\"{}\" is not a header name; not converted", escape_control(name)),
                     s.rule_id);
    } else if (value.find('%') != std::string::npos) {
      findings.warning(s.location,
                       fmt::format("header {}: \"{}\" is an HAProxy log-format expression, evaluated per "
                                   "request, which Gateway API cannot; not converted",
                                   name, escape_control(value)),
                       s.rule_id);
    } else if (std::string why = header_value_problem(value); !why.empty()) {
      findings.error(s.location, fmt::format("header {}: the value {}; not converted", name, why), s.rule_id);
    } else if (host && to_lower(name) == "host") {
      *host = value;  // a URLRewrite hostname, as set-host
    } else if (!set_header(set, name, value)) {
      findings.error(s.location,
                     fmt::format("header {}: a header filter sets at most {} headers; not converted", name,
                                 kMaxHeaderFilterEntries),
                     s.rule_id);
    }
  }
}

// set-host (reqSetHost.go): http-request set-header Host with the value.
void read_set_host(const Setting& s, std::optional<std::string>& host, Findings& findings) {
  if (!ingress_host_problem(s.value).empty() || s.value.find('*') != std::string::npos) {
    findings.error(s.location,
                   fmt::format("\"{}\" is not a DNS host name, which URLRewrite hostname needs; not converted",
                               escape_control(s.value)),
                   s.rule_id);
    return;
  }
  host = s.value;
}

// A status code RequestRedirect allows, or 0 with an error at `s`.
int redirect_status(const Setting& s, Findings& findings) {
  const auto code = parse_int(s.value);
  if (code && (*code == 301 || *code == 302 || *code == 303 || *code == 307 || *code == 308))
    return static_cast<int>(*code);
  findings.error(s.location,
                 fmt::format("redirect status \"{}\" is not one Gateway API allows (301, 302, 303, 307, 308); "
                             "not converted",
                             escape_control(s.value)),
                 s.rule_id);
  return 0;
}

// request-redirect (hostRedirect.go, reqRequestRedirect.go): every request
// is answered with a redirect to SCHEME://HOST[:PORT] and the request's own
// path and query (capture.req.uri); the scheme is http unless the value
// starts with https://, the status 302 unless request-redirect-code says.
void read_host_redirect(const IngressPolicy& policy, RouteTemplate& t, Findings& findings) {
  const Setting* s = policy.setting("host-redirect");
  if (!s) return;
  int code = 302;
  if (const Setting* c = policy.setting("host-redirect-code")) {
    code = redirect_status(*c, findings);
    if (code == 0) return;
  }
  std::string scheme = "http";
  std::string rest = s->value;
  if (rest.rfind("https://", 0) == 0) {
    scheme = "https";
    rest = rest.substr(8);
  } else if (rest.rfind("http://", 0) == 0) {
    rest = rest.substr(7);
  }
  RedirectSpec r;
  r.scheme = scheme;
  r.status_code = code;
  const size_t colon = rest.rfind(':');
  if (colon != std::string::npos) {
    const auto port = parse_int(rest.substr(colon + 1));
    if (!port || *port < 1 || *port > 65535) rest.clear();  // reported below
    if (port && *port >= 1 && *port <= 65535) r.port = static_cast<int>(*port);
    rest = rest.substr(0, colon);
  }
  if (rest.empty() || !ingress_host_problem(rest).empty() || rest.find('*') != std::string::npos) {
    findings.error(s->location,
                   fmt::format("\"{}\" is not a host name with an optional port, which RequestRedirect needs; "
                               "redirect not converted",
                               escape_control(s->value)),
                   s->rule_id);
    return;
  }
  r.hostname = rest;
  t.filters.redirect = r;
  t.redirect_only = true;
}

// ssl-redirect-port / ssl-redirect-code (httpsRedirect.go): they change the
// HTTPS redirect only where ssl-redirect made one. HAProxy always writes
// the port (reqRequestRedirect.go: https://HOST:PORT; default 8443); 443
// is the well-known port RequestRedirect leaves out, the same URL.
void read_https_redirect(const IngressPolicy& policy, RouteTemplate& t, Findings& findings) {
  if (const Setting* c = policy.setting("redirect-code")) {
    if (int code = redirect_status(*c, findings); code && t.force_redirect) t.redirect_code = code;
  }
  if (const Setting* p = policy.setting("redirect-port")) {
    const auto port = parse_int(p->value);
    if (!port || *port < 1 || *port > 65535) {
      findings.error(p->location,
                     fmt::format("\"{}\" is not a port (1-65535); not converted", escape_control(p->value)),
                     p->rule_id);
    } else if (t.force_redirect && *port != 443) {
      t.redirect_port = static_cast<int>(*port);
    }
  }
}

// cors-allow-origin is a regular expression HAProxy matches against the
// Origin header (resSetCORS.go: var(txn.cors_origin) -m reg), unanchored.
// One literal origin, anchored or not, converts to that origin (the regex
// also let longer look-alikes through: the filter is stricter); anything
// else has no CORS filter form.
std::optional<std::string> literal_origin(std::string v) {
  if (v == "*") return v;
  if (!v.empty() && v.front() == '^') v.erase(0, 1);
  if (!v.empty() && v.back() == '$') v.pop_back();
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\\' && i + 1 < v.size() && (v[i + 1] == '.' || v[i + 1] == '/' || v[i + 1] == '-')) {
      out += v[++i];
    } else if (std::string("()[]{}|?+*\\").find(v[i]) != std::string::npos) {
      return std::nullopt;
    } else {
      out += v[i];
    }
  }
  const bool scheme = out.rfind("http://", 0) == 0 || out.rfind("https://", 0) == 0;
  if (!scheme || out.find('/', out.find("//") + 2) != std::string::npos) return std::nullopt;
  return out;
}

// cors-enable and cors-* (resSetCORS.go, defaults common/main.go: origin,
// methods and headers "*", max-age 5s, no credentials): HAProxy added the
// Access-Control-* headers to answers when the request had an Origin; the
// CORS filter does that and also answers preflight requests itself.
void read_cors(const IngressPolicy& policy, RouteTemplate& t, Findings& findings) {
  const Setting* enable = policy.setting("cors-enable");
  if (!enable || enable->rule_id.rfind("haproxy-", 0) != 0 || parse_go_bool(enable->value) != true) return;
  auto value = [&](const char* action, const char* fallback) -> std::pair<std::string, const Setting*> {
    const Setting* s = policy.setting(action);
    return {s ? s->value : std::string(fallback), s};
  };
  auto bad = [&](const Setting* s, const std::string& why) {
    findings.error(s ? s->location : enable->location,
                   fmt::format("{}; the CORS filter is not written, so browsers refuse the cross-origin answers "
                               "HAProxy allowed",
                               why),
                   s ? s->rule_id : enable->rule_id);
  };
  nlohmann::ordered_json cors = nlohmann::ordered_json::object();
  // Its own action: ingress-nginx's cors-allow-origin is a list of origins,
  // checked as such (input_values.cc); HAProxy's is a regular expression.
  const auto [origin, origin_setting] = value("cors-origin-regex", "*");
  const std::optional<std::string> literal = literal_origin(trim(origin));
  if (!literal) {
    return bad(origin_setting, fmt::format("cors-allow-origin \"{}\" is a regular expression, not one origin",
                                           escape_control(origin)));
  }
  cors["allowOrigins"] = {*literal};
  static const std::vector<std::string> kMethods = {"GET",     "HEAD",    "POST",  "PUT", "DELETE",
                                                    "CONNECT", "OPTIONS", "TRACE", "PATCH"};
  const auto [methods, methods_setting] = value("cors-allow-methods", "*");
  std::vector<std::string> method_list;
  for (const std::string& raw : split(methods, ',')) {
    const std::string m = to_upper(trim(raw));
    if (m.empty()) continue;
    if (m != "*" && std::find(kMethods.begin(), kMethods.end(), m) == kMethods.end())
      return bad(methods_setting, fmt::format("\"{}\" is not an HTTP method HAProxy accepts here", escape_control(m)));
    if (std::find(method_list.begin(), method_list.end(), m) == method_list.end()) method_list.push_back(m);
  }
  cors["allowMethods"] = method_list;
  const auto [headers, headers_setting] = value("cors-allow-headers", "*");
  std::vector<std::string> header_list;
  for (const std::string& raw : split(headers, ',')) {
    const std::string h = trim(raw);
    if (h.empty()) continue;
    if (h != "*" && !is_header_name(h))
      return bad(headers_setting, fmt::format("\"{}\" is not a header name", escape_control(h)));
    header_list.push_back(h);
  }
  cors["allowHeaders"] = header_list;
  const auto [credentials, credentials_setting] = value("cors-allow-credentials", "false");
  (void)credentials_setting;
  cors["allowCredentials"] = credentials == "true";  // resSetCORS.go: only the exact "true"
  const auto [age, age_setting] = value("cors-max-age", "5s");
  const std::optional<long long> ms = haproxy_millis(trim(age));
  if (!ms) return bad(age_setting, fmt::format("cors-max-age \"{}\" is not an HAProxy time", escape_control(age)));
  cors["maxAge"] = std::min<long long>(*ms / 1000, 2147483647);
  t.filters.cors = cors;
}

}  // namespace

std::optional<long long> haproxy_millis(const std::string& value) {
  size_t i = 0;
  while (i < value.size() && value[i] >= '0' && value[i] <= '9') ++i;
  const std::string unit = value.substr(i);
  // HAProxy's default unit is the millisecond (configuration manual 2.5).
  static const std::vector<std::pair<std::string, long long>> kUnits = {
      {"", 1}, {"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}, {"d", 86400000}};
  for (const auto& [name, ms] : kUnits) {
    if (unit == name && i > 0 && i <= 9) return std::stoll(value.substr(0, i)) * ms;
  }
  return std::nullopt;
}

std::optional<std::string> haproxy_duration(const std::string& value, std::string& why) {
  const std::optional<long long> ms = haproxy_millis(value);
  if (!ms) {
    why = "expected an HAProxy time such as 50s, 500 (milliseconds) or 1m";
    return std::nullopt;
  }
  // The largest unit that divides it: a Duration has at most 5 digits.
  static const std::vector<std::pair<std::string, long long>> kOut = {
      {"h", 3600000}, {"m", 60000}, {"s", 1000}, {"ms", 1}};
  for (const auto& [name, size] : kOut) {
    if (*ms % size != 0) continue;
    if (*ms / size > 99999) break;
    return std::to_string(*ms / size) + name;
  }
  why = "too long for a Gateway API Duration (at most 99999 of a unit)";
  return std::nullopt;
}

std::optional<std::string> haproxy_server_timeout(const Setting& s, Findings& findings) {
  std::string why;
  auto d = haproxy_duration(s.value, why);
  if (!d) findings.error(s.location, fmt::format("\"{}\": {}; not converted", escape_control(s.value), why), s.rule_id);
  return d;
}

void read_haproxy_settings(const IngressPolicy& policy, RouteTemplate& t, Findings& findings) {
  for (const auto& [action, s] : policy.settings) {
    if (action == "request-header-lines") {
      read_header_lines(s, t.filters.request_set, &t.filters.rewrite_hostname, findings);
    } else if (action == "response-header-lines") {
      read_header_lines(s, t.filters.response_set, nullptr, findings);
    } else if (action == "set-host") {
      read_set_host(s, t.filters.rewrite_hostname, findings);
    } else if (action == "server-timeout") {
      if (auto d = haproxy_server_timeout(s, findings)) t.backend_timeout = *d;
    }
  }
  read_host_redirect(policy, t, findings);
  read_https_redirect(policy, t, findings);
  read_cors(policy, t, findings);
}

}  // namespace im
