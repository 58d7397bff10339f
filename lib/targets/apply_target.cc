#include "targets/apply_target.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "convert/naming.h"
#include "targets/gke_objects.h"
#include "targets/istio_objects.h"
#include "targets/kong_plugin_actions.h"
#include "targets/lbc_objects.h"
#include "targets/target_verdict.h"
#include "targets/traefik_actions.h"
#include "targets/traefik_middleware_refs.h"
#include "targets/traefik_services.h"
#include "util/text.h"

namespace im {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kGatewayGroup = "gateway.networking.k8s.io";

Json route_refs(const IngressDraft& d, const std::string& kind) {
  const bool every_route = kind == "ClientSettingsPolicy";
  Json refs = Json::array();
  for (const auto& r : every_route ? d.routes : d.proxy_routes) {
    refs.push_back({{"group", kGatewayGroup}, {"kind", "HTTPRoute"}, {"name", r}});
  }
  return refs;
}

// The HTTPS listeners of the generated Gateways and ListenerSets, by
// "kind/ns/name/listener": built once, asked for every route's parents.
std::set<std::string> https_listener_keys(const ConversionOutput& out) {
  std::set<std::string> keys;
  for (const GatewayIR& g : out.gateways) {
    for (const ListenerIR& l : g.listeners) {
      if (l.protocol == "HTTPS") keys.insert("Gateway/" + g.ns + "/" + g.name + "/" + l.name);
    }
  }
  for (const ListenerSetIR& s : out.listener_sets) {
    for (const ListenerIR& l : s.listeners) {
      if (l.protocol == "HTTPS") keys.insert("ListenerSet/" + s.ns + "/" + s.name + "/" + l.name);
    }
  }
  return keys;
}

// The HTTPS listeners the Ingress's routes attach to, in route order: where
// server-level settings (client certificates, ciphers) of its hosts go.
std::vector<ListenerRef> https_listeners_of(const std::set<std::string>& https,
                                            const std::vector<const HTTPRouteIR*>& routes) {
  std::vector<ListenerRef> refs;
  std::set<std::string> seen;
  for (const HTTPRouteIR* r : routes) {
    for (const ParentRefIR& parent : r->parents) {
      const std::string ns = parent.ns.empty() ? r->ns : parent.ns;
      const std::string kind = parent.kind.empty() ? "Gateway" : parent.kind;
      const std::string key = kind + "/" + ns + "/" + parent.name + "/" + parent.section;
      if (https.count(key) && seen.insert(key).second) refs.push_back({ns, parent.name, parent.section, kind});
    }
  }
  return refs;
}

// "ipAllowList" -> "ip-allow-list".
std::string kebab_case(const std::string& camel) {
  std::string out;
  for (char ch : camel) {
    if (ch >= 'A' && ch <= 'Z') {
      out += '-';
      out += static_cast<char>(ch - 'A' + 'a');
    } else {
      out += ch;
    }
  }
  return out;
}

std::string api_group(const TargetProfile& p) { return p.api_version.substr(0, p.api_version.find('/')); }

Json object(const TargetProfile& p, const std::string& kind, const std::string& ns, const std::string& name) {
  Json o = {{"apiVersion", p.api_version_of(kind)}, {"kind", kind}, {"metadata", {{"name", name}}}};
  // Like the standard objects: no namespace when the model has none (the CLI
  // always assigns one; library callers may not).
  if (!ns.empty()) o["metadata"]["namespace"] = ns;
  return o;
}

// Drops what an action could only half write because the annotation it
// depends on was rejected (an extAuth without a backend, say): the error is
// already at that annotation, and a half object would not apply.
void drop_incomplete(IngressDraft& d) {
  auto sp = d.specs.find("SecurityPolicy");
  if (sp != d.specs.end()) {
    Json& s = sp->second;
    if (s.contains("extAuth") && !s["extAuth"]["http"].contains("backendRefs")) s.erase("extAuth");
  }
  // kgateway: an external auth is a GatewayExtension the TrafficPolicy
  // names; without its Service (auth-url rejected) neither half applies.
  auto ext = d.specs.find("GatewayExtension");
  const bool ext_complete = ext != d.specs.end() && ext->second["extAuth"]["httpService"].contains("backendRef");
  if (ext != d.specs.end() && !ext_complete) d.specs.erase(ext);
  auto tp = d.specs.find("TrafficPolicy");
  if (tp != d.specs.end() && tp->second.contains("extAuth") && !ext_complete) tp->second.erase("extAuth");
  auto usp = d.specs.find("UpstreamSettingsPolicy");
  if (usp != d.specs.end() && usp->second.contains("hashMethodKey")) {
    usp->second["loadBalancingMethod"] = "hash consistent";  // upstream-hash-by wins over load-balance
  }
  for (auto it = d.specs.begin(); it != d.specs.end();) {
    it = it->second.empty() ? d.specs.erase(it) : std::next(it);
  }
}

void add_extension_ref(ConversionOutput& out, const IngressDraft& d, const std::string& group, const std::string& kind,
                       const std::string& name) {
  for (size_t i : d.route_indices) {
    HTTPRouteIR& route = out.http_routes[i];
    for (auto& rule : route.rules) {
      // A redirect answers without proxying; filters that guard the
      // backend have nothing to guard there.
      if (rule.filters.get().redirect) continue;
      rule.filters.edit().extension_refs.push_back({{"group", group}, {"kind", kind}, {"name", name}});
    }
  }
}

// References an implementation object makes to another namespace, as
// (namespace, kind, name): the Services and Secrets of external and basic
// auth. Both implementations check them against ReferenceGrants (Envoy
// Gateway always; kgateway for backend and Secret references in its default
// PERMISSIVE mode).
std::vector<std::tuple<std::string, std::string, std::string>> cross_namespace_refs(const std::string& kind,
                                                                                    const Json& spec) {
  std::vector<std::tuple<std::string, std::string, std::string>> refs;
  auto add = [&](const Json& ref, const char* to_kind) {
    if (ref.is_object() && ref.contains("namespace")) refs.emplace_back(ref["namespace"], to_kind, ref["name"]);
  };
  if (kind == "GatewayExtension" && spec.contains("extAuth")) {
    add(spec["extAuth"]["httpService"]["backendRef"], "Service");
  } else if (kind == "TrafficPolicy" && spec.contains("basicAuth")) {
    add(spec["basicAuth"]["secretRef"], "Secret");
  } else if (kind == "SecurityPolicy") {
    if (spec.contains("extAuth")) {
      for (const Json& ref : spec["extAuth"]["http"]["backendRefs"]) add(ref, "Service");
    }
    if (spec.contains("basicAuth")) add(spec["basicAuth"]["users"], "Secret");
  }
  return refs;
}

// One ReferenceGrant per cross-namespace reference of `obj`, in the
// referenced namespace, allowing exactly that object kind from the Ingress's
// namespace to exactly that Service or Secret.
std::vector<Json> grants_for(const TargetProfile& p, const std::string& kind, const Json& obj) {
  std::vector<Json> grants;
  const std::string from_ns = obj["metadata"].value("namespace", "");
  if (from_ns.empty()) return grants;  // no namespace to grant from (library callers)
  for (const auto& [ns, to_kind, name] : cross_namespace_refs(kind, obj["spec"])) {
    Json grant = {{"apiVersion", "gateway.networking.k8s.io/v1beta1"},
                  {"kind", "ReferenceGrant"},
                  {"metadata", {{"name", dns_name(from_ns + "-" + obj["metadata"]["name"].get<std::string>() +
                                                  "-" + to_lower(kind))},
                                {"namespace", ns}}},
                  {"spec",
                   {{"from", Json::array({{{"group", api_group(p)}, {"kind", kind}, {"namespace", from_ns}}})},
                    {"to", Json::array({{{"group", ""}, {"kind", to_kind}, {"name", name}}})}}}};
    grants.push_back(std::move(grant));
  }
  return grants;
}

void emit(const TargetProfile& p, IngressDraft& d, const Ingress& ing, ConversionOutput& out) {
  drop_incomplete(d);
  const std::string source = ing.ref();
  auto push = [&](Json obj, const std::string& kind) {
    std::vector<Json> grants = grants_for(p, kind, obj);
    out.vendor_objects.push_back({std::move(obj), source, d.sources[kind]});
    for (Json& g : grants) out.vendor_objects.push_back({std::move(g), source, d.sources[kind]});
  };
  for (auto& [kind, spec] : d.specs) {
    if (kind == "ClientSettingsPolicy") {
      // One route per policy: ClientSettingsPolicy has a single targetRef.
      for (const auto& r : d.routes) {
        Json o = object(p, kind, d.ns, r);
        o["spec"] = Json{{"targetRef", {{"group", kGatewayGroup}, {"kind", "HTTPRoute"}, {"name", r}}}};
        o["spec"].update(spec);
        push(std::move(o), kind);
      }
      continue;
    }
    if (kind == "ClientTrafficPolicy") {
      // Attaches to listeners, so it lives in the Gateway's namespace.
      const ListenerRef& first = d.https_listeners.front();
      Json o = object(p, kind, first.ns, first.ns == d.ns ? ing.name : d.ns + "-" + ing.name);
      Json refs = Json::array();
      for (const auto& l : d.https_listeners) {
        if (l.ns != first.ns) continue;  // one Gateway namespace per Ingress in practice
        refs.push_back({{"group", kGatewayGroup}, {"kind", l.kind}, {"name", l.gateway}, {"sectionName", l.section}});
      }
      o["spec"] = Json{{"targetRefs", refs}};
      o["spec"].update(spec);
      push(std::move(o), kind);
      continue;
    }
    if (kind == "Middleware") {
      // Traefik: one Middleware per type (a Middleware holds one), named
      // INGRESS-TYPE, run by every proxying rule in nginx's phase order.
      for (const std::string& type : traefik_middleware_order()) {
        if (!spec.contains(type)) continue;
        const std::string name = dns_name(ing.name + "-" + kebab_case(type));
        Json o = object(p, kind, d.ns, name);
        o["spec"] = Json{{type, spec[type]}};
        add_extension_ref(out, d, api_group(p), kind, name);
        push(std::move(o), kind);
      }
      continue;
    }
    if (kind == "AuthenticationFilter" || kind == "GatewayExtension") {
      // Referenced, not attached: from the route rules (ExtensionRef) or
      // from the Ingress's TrafficPolicy (extAuth.extensionRef).
      Json o = object(p, kind, d.ns, ing.name);
      o["spec"] = spec;
      if (kind == "AuthenticationFilter") add_extension_ref(out, d, api_group(p), kind, ing.name);
      push(std::move(o), kind);
      continue;
    }
    Json refs = Json::array();
    if (kind == "UpstreamSettingsPolicy" || kind == "BackendConfigPolicy") {
      for (const auto& s : d.services) refs.push_back({{"group", ""}, {"kind", "Service"}, {"name", s}});
    } else {
      refs = route_refs(d, kind);
    }
    if (refs.empty()) continue;  // only redirects: nothing for the policy to act on
    // Where the implementation caps targetRefs, the same spec goes into one
    // policy per slice: NAME, NAME-2, ...
    const size_t slice = p.max_target_refs ? p.max_target_refs : refs.size();
    for (size_t first = 0; first < refs.size(); first += slice) {
      const size_t n = first / slice;
      Json o = object(p, kind, d.ns, n == 0 ? ing.name : dns_name(ing.name + "-" + std::to_string(n + 1)));
      Json part = Json::array();
      for (size_t i = first; i < refs.size() && i < first + slice; ++i) part.push_back(refs[i]);
      o["spec"] = Json{{"targetRefs", part}};
      o["spec"].update(spec);
      push(std::move(o), kind);
    }
  }
  for (auto& [name, built] : d.objects) out.vendor_objects.push_back({std::move(built.first), source, built.second});
  // The standard conversion wrote proxy-read/send-timeout as the routes'
  // timeouts.backendRequest; where a rule says its object now carries them
  // (`replaces: route-backend-timeout`: NGINX Gateway Fabric's
  // ProxySettingsPolicy, whose conformance report lacks
  // HTTPRouteBackendTimeout), the policy replaces that field.
  if (d.replaces.count("route-backend-timeout")) {
    for (size_t i : d.route_indices) {
      for (auto& rule : out.http_routes[i].rules) rule.backend_timeout.reset();
    }
  }
  if (!d.snippets.empty()) {
    Json snippets = Json::array();
    for (const auto& [context, text] : d.snippets) snippets.push_back({{"context", context}, {"value", text}});
    Json o = object(p, "SnippetsFilter", d.ns, ing.name);
    o["spec"] = {{"snippets", snippets}};
    push(std::move(o), "SnippetsFilter");
    add_extension_ref(out, d, api_group(p), "SnippetsFilter", ing.name);
  }
}

// The spec of the filter object that carries a regex rewrite: Envoy
// Gateway's HTTPRouteFilter urlRewrite.path ReplaceRegexMatch, kgateway's
// TrafficPolicy urlRewrite.pathRegex (url_rewrite.go); both are Envoy's
// regex_rewrite, with \1 backreferences in the substitution.
Json regex_rewrite_spec(const TargetProfile& p, const RegexRewrite& rr) {
  const Json match = {{"pattern", rr.pattern}, {"substitution", rr.substitution}};
  if (p.regex_rewrite == "TrafficPolicy") return {{"urlRewrite", {{"pathRegex", match}}}};
  return {{"urlRewrite", {{"path", {{"type", "ReplaceRegexMatch"}, {"replaceRegexMatch", match}}}}}};
}

// rewrite-target capture groups the conversion left as a regex rewrite
// (FilterSet::rewrite_regex, only made when the profile has regex_rewrite):
// one filter object per distinct rewrite of the Ingress, referenced from
// each rule by an ExtensionRef. The rewrite stays in the rule's IR, which is
// what verify models.
void lower_regex_rewrites(const TargetProfile& p, const Ingress& ing, const IngressDraft& d, ConversionOutput& out,
                          Findings& added) {
  if (p.regex_rewrite.empty()) return;
  const std::string group = api_group(p);
  std::vector<std::pair<RegexRewrite, std::string>> written;  // rewrite -> object name
  std::set<std::pair<uint32_t, uint32_t>> reported;
  for (size_t i : d.route_indices) {
    HTTPRouteIR& route = out.http_routes[i];
    for (auto& rule : route.rules) {
      const std::optional<RegexRewrite>& rr = rule.filters.get().rewrite_regex;
      if (!rr) continue;
      std::string name;
      for (const auto& [w, n] : written) {
        if (w.pattern == rr->pattern && w.substitution == rr->substitution) name = n;
      }
      if (name.empty()) {
        name = ing.name + "-rewrite" + (written.empty() ? "" : "-" + std::to_string(written.size() + 1));
        Json o = object(p, p.regex_rewrite, route.ns, name);
        o["spec"] = regex_rewrite_spec(p, *rr);
        out.vendor_objects.push_back({std::move(o), ing.ref(), rr->source});
        written.emplace_back(*rr, name);
      }
      const Location source = rr->source;
      rule.filters.edit().extension_refs.push_back({{"group", group}, {"kind", p.regex_rewrite}, {"name", name}});
      const TargetRule* verdict = p.rule_for("rewrite-target");
      if (!verdict || !reported.insert({source.line, source.col}).second) continue;
      for (const Annotation& a : ing.annotations) {
        if (a.location.line == source.line && a.location.col == source.col) {
          added.add(target_verdict(p, *verdict, a, "nginx-rewrite-target"));
        }
      }
    }
  }
}

// use-forwarded-headers (controller ConfigMap): the realip module took the
// client address from X-Forwarded-For, trusting proxy-real-ip-cidr
// (nginx.tmpl: real_ip_header, set_real_ip_from, real_ip_recursive on;
// config.go default 0.0.0.0/0). Envoy's xForwardedFor trustedCIDRs picks
// the same address (the rightmost untrusted one, else the leftmost). A
// policy on a listener replaces one on its Gateway in Envoy Gateway, so the
// listener policies get it too.
void add_client_ip_detection(const TargetProfile& p, const TargetOptions& options, ConversionOutput& out,
                             Findings& added) {
  const NginxControllerConfig& cfg = options.nginx_config;
  if (p.client_ip_detection.empty() || !cfg.use_forwarded_headers || out.gateways.empty()) return;
  const ControllerSetting* key = cfg.setting("use-forwarded-headers");
  const Location where = key ? key->key : cfg.origin;
  if (const ControllerSetting* header = cfg.setting("forwarded-for-header");
      header && to_lower(header->value) != "x-forwarded-for") {
    added.warning(header->key,
                  fmt::format("forwarded-for-header \"{}\": the client address is not converted for {} (its "
                              "clientIPDetection customHeader reads one address, not a list); allowlists and rate "
                              "limits now see the proxy in front of the Gateway",
                              escape_control(header->value), p.project),
                  "nginx-config-client-ip");
    return;
  }
  std::vector<std::string> trusted = {"0.0.0.0/0"};
  if (const ControllerSetting* cidrs = cfg.setting("proxy-real-ip-cidr")) {
    std::vector<std::string> given;
    std::string why;
    if (!cidr_list(cidrs->value, given, why)) {
      added.error(cidrs->key,
                  fmt::format("proxy-real-ip-cidr: {}; the client address detection is not converted for {}, so "
                              "allowlists and rate limits now see the proxy in front of the Gateway",
                              why, p.project),
                  "nginx-config-client-ip");
      return;
    }
    trusted = given;
  }
  const Json detection = {{"xForwardedFor", {{"trustedCIDRs", trusted}}}};
  for (auto& v : out.vendor_objects) {
    if (v.object.value("kind", "") != p.client_ip_detection) continue;
    Json spec = Json{{"targetRefs", v.object["spec"]["targetRefs"]}, {"clientIPDetection", detection}};
    for (auto& [k, val] : v.object["spec"].items()) {
      if (k != "targetRefs") spec[k] = val;
    }
    v.object["spec"] = std::move(spec);
  }
  std::vector<std::string> names;
  for (const GatewayIR& g : out.gateways) {
    Json o = object(p, p.client_ip_detection, g.ns, g.name + "-client-ip");
    o["spec"] = {{"targetRefs", Json::array({{{"group", kGatewayGroup}, {"kind", "Gateway"}, {"name", g.name}}})},
                 {"clientIPDetection", detection}};
    out.vendor_objects.push_back({std::move(o), "", where});
    names.push_back(g.ns + "/" + g.name);
  }
  added.info(where,
             fmt::format("use-forwarded-headers is converted for {} {}: {} spec.clientIPDetection.xForwardedFor "
                         "trustedCIDRs [{}] on Gateway {}, so allowlists and rate limits see the client address "
                         "from X-Forwarded-For as ingress-nginx did",
                         p.project, p.version, p.client_ip_detection, join(trusted, ", "), join(names, ", ")),
             "nginx-config-client-ip");
}

// tls.options an Ingress asks for on the HTTPS listeners of its hosts
// (kgateway's cipher suites), by listener "kind/ns/name/section".
struct ListenerOptionClaim {
  std::string created;  ///< the Ingress's creationTimestamp
  std::string ingress;  ///< ns/name
  std::vector<std::pair<std::string, std::string>> options;
  Location source;
  std::string family;  ///< IngressDraft::family of the Ingress
  /// The catalog verdicts the options' annotations replaced: where the
  /// target's own verdicts stand, withdrawn for an Ingress whose options are
  /// used on none of its listeners.
  std::vector<const Finding*> bases;
};
using ListenerClaims = std::map<std::string, std::vector<ListenerOptionClaim>>;

void claim_listener_options(const Ingress& ing, const IngressDraft& d, const std::vector<const Finding*>& bases,
                            ListenerClaims& claims) {
  if (d.listener_options.empty()) return;
  for (const ListenerRef& l : d.https_listeners) {
    claims[l.kind + "/" + l.ns + "/" + l.gateway + "/" + l.section].push_back({ing.creation_timestamp,
                                                                              ing.ns + "/" + ing.name,
                                                                              d.listener_options,
                                                                              d.listener_options_source,
                                                                              d.family,
                                                                              bases});
  }
}

// ingress-nginx takes a server's ssl-ciphers from the first Ingress of the
// host that sets them, Ingresses sorted by creation time, then namespace and
// name (controller.go createServers, sortIngressSlice): the same Ingress's
// options go on the listener, and the others are told theirs are not used.
void apply_listener_options(ListenerClaims& claims, ConversionOutput& out, Findings& added) {
  if (claims.empty()) return;
  std::map<std::string, bool> used;  // Ingress -> its options are on some listener
  std::map<std::string, ListenerIR*> listeners;
  for (GatewayIR& g : out.gateways) {
    for (ListenerIR& l : g.listeners) listeners["Gateway/" + g.ns + "/" + g.name + "/" + l.name] = &l;
  }
  for (ListenerSetIR& s : out.listener_sets) {
    for (ListenerIR& l : s.listeners) listeners["ListenerSet/" + s.ns + "/" + s.name + "/" + l.name] = &l;
  }
  for (auto& [key, list] : claims) {
    auto it = listeners.find(key);
    if (it == listeners.end()) continue;
    std::stable_sort(list.begin(), list.end(), [](const ListenerOptionClaim& a, const ListenerOptionClaim& b) {
      return std::tie(a.created, a.ingress) < std::tie(b.created, b.ingress);
    });
    it->second->tls_options = list.front().options;
    for (size_t i = 0; i < list.size(); ++i) {
      used[list[i].ingress] = used[list[i].ingress] || i == 0 || list[i].options == list.front().options;
    }
    for (size_t i = 1; i < list.size(); ++i) {
      if (list[i].options == list.front().options) continue;
      // internal/dag/ingress_processor.go: each Ingress of a host sets the
      // host's TLS versions in turn, in the cache's map order.
      const bool contour = list[i].family == "contour";
      const std::string why = contour ? ": Contour applied whichever of the host's Ingresses it processed last, in "
                                        "no fixed order, so this value did not reliably apply either and is not used"
                                      : ", as ingress-nginx took a host's ssl-ciphers from its oldest Ingress: this "
                                        "value is not used";
      added.warning(list[i].source,
                    fmt::format("the HTTPS listener {} takes its TLS options from the older Ingress {}{}",
                                it->second->name, list.front().ingress, why),
                    contour ? "target-policy-conflict" : "nginx-ssl-ciphers");
    }
  }
  // An Ingress whose options no listener took loses its "converted"
  // verdicts, which would say its value is in force: the warning above
  // ("not used") is what becomes of those annotations. The catalog's
  // verdict stays replaced: the source controller did not use the value
  // either (ingress-nginx), or not reliably (Contour).
  std::set<VerdictKey> withdrawn;
  for (const auto& [key, list] : claims) {
    for (const ListenerOptionClaim& c : list) {
      if (used[c.ingress]) continue;
      for (const Finding* base : c.bases) withdrawn.insert(verdict_key(base->location, base->rule_id));
    }
  }
  withdraw_target_verdicts(added, withdrawn);
}

// Traefik's own sticky cookies, read from the backend Services (the
// conversion judged those of Services its Traefik-served Ingresses use):
// exactly the same cookie on the Service's TraefikService.
void add_traefik_service_sticky(const TargetProfile& p, const Inventory& inventory, const Catalog& catalog,
                                const VerdictIndex& verdicts, TraefikServices& services,
                                std::set<const Finding*>& replaced, Findings& added) {
  for (const Service& svc : inventory.services) {
    bool judged = false;
    for (const Annotation& a : svc.annotations) {
      const RuleMatch m = catalog.match(a.key, "traefik", "");
      judged = judged || (m.rule && base_verdict(verdicts, a, m.rule->id));
    }
    if (!judged) continue;
    for (const auto& [a, field] : services.add_service_sticky(svc, added)) {
      const RuleMatch m = catalog.match(a->key, "traefik", "");
      const Finding* base = m.rule ? base_verdict(verdicts, *a, m.rule->id) : nullptr;
      if (!base) continue;
      replaced.insert(base);
      TargetRule rule;
      rule.kind = "TraefikService";
      rule.field = field;
      rule.verdict = Verdict::Converted;
      added.add(target_verdict(p, rule, *a, m.rule->id));
    }
  }
}

}  // namespace

