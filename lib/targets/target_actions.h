#pragma once
// The fixed table of target actions a profile rule may name. An action reads
// one ingress-nginx annotation of one Ingress and writes into that Ingress's
// draft of implementation objects; a bad value is an error finding at the
// annotation and leaves only what it feeds out.

#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/finding.h"
#include "model/gke_frontend_config.h"
#include "model/ingress.h"
#include "model/kong_plugin.h"
#include "model/nginx_controller_config.h"
#include "targets/profile.h"

namespace im {

struct TargetOptions {
  bool allow_snippets = false;  ///< --allow-snippets
  /// The controller ConfigMap the conversion used (--nginx-config).
  NginxControllerConfig nginx_config;
  std::string nginx_prefix = "nginx.ingress.kubernetes.io";
};

/// The implementation objects planned for one Ingress, before they are
/// attached to its routes.
/// A listener of a generated Gateway, for policies that attach to listeners.
struct ListenerRef {
  std::string ns;       ///< the Gateway's (or ListenerSet's) namespace
  std::string gateway;  ///< the Gateway's (or ListenerSet's) name
  std::string section;  ///< the listener's name
  std::string kind = "Gateway";  ///< or "ListenerSet" (--listener-set)
};

struct IngressDraft {
  /// The whole input, for annotations that name another object (a ConfigMap).
  const std::vector<ConfigMap>* config_maps = nullptr;
  /// The input's GKE FrontendConfigs, for networking.gke.io/v1beta1.FrontendConfig.
  const std::vector<GkeFrontendConfig>* gke_frontend_configs = nullptr;
  /// The input's Traefik Middlewares, for router.middlewares.
  const std::vector<TraefikMiddleware>* traefik_middlewares = nullptr;
  /// Traefik's router.middlewares under the Traefik target: the Middlewares
  /// (in the routes' namespace) every proxying rule names by ExtensionRef,
  /// in the annotation's order, instead of the standard filters.
  std::vector<std::string> traefik_middleware_refs;
  /// The input's KongPlugins and KongClusterPlugins, for konghq.com/plugins.
  const std::vector<KongPlugin>* kong_plugins = nullptr;
  const std::vector<KongPlugin>* kong_cluster_plugins = nullptr;
  /// The plugins (kong_plugin_label) a *-kong-plugins action judged itself,
  /// converted or not: its findings replace the standard one about each.
  std::vector<std::string> kong_plugins_judged;
  std::string ns;                     ///< namespace of its HTTPRoutes
  std::vector<std::string> routes;    ///< HTTPRoute names made from the Ingress
  /// Where those routes are in ConversionOutput::http_routes (which
  /// apply_target never resizes), so editing them is not a scan of all.
  std::vector<size_t> route_indices;
  std::vector<std::string> proxy_routes;  ///< those with a rule that proxies (not only redirects)
  std::vector<std::string> services;  ///< backend Service names, sorted
  std::vector<ListenerRef> https_listeners;  ///< HTTPS listeners its routes attach to
  std::map<std::string, nlohmann::ordered_json> specs;  ///< kind -> spec (without targets)
  std::map<std::string, Location> sources;              ///< kind -> first annotation that wrote it
  std::map<std::string, std::string> snippets;          ///< SnippetsFilter context -> text
  std::set<std::string> replaces;  ///< standard fields a converted rule's object replaces (TargetRule::replaces)
  /// Whole objects an action builds itself, attached to something other
  /// than the Ingress's routes or Services (kgateway: a BackendConfigPolicy
  /// on the auth Service), by name, with the annotation that wrote them.
  std::map<std::string, std::pair<nlohmann::ordered_json, Location>> objects;
  /// tls.options for the HTTPS listeners of its hosts, with the annotation
  /// that asked (server-level settings: the oldest Ingress of a host wins).
  std::vector<std::pair<std::string, std::string>> listener_options;
  Location listener_options_source;
  /// The annotation prefixes of the family serving the Ingress when it is
  /// not ingress-nginx ("haproxy.org/", ...), for siblings of its keys.
  std::vector<std::string> family_prefixes;
  /// That family ("" = ingress-nginx, or no family rule applied).
  std::string family;
};

struct TargetActionContext {
  const Ingress& ingress;
  const Annotation& annotation;
  const TargetRule& rule;
  const TargetProfile& profile;
  const TargetOptions& options;
  IngressDraft& draft;
  Findings& findings;

