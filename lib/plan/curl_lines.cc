#include "plan/curl_lines.h"

#include "convert/topology.h"

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "util/text.h"

namespace im {

std::string shell_quote(const std::string& s) {
  bool plain = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string("_./:=@%+,-").find(c) != std::string::npos;
  });
  if (plain) return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string gateway_label(const GatewayRef& g) { return g.ns.empty() ? g.name : g.ns + "/" + g.name; }

std::string address_command(const GatewayRef& g, const std::string& kubectl) {
  // A Gateway written without a namespace lands in the context's namespace.
  return fmt::format("GATEWAY_ADDRESS=$({} get gateway {}{} -o jsonpath='{{.status.addresses[0].value}}')",
                     kubectl, g.ns.empty() ? "" : "-n " + g.ns + " ", g.name);
}

namespace {

/// Where a parentRef lands: the scheme and port clients use, and the host
/// name a listener restricts it to.
struct Entry {
  std::string scheme;
  int port = 80;
  std::string listener_host;
};

/// A name that a wildcard host matches, for the request line.
std::string concrete_host(const std::string& host) {
  return host.rfind("*.", 0) == 0 ? "test" + host.substr(1) : host;
}

/// A path the match accepts: the literal start of a regular expression
/// (the caller notes the expression beside the line).
std::string sample_path(const PathMatchIR& m) {
  if (m.type != "RegularExpression") return m.value.empty() ? "/" : m.value;
  std::string out;
  for (char c : m.value) {
    if (std::string(".^$*+?()[]{}|\\").find(c) != std::string::npos) break;
    out += c;
  }
  if (out.empty() || out[0] != '/') out = "/" + out;
  return out;
}

/// "curl ... URL" reaching `host` (or the bare address) on the entry.
std::string curl(const Entry& e, const std::string& host, const std::string& path,
                 const std::vector<std::string>& headers) {
  bool default_port = (e.scheme == "http" && e.port == 80) || (e.scheme == "https" && e.port == 443);
  std::string authority = host.empty() ? "$GATEWAY_ADDRESS" : host;
  if (!default_port) authority += ":" + std::to_string(e.port);
  std::string line = "curl -sS -o /dev/null -w '%{http_code}\\n'";
  if (!host.empty()) line += fmt::format(" --resolve {}:{}:$GATEWAY_ADDRESS", host, e.port);
  if (host.empty() && e.scheme == "https") line += " -k";
  for (const auto& h : headers) line += " -H " + shell_quote(h);
  std::string url = e.scheme + "://" + authority + path;
  // The address variable must stay expandable: quote only the path.
  return line + " " + (host.empty() ? e.scheme + "://" + authority + shell_quote(path)
                                    : shell_quote(url));
}

/// One Gateway's check lines, each with the host it asks for, and the
/// lines already there (many rules give the same request).
struct HostLines {
  std::vector<std::pair<std::string, std::string>> lines;
  std::set<std::string> seen;
};

void add_unique(HostLines& lines, const std::string& host, const std::string& line) {
  if (lines.seen.insert(line).second) lines.lines.emplace_back(host, line);
}

class Collector {
 public:
  Collector(const ConversionOutput& all, const std::set<std::string>& hosts)
      : all_(all), gateways_(reachable_gateways(all)), hosts_(hosts) {}

