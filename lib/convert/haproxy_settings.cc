#include "convert/haproxy_settings.h"

#include <fmt/format.h>

#include "convert/input_values.h"
#include "model/names.h"
#include "rules/value_format.h"
#include "util/text.h"

namespace im {
namespace {

constexpr size_t kMaxHeaderFilterEntries = 16;  // RequestHeaderModifier set: maxItems

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
    } else if (set.size() >= kMaxHeaderFilterEntries) {
      findings.error(s.location,
                     fmt::format("header {}: a header filter sets at most {} headers; not converted", name,
                                 kMaxHeaderFilterEntries),
                     s.rule_id);
    } else {
      set.emplace_back(name, value);
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

}  // namespace

std::optional<std::string> haproxy_duration(const std::string& value, std::string& why) {
  size_t i = 0;
  while (i < value.size() && value[i] >= '0' && value[i] <= '9') ++i;
  const std::string unit = value.substr(i);
  // HAProxy's default unit is the millisecond (configuration manual 2.5).
  static const std::vector<std::pair<std::string, long long>> kUnits = {
      {"", 1}, {"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}, {"d", 86400000}};
  long long scale = 0;
  for (const auto& [name, ms] : kUnits) {
    if (unit == name) scale = ms;
  }
  if (i == 0 || i > 9 || scale == 0) {
    why = "expected an HAProxy time such as 50s, 500 (milliseconds) or 1m";
    return std::nullopt;
  }
  const long long ms = std::stoll(value.substr(0, i)) * scale;
  // The largest unit that divides it: a Duration has at most 5 digits.
  static const std::vector<std::pair<std::string, long long>> kOut = {
      {"h", 3600000}, {"m", 60000}, {"s", 1000}, {"ms", 1}};
  for (const auto& [name, size] : kOut) {
    if (ms % size != 0 && size != 1) continue;
    const long long n = ms / size;
    if (n > 99999) break;
    return std::to_string(n) + name;
  }
  why = "too long for a Gateway API Duration (at most 99999 of a unit)";
  return std::nullopt;
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
      // timeout server (service/timeoutServer.go): how long HAProxy waits
      // for the backend to send something. timeouts.backendRequest bounds
      // the whole answer instead (the verdict says so).
      std::string why;
      if (auto d = haproxy_duration(s.value, why)) {
        t.backend_timeout = *d;
      } else {
        findings.error(s.location, fmt::format("\"{}\": {}; not converted", escape_control(s.value), why),
                       s.rule_id);
      }
    }
  }
  read_host_redirect(policy, t, findings);
  read_https_redirect(policy, t, findings);
}

}  // namespace im
