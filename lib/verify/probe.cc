#include "verify/probe.h"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "convert/kong_headers.h"
#include "convert/kong_host_aliases.h"
#include "convert/kong_methods.h"
#include "util/text.h"

namespace im::verify {

const char* const kUnmatchedHost = "unmatched.invalid";

std::string Probe::text() const {
  // GET is what every probe made before methods existed sends; naming only
  // the others keeps their identities (and the goldens) unchanged.
  std::string s = (method == "GET" ? "" : method + " ") + scheme + "://" + host + uri();
  for (const auto& [k, v] : headers) s += " [" + k + ": " + v + "]";
  for (const auto& [k, v] : cookies) s += " [cookie " + k + "=" + v + "]";
  return s;
}

namespace {

const std::string* find_pair(const std::vector<std::pair<std::string, std::string>>& list,
                             const std::string& name) {
  for (const auto& [k, v] : list) {
    if (k == name) return &v;
  }
  return nullptr;
}

std::string lower(const std::string& s) {
  return to_lower(s);
}

std::vector<std::string> split_words(const std::string& line) {
  std::vector<std::string> words;
  std::string w;
  for (char c : line) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!w.empty()) words.push_back(std::move(w));
      w.clear();
    } else {
      w += c;
    }
  }
  if (!w.empty()) words.push_back(std::move(w));
  return words;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

const std::string* Probe::header(const std::string& name) const {
  return find_pair(headers, name);
}
const std::string* Probe::cookie(const std::string& name) const {
  return find_pair(cookies, name);
}

std::string wildcard_instance(const std::string& host) {
  if (host.rfind("*.", 0) == 0) return "wildcard" + host.substr(1);
  // Kong's trailing wildcard (host-aliases "example.*").
  if (host.size() > 2 && host.compare(host.size() - 2, 2, ".*") == 0) {
    return host.substr(0, host.size() - 1) + "wildcard";
  }
  return host;
}

std::string literal_prefix(const std::string& path) {
  size_t end = path.find_first_of("^$*+?()[]{}|\\");
  std::string lit = path.substr(0, end);
  return lit.empty() ? "/" : lit;
}

namespace {

/// The request paths that probe one Ingress path: where Exact, Prefix and
/// nginx's regex reading of it disagree.
std::vector<std::string> path_variants(const std::string& ingress_path) {
  std::string p = literal_prefix(ingress_path.empty() ? "/" : ingress_path);
  if (p[0] != '/') p = "/" + p;
  std::vector<std::string> out = {"/", p};
  if (p != "/") {
    std::string base = p.back() == '/' ? p.substr(0, p.size() - 1) : p;
    out.push_back(base);
    out.push_back(base + "/");
    out.push_back(base + "/x");
    out.push_back(base + "x");
    if (upper(p) != p) out.push_back(upper(p));
  }
  return out;
}

const char* const kProbeQuery = "probe=1";

struct ProbeSink {
  std::vector<Probe>& out;
  const std::set<std::string>& tls_hosts;

  void add(const std::string& host, const std::string& path, const Location& source,
           std::vector<std::pair<std::string, std::string>> headers = {},
           std::vector<std::pair<std::string, std::string>> cookies = {}) {
    add_scheme("http", host, path, "", source, headers, cookies);
    // Where no certificate is configured, nginx answers https with its
    // self-signed default one; the variants of every path would only say
    // again what `add_default_certificate` says once per path.
    if (tls_hosts.count(host)) add_scheme("https", host, path, "", source, headers, cookies);
  }

  /// The request again with a query string: nginx's `return` (app-root,
  /// permanent- and temporal-redirect) drops it, its HTTPS redirect and
  /// proxy_pass keep it, a rewrite appends it; RequestRedirect and
  /// URLRewrite keep it.
  void add_with_query(const std::string& host, const std::string& path, const Location& source) {
    add_scheme("http", host, path, kProbeQuery, source, {}, {});
    if (tls_hosts.count(host)) add_scheme("https", host, path, kProbeQuery, source, {}, {});
  }

  /// nginx.tmpl gives every server block, the default server "_" included,
  /// `listen 443 ssl` with ssl_certificate_by_lua (template.go
  /// buildHTTPSListener), and certificate.lua falls back to the default
  /// certificate: https to a host without TLS was answered, by the same
  /// locations as http. One probe per path shows whether it still is.
  void add_default_certificate(const std::string& host, const std::string& path,
                               const Location& source) {
    if (!tls_hosts.count(host)) add_scheme("https", host, path, "", source, {}, {});
  }