void apply_target(const Inventory& inventory, const Catalog& catalog, const TargetProfile& profile,
                  const TargetOptions& options, ConversionOutput& output, Findings& findings) {
  std::map<std::string, std::vector<size_t>> routes_of;  // Ingress -> its routes' indices
  for (size_t i = 0; i < output.http_routes.size(); ++i) routes_of[output.http_routes[i].source_ingress].push_back(i);
  const VerdictIndex verdicts = index_verdicts(findings);
  const std::vector<std::string> families = profile.families();

  const std::set<std::string> https = https_listener_keys(output);
  Findings added;
  ListenerClaims listener_claims;
  std::set<const Finding*> replaced;
  IstioObjects istio;
  LbcObjects lbc;
  GkeObjects gke;
  TraefikServices traefik_services;
  std::optional<MiddlewareFindings> middleware_findings_of;  // read on first use
  KongPluginsJudged judged_kong_plugins;
  for (const Ingress& ing : inventory.ingresses) {
    auto routes = routes_of.find(ing.ref());
    if (routes == routes_of.end()) continue;
    IngressDraft draft;
    draft.config_maps = &inventory.config_maps;
    draft.gke_frontend_configs = &inventory.gke_frontend_configs;
    draft.traefik_middlewares = &inventory.traefik_middlewares;
    draft.kong_plugins = &inventory.kong_plugins;
    draft.kong_cluster_plugins = &inventory.kong_cluster_plugins;
    draft.route_indices = routes->second;
    std::vector<const HTTPRouteIR*> own_routes;
    for (size_t i : routes->second) own_routes.push_back(&output.http_routes[i]);
    draft.ns = own_routes.front()->ns;
    std::set<std::string> services;
    for (const HTTPRouteIR* r : own_routes) {
      draft.routes.push_back(r->name);
      const bool proxies = std::any_of(r->rules.begin(), r->rules.end(), [](const RouteRuleIR& rule) {
        return !rule.filters.get().redirect && !rule.backends.empty();
      });
      if (proxies) draft.proxy_routes.push_back(r->name);
      for (const auto& rule : r->rules) {
        for (const auto& b : rule.backends) {
          if (b.group.empty() && (b.kind.empty() || b.kind == "Service")) services.insert(b.name);
        }
      }
    }
    draft.services.assign(services.begin(), services.end());
    draft.https_listeners = https_listeners_of(https, own_routes);
    std::vector<const Finding*> option_bases;  // verdicts of the keys that wrote listener options
    for (const Annotation& a : ing.annotations) {
      // The catalog marked a verdict only for the family serving the
      // Ingress, so at most one family's rule applies.
      const TargetRule* rule = nullptr;
      const Finding* base = nullptr;
      RuleMatch m;
      for (const std::string& family : families) {
        m = catalog.match(a.key, family, options.nginx_prefix);
        if (!m.family || m.family->name != family || !m.rule) continue;
        rule = profile.rule_for(family, m.rule->key);
        base = rule ? base_verdict(verdicts, a, m.rule->id) : nullptr;
        if (base) break;
      }
      if (!base) continue;
      if (rule->family != "ingress-nginx") {
        draft.family_prefixes = m.family->prefixes;
        draft.family = rule->family;
      }
      const TargetAction* action = find_target_action(rule->action);
      TargetActionContext ctx{ing, a, *rule, profile, options, draft, added};
      const size_t options_before = draft.listener_options.size();
      const bool converted = action->fn(ctx);
      for (const std::string& plugin : draft.kong_plugins_judged) judged_kong_plugins.insert(a.location, plugin);
      draft.kong_plugins_judged.clear();
      if (!converted) continue;
      if (draft.listener_options.size() > options_before) option_bases.push_back(base);
      replaced.insert(base);
      if (!rule->replaces.empty()) draft.replaces.insert(rule->replaces);
      added.add(target_verdict(profile, *rule, a, m.rule->id));
    }
    istio.add_ingress(profile, options, ing, draft, output, added);
    if (draft.family == "aws-alb") lbc.add_ingress(ing, draft, output);
    if (draft.family == "gke") gke.add_ingress(ing, draft, output);
    traefik_services.add_ingress(ing, draft);
    if (!draft.traefik_middleware_refs.empty()) {
      if (!middleware_findings_of) middleware_findings_of = middleware_findings(inventory, findings);
      reference_traefik_middlewares(profile, draft, (*middleware_findings_of)[&ing], output, replaced);
    }
    emit(profile, draft, ing, output);
    lower_regex_rewrites(profile, ing, draft, output, added);
    claim_listener_options(ing, draft, option_bases, listener_claims);
  }
  istio.finish(profile, output, added);
  lbc.finish(profile, inventory, catalog, options, output, added);
  gke.finish(profile, inventory, catalog, verdicts, findings, output, replaced, added);
  if (profile.name == "traefik") {
    add_traefik_service_sticky(profile, inventory, catalog, verdicts, traefik_services, replaced, added);
  }
  traefik_services.finish(profile, output, added);
  apply_listener_options(listener_claims, output, added);
  add_client_ip_detection(profile, options, output, added);
  Findings result;
  for (const Finding& f : findings.items()) {
    if (!replaced.count(&f) && !judged_kong_plugins.replaces(f)) {
      result.add(f);  // with its properties
    }
  }
  result.append(added);
  result.sort_and_dedupe();
  findings = std::move(result);
}

}  // namespace im