  /// Another annotation of the rule's family on the same Ingress (key
  /// without prefix).
  const Annotation* sibling(const std::string& key) const;
  /// The spec of `rule.kind` being written, created on first use.
  nlohmann::ordered_json& spec() const { return spec_of(rule.kind); }
  /// The spec of another kind the same annotation writes into (kgateway's
  /// auth-url: GatewayExtension and the TrafficPolicy naming it).
  nlohmann::ordered_json& spec_of(const std::string& kind) const;
  /// An error at the annotation; returns false so actions can `return reject(...)`.
  bool reject(const std::string& why) const;
};

/// The rule's params.needs (keys, comma-separated): true when there is none
/// or one of those keys converts on the same Ingress (checked quietly on a
/// scratch draft, since each key reports its own faults). auth-realm means
/// nothing without a converted auth-type.
bool needs_met(const TargetActionContext& c);

/// True when the annotation was converted; false after reporting why not.
using TargetActionFn = bool (*)(const TargetActionContext&);

struct TargetAction {
  const char* name;
  const char* description;
  TargetActionFn fn;
};

const std::vector<TargetAction>& target_actions();
const TargetAction* find_target_action(const std::string& name);

// Value readers shared by the actions (target_values.cc). Each returns false
// with `why` set when the value cannot be written.
bool nginx_size_bytes(const std::string& value, uint64_t& bytes, std::string& why);
/// "8m" -> "8Mi" (a Kubernetes quantity).
bool nginx_size_to_quantity(const std::string& value, std::string& out, std::string& why);
/// "8m" -> "8m", "20000k" -> "20m": NGF's ^\d{1,4}(k|m|g)?$.
bool nginx_size_to_ngf(const std::string& value, std::string& out, std::string& why);
/// "60" -> "60s".
bool seconds_to_duration(const std::string& value, std::string& out, std::string& why);
/// "10.0.0.0/8, 1.2.3.4" -> {"10.0.0.0/8", "1.2.3.4/32"}.
bool cidr_list(const std::string& value, std::vector<std::string>& out, std::string& why);

/// True when every address of CIDR `inner` is in CIDR `outer` (same family).
bool cidr_within(const std::string& inner, const std::string& outer);

/// Up to nine decimal digits, nothing else.
bool whole_number(const std::string& v, uint64_t& n);
/// "ns/name" or "name" (ingress-nginx auth-secret, auth-tls-secret); ns stays as is for
/// "name". False, with `why`, when the value cannot name a Secret.
bool split_secret(const std::string& v, std::string& ns, std::string& name, std::string& why);

/// Fills what `into` lacks from `from`, field by field, recursing into
/// objects except those under the keys in `whole` (one choice, taken
/// whole: Istio's loadBalancer); a field both set differently stays
/// `into`'s and its dotted path (under `path`) goes into `conflicts`.
void merge_older_wins(nlohmann::ordered_json& into, const nlohmann::ordered_json& from, const std::string& path,
                      const std::set<std::string>& whole, std::vector<std::string>& conflicts);

/// One of Contour's TLS versions on an Ingress with HTTPS listeners.
struct ContourTlsVersion {
  std::string value;     ///< "1.2" or "1.3"
  bool minimum = false;  ///< tls-minimum-protocol-version (else the maximum)
};
/// Reads the annotation of `c` as Contour did; false after an error at it.
bool read_contour_tls_version(const TargetActionContext& c, ContourTlsVersion& out);

/// Writes `value` at the dotted `path` under `obj`, creating objects on the way.
void set_path(nlohmann::ordered_json& obj, const std::string& path, nlohmann::ordered_json value);

}  // namespace im