  /// The request with another method (http only: the method does not
  /// depend on the scheme).
  void add_method(const std::string& method, const std::string& host, const std::string& path,
                  const Location& source) {
    add_scheme("http", host, path, "", source, {}, {});
    out.back().method = method;
  }

  void add_scheme(const char* scheme, const std::string& host, const std::string& path,
                  const std::string& query, const Location& source,
                  const std::vector<std::pair<std::string, std::string>>& headers,
                  const std::vector<std::pair<std::string, std::string>>& cookies) {
    Probe p;
    p.scheme = scheme;
    p.host = host;
    p.path = path;
    p.query = query;
    p.headers = headers;
    p.cookies = cookies;
    p.source = source;
    out.push_back(std::move(p));
  }
};

/// Header and cookie values that select each side of a canary Ingress.
void add_canary_probes(ProbeSink& sink, const Ingress& ing, const std::string& prefix,
                       const std::string& host, const std::string& path, const Location& source) {
  auto value = [&](const char* suffix) -> std::string {
    const Annotation* a = ing.annotation(prefix + "/" + suffix);
    return a ? a->value : "";
  };
  std::string header = lower(value("canary-by-header"));
  if (!header.empty()) {
    std::string v = value("canary-by-header-value");
    sink.add(host, path, source, {{header, v.empty() ? "always" : v}});
    sink.add(host, path, source, {{header, "never"}});
  }
  std::string cookie = value("canary-by-cookie");
  if (!cookie.empty()) {
    sink.add(host, path, source, {}, {{cookie, "always"}});
    sink.add(host, path, source, {}, {{cookie, "never"}});
  }
}

/// The Kong route conditions of one Ingress that its paths' probes
/// exercise, read once per Ingress rather than once per path.
struct KongProbeConditions {
  /// konghq.com/methods other than GET, plus DELETE when GET is listed:
  /// each listed method still matches, an unlisted one is still refused
  /// (GET's own probe shows that when GET is not listed). Empty when KIC
  /// ignores the annotation (an item that is not [A-Z]+).
  std::vector<std::string> methods;
  /// konghq.com/headers.*: every header at its first plain value, so one
  /// probe shows the headers still select the route (the probes without
  /// them show it still refuses). Empty when a header has no plain value
  /// or is Host, whose route Kong refuses.
  std::vector<std::pair<std::string, std::string>> headers;
};

KongProbeConditions kong_probe_conditions(const Ingress& ing) {
  KongProbeConditions c;
  if (const Annotation* a = ing.annotation("konghq.com/methods")) {
    bool get = false;
    for (const std::string& m : read_kong_methods(a->value).value_or(std::vector<std::string>{})) {
      if (m == "GET") {
        get = true;
      } else {
        c.methods.push_back(m);
      }
    }
    if (get) c.methods.push_back("DELETE");
  }
  for (const KongHeader& h : read_kong_headers(ing)) {
    auto plain = std::find_if(h.values.begin(), h.values.end(), [](const std::string& v) {
      return !v.empty() && !starts_with(v, "~*");
    });
    if (to_lower(h.name) == "host" || plain == h.values.end()) {
      c.headers.clear();
      break;
    }
    c.headers.emplace_back(to_lower(h.name), *plain);
  }
  return c;
}

void add_kong_probes(ProbeSink& sink, const KongProbeConditions& c, const std::string& host,
                     const std::string& path, const Location& source) {
  for (const std::string& m : c.methods) sink.add_method(m, host, path, source);
  if (!c.headers.empty()) sink.add_scheme("http", host, path, "", source, c.headers, {});
}

}  // namespace

std::vector<Probe> generate_probes(const Inventory& inventory, const std::string& annotation_prefix,
                                   const std::set<std::string>& tls_hosts) {
  std::vector<Probe> out;
  ProbeSink sink{out, tls_hosts};
  // The unmatched host's root belongs to no one path; findings about it
  // point at the first Ingress.
  if (!inventory.ingresses.empty()) {
    sink.add(kUnmatchedHost, "/", inventory.ingresses.front().location);
    sink.add_default_certificate(kUnmatchedHost, "/", inventory.ingresses.front().location);
  }
  for (const Ingress& ing : inventory.ingresses) {
    const Annotation* canary = ing.annotation(annotation_prefix + "/canary");
    bool is_canary = canary && lower(canary->value) == "true";
    if (ing.default_backend) sink.add(kUnmatchedHost, "/", ing.default_backend->location);
    const KongProbeConditions kong = kong_probe_conditions(ing);
    // konghq.com/host-aliases: the aliases are hosts of every rule's route.
    const std::vector<std::string> aliases =
        read_kong_host_aliases(ing).value_or(std::vector<std::string>{});
    for (const IngressRule& rule : ing.rules) {
      std::vector<std::string> rule_hosts = kong_route_hosts(rule.host, aliases);
      if (rule_hosts.empty()) rule_hosts.push_back("");
      for (const std::string& rule_host : rule_hosts) {
        std::string host = rule_host.empty() ? kUnmatchedHost : wildcard_instance(lower(rule_host));
        sink.add(host, "/", rule.location);
        sink.add_with_query(host, "/", rule.location);
        for (const IngressPath& p : rule.paths) {
          for (const auto& v : path_variants(p.path)) sink.add(host, v, p.location);
          sink.add_default_certificate(host, literal_prefix(p.path), p.location);
          sink.add_with_query(host, literal_prefix(p.path), p.location);
          add_kong_probes(sink, kong, host, literal_prefix(p.path), p.location);
          if (is_canary) {
            add_canary_probes(sink, ing, annotation_prefix, host, literal_prefix(p.path),
                              p.location);
          }
        }
      }
    }
  }
  sort_probes(out);
  return out;
}

