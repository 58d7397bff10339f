#pragma once
// Gateway API semantics over the converter's IR (or Gateway API objects
// read from files into the same IR): which listener, route and rule take a
// request, and what the rule's filters and backends do with it.

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "convert/gateway_ir.h"
#include "model/ingress.h"
#include "verify/kong_settings.h"
#include "verify/outcome.h"
#include "verify/probe.h"

namespace re2 {
class RE2;
}

namespace im::verify {

/// RE2 patterns compiled once per model (regex path and header matches,
/// regex rewrites), so that probes only look them up.
class RegexCache {
 public:
  RegexCache();
  ~RegexCache();
  /// Compiles `pattern` once; later calls find it.
  void add(const std::string& pattern);
  /// The compiled pattern, or null when it was not added or does not compile.
  const re2::RE2* find(const std::string& pattern) const;

 private:
  std::map<std::string, std::unique_ptr<re2::RE2>> compiled_;
};

/// What the model knows of the implementation beyond the spec.
struct GatewayDialect {
  /// RegularExpression path and header matches are RE2 full matches (of the
  /// path without its query), and a RegularExpression path ranks after
  /// Exact and before PathPrefix, longer patterns first: Envoy Gateway
  /// (internal/gatewayapi/sort.go, "Exact > RegularExpression >
  /// PathPrefix"). Without it such matches are implementation-specific, and
  /// a probe one might take is uncertain.
  bool re2_regex = false;
};

/// What a rule's ExtensionRef to an Envoy Gateway HTTPRouteFilter does,
/// resolved against the filter objects in the output (read from the inputs,
/// or written by --target-controller).
struct ExtensionFilter {
  std::optional<RegexRewrite> rewrite;
  /// Traefik Middlewares (traefik.io) the rule names, in filter order, read
  /// from the input: the Traefik target's router.middlewares.
  std::vector<const TraefikMiddleware*> traefik_chain;
  /// request-transformer KongPlugins (configuration.konghq.com) the rule
  /// names, which Kong's own Gateway runs: their header changes.
  KongRequestHeaders kong;
  std::string missing;     ///< the filter named but absent: 500, as the spec says
  std::string unmodelled;  ///< a filter the model does not know: uncertain
};

class GatewayModel {
 public:
  /// `output` must outlive the model.
  /// `traefik_middlewares`: the input's, for ExtensionRefs to them (null: none).
  /// `kong_plugins`: the input's KongPlugins, for ExtensionRefs to them on
  /// Kong's own Gateway (null: none).
  explicit GatewayModel(const ConversionOutput& output, GatewayDialect dialect = {},
                        const std::vector<TraefikMiddleware>* traefik_middlewares = nullptr,
                        const std::vector<KongPlugin>* kong_plugins = nullptr);

  Outcome route(const Probe& probe) const;

 private:
  using RuleRef = std::pair<size_t, size_t>;  ///< index into routes_, rule index
  /// Rules by the path they match, so that a probe looks only at rules
  /// that can take its path (issue 20: a scan made verify quadratic).
  struct PathIndex {
    std::map<std::string, std::vector<RuleRef>> exact;   ///< Exact value
    std::map<std::string, std::vector<RuleRef>> prefix;  ///< PathPrefix, trailing "/" dropped
    std::vector<RuleRef> other;                          ///< any other type: always tried
    void add(const RouteRuleIR& rule, RuleRef ref);
    /// The Exact and PathPrefix rules that take `path` (not `other`).
    void collect(const std::string& path, std::vector<RuleRef>& out) const;
  };
  /// Calls `visit` for the rules of routes that may take `host` (naming it
  /// exactly, or with wildcard or no hostnames) whose path match may take
  /// `path`, in route and rule order, until `visit` returns false. The
  /// `other` lists are merged in lazily: they can be long (a host of regex
  /// paths) and the first uncertain rule ends the walk.
  template <typename Visit>
  void visit_rules(const std::string& host, const std::string& path, Visit visit) const;

  using GatewayListener = std::pair<size_t, const ListenerIR*>;  ///< gateway index, listener
  /// The listeners (of every Gateway) that may take `host`, by the same split.
  std::vector<GatewayListener> listeners_for(const std::string& host) const;

  /// TLS passthrough: the TLSRoute of the listener that takes the host.
  Outcome route_tls(const Probe& probe, const GatewayIR& gw, const ListenerIR& listener) const;

  void resolve_extension_refs(const RouteRuleIR& rule, const std::string& ns);

  const ConversionOutput& out_;
  /// The Gateways requests reach: the written ones, the existing ones routes
  /// reuse, and the parents of ListenerSets, each with its ListenerSets'
  /// listeners folded in (ListenerIR::set_ns/set_name say whose they are).
  std::vector<GatewayIR> gateways_;
  GatewayDialect dialect_;
  /// The input's Traefik Middlewares by "ns/name".
  std::map<std::string, const TraefikMiddleware*> traefik_middlewares_;
  std::map<std::string, const KongPlugin*> kong_plugins_;  ///< by "ns/name"
  /// The Middlewares in the output (written by --target-controller), "ns/name".
  std::set<std::string> written_middlewares_;
  RegexCache regexes_;
  std::map<std::string, const nlohmann::ordered_json*> route_filters_;  ///< HTTPRouteFilters by "ns/name"
  /// Backends that stand for one Service port (a Traefik TraefikService
  /// whose weighted service is that Service alone): their backend name
  /// ("traefik.io/TraefikService ns/name") -> the Service's ("ns/svc:port").
  std::map<std::string, std::string> backend_aliases_;
  std::map<const RouteRuleIR*, ExtensionFilter> extension_filters_;
  /// GRPCRoutes read as HTTPRoutes (grpc_routes.h); routes_ points into it.
  std::deque<HTTPRouteIR> grpc_as_http_;
  /// The HTTPRoutes, then the GRPCRoutes: what RuleRef indexes.
  std::vector<const HTTPRouteIR*> routes_;
  std::map<std::string, std::vector<GatewayListener>> listeners_by_host_;
  std::vector<GatewayListener> listeners_any_host_;
  std::map<std::string, PathIndex> rules_by_host_;
  PathIndex rules_any_host_;
};

/// HTTPRoute hostname / listener hostname match: exact (case-insensitive),
/// or "*.example.com" covering any name below example.com.
bool hostname_matches(const std::string& pattern, const std::string& host);

/// The spec's PathPrefix: element-wise, case-sensitive, a trailing "/" of
/// the prefix ignored.
bool prefix_matches(const std::string& prefix, const std::string& path);

/// URLRewrite / RequestRedirect ReplacePrefixMatch, by the spec's table:
/// the matched prefix is replaced and exactly one "/" joins the rest.
std::string replace_prefix(const std::string& path, const std::string& matched,
                           const std::string& replacement);

}  // namespace im::verify