  /// Calls fn(gateway lines, entry, host) for every listener a route attaches to.
  template <typename Route, typename Fn>
  void each_entry(const Route& r, Fn fn) {
    std::string host = r.hostnames.empty() ? "" : r.hostnames.front();
    if (!hosts_.count(host)) return;
    for (const auto& p : r.parents) {
      auto [gw_ns, gw_name] = gateway_of(all_, p, r.ns);
      GatewayRef ref{gw_ns, gw_name};
      const GatewayIR* gw = find(ref);
      if (!gw) continue;
      // A ListenerSet's listeners are its parent's; the parentRef names the
      // ListenerSet and one of its listeners.
      const std::string set_ns = p.kind == "ListenerSet" ? (p.ns.empty() ? r.ns : p.ns) : "";
      const std::string set_name = p.kind == "ListenerSet" ? p.name : "";
      for (const auto& l : gw->listeners) {
        if (l.set_ns != set_ns || l.set_name != set_name) continue;
        if (!p.section.empty() && l.name != p.section) continue;
        if (p.port && *p.port != l.port) continue;
        Entry e{l.protocol == "HTTP" ? "http" : "https", l.port, l.hostname};
        fn(lines_[{ref.ns, ref.name}], e, concrete_host(host.empty() ? l.hostname : host));
      }
    }
  }

  /// Per Gateway: one host's lines together, hosts in name order, each
  /// host's lines in route order.
  std::vector<GatewayChecks> result() const {
    std::vector<GatewayChecks> out;
    for (auto [key, host_lines] : lines_) {
      auto& lines = host_lines.lines;
      std::stable_sort(lines.begin(), lines.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      GatewayChecks checks{GatewayRef{key.first, key.second}, {}};
      for (auto& [host, line] : lines) checks.lines.push_back(std::move(line));
      out.push_back(std::move(checks));
    }
    return out;
  }

 private:
  const GatewayIR* find(const GatewayRef& ref) const {
    for (const auto& g : gateways_) {
      if (g.ns == ref.ns && g.name == ref.name) return &g;
    }
    return nullptr;
  }

  const ConversionOutput& all_;
  std::vector<GatewayIR> gateways_;  ///< with ListenerSet listeners folded in
  const std::set<std::string>& hosts_;
  std::map<std::pair<std::string, std::string>, HostLines> lines_;
};

}  // namespace

std::vector<GatewayChecks> gateway_checks(const ConversionOutput& all, const ConversionOutput& routes,
                                          const std::set<std::string>& hosts) {
  Collector c(all, hosts);
  for (const auto& r : routes.http_routes) {
    c.each_entry(r, [&](HostLines& lines, const Entry& e, const std::string& host) {
      for (const auto& rule : r.rules) {
        std::vector<std::string> headers;
        std::string notes;
        for (const auto& h : rule.headers) {
          if (h.type == "Exact") {
            headers.push_back(h.name + ": " + h.value);
          } else {
            notes += fmt::format(" {} matching {}", h.name, h.value);
          }
        }
        std::string line = curl(e, host, sample_path(rule.path), headers);
        if (rule.path.type == "RegularExpression") line += "  # path regex " + rule.path.value;
        if (!notes.empty()) line += "  # add a header" + notes;
        if (rule.backends.size() > 1) {
          std::vector<std::string> split;
          for (const auto& b : rule.backends) split.push_back(fmt::format("{} {}", b.name, b.weight.value_or(1)));
          line += "  # weighted: " + join(split, ", ");
        }
        if (const auto& red = rule.filters.get().redirect) {
          line += fmt::format("  # expect {} (redirect)", red->status_code);
        }
        add_unique(lines, host, line);
      }
    });
  }
  for (const auto& r : routes.grpc_routes) {
    c.each_entry(r, [&](HostLines& lines, const Entry& e, const std::string& host) {
      for (const auto& rule : r.rules) {
        std::string tls = e.scheme == "http" ? "-plaintext" : "-servername " + host;
        std::string call = rule.service.empty() ? "list" : "describe " + rule.service;
        add_unique(lines, host, fmt::format("grpcurl {} -authority {} $GATEWAY_ADDRESS:{} {}", tls,
                                      host.empty() ? "$GATEWAY_ADDRESS" : host, e.port, call));
      }
    });
  }
  for (const auto& r : routes.tls_routes) {
    c.each_entry(r, [&](HostLines& lines, const Entry& e, const std::string& host) {
      add_unique(lines, host, curl(e, host, "/", {}) + "  # TLS passed through to the backend");
    });
  }
  return c.result();
}

}  // namespace im