void sort_probes(std::vector<Probe>& probes) {
  // Group by host, then order by the request: stable tables. The text is
  // built once per probe; large inputs have hundreds of thousands.
  std::vector<std::string> texts;
  texts.reserve(probes.size());
  for (const Probe& p : probes) texts.push_back(p.text());
  std::vector<size_t> order(probes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Probe& x = probes[a];
    const Probe& y = probes[b];
    if (x.host != y.host) return x.host < y.host;
    if (x.path != y.path) return x.path < y.path;
    if (x.query != y.query) return x.query < y.query;
    if (x.scheme != y.scheme) return x.scheme < y.scheme;
    if (texts[a] != texts[b]) return texts[a] < texts[b];
    if (x.source < y.source || y.source < x.source) return x.source < y.source;
    return a < b;
  });
  std::vector<Probe> sorted;
  sorted.reserve(probes.size());
  for (size_t k = 0; k < order.size(); ++k) {
    // Equal texts are adjacent; the first has the earliest source.
    if (k > 0 && texts[order[k]] == texts[order[k - 1]]) continue;
    sorted.push_back(std::move(probes[order[k]]));
  }
  probes = std::move(sorted);
}

bool parse_probe(const std::string& line, Probe& out, std::string& error) {
  auto words = split_words(line);
  if (words.empty()) {
    error = "empty probe";
    return false;
  }
  Probe p;
  // An optional method before the URL: "POST http://h/".
  if (words.size() > 1 && words[0].find("://") == std::string::npos &&
      upper(words[0]) == words[0]) {
    p.method = words[0];
    words.erase(words.begin());
  }
  const std::string& url = words[0];
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    error = "\"" + url + "\" is not an http:// or https:// URL";
    return false;
  }
  p.scheme = lower(url.substr(0, scheme_end));
  if (p.scheme != "http" && p.scheme != "https") {
    error = "\"" + url + "\" is not an http:// or https:// URL";
    return false;
  }
  std::string rest = url.substr(scheme_end + 3);
  if (size_t hash = rest.find('#'); hash != std::string::npos) {
    error = "\"" + url + "\": a fragment (#...) is never sent to the server; leave it out";
    return false;
  }
  size_t authority_end = rest.find_first_of("/?");
  std::string authority = rest.substr(0, authority_end);
  std::string target = authority_end == std::string::npos ? "/" : rest.substr(authority_end);
  if (target[0] == '?') target = "/" + target;
  size_t question = target.find('?');
  p.path = target.substr(0, question);
  if (question != std::string::npos) p.query = target.substr(question + 1);
  size_t colon = authority.find(':');
  p.host = lower(authority.substr(0, colon));
  if (p.host.empty()) {
    error = "\"" + url + "\" has no host";
    return false;
  }
  // Header words come in pairs: "name:" "value".
  for (size_t i = 1; i < words.size(); i += 2) {
    const std::string& name = words[i];
    if (name.size() < 2 || name.back() != ':' || i + 1 >= words.size()) {
      error = "expected \"NAME: VALUE\" after the URL, got \"" + name + "\"";
      return false;
    }
    std::string key = lower(name.substr(0, name.size() - 1));
    const std::string& value = words[i + 1];
    if (key == "cookie") {
      size_t eq = value.find('=');
      if (eq == std::string::npos || eq == 0) {
        error = "expected \"cookie: NAME=VALUE\", got \"" + value + "\"";
        return false;
      }
      p.cookies.emplace_back(value.substr(0, eq), value.substr(eq + 1));
    } else {
      p.headers.emplace_back(key, value);
    }
  }
  out = std::move(p);
  return true;
}

}  // namespace im::verify
