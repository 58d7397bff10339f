#include "targets/apply_target.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "util/text.h"

namespace im {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kGatewayGroup = "gateway.networking.k8s.io";

// The catalog's verdict finding for an annotation whose base verdict is
// partial or none (rules/apply.cc marks it), or null. It exists exactly when
// the Ingress is served by ingress-nginx and the value was readable, the
// cases a target converts.
/// The catalog's verdicts by (rule id, file, line, column): looked up once
/// per annotation, so a scan of every finding each time would make the
/// whole step quadratic in the Ingresses.
using VerdictIndex = std::map<std::tuple<std::string, std::string, uint32_t, uint32_t>, const Finding*>;

VerdictIndex index_verdicts(const Findings& findings) {
  VerdictIndex index;
  for (const Finding& f : findings.items()) {
    if (!f.catalog_verdict) continue;
    index.emplace(std::make_tuple(f.rule_id, f.location.file(), f.location.line, f.location.col), &f);
  }
  return index;
}

const Finding* base_verdict(const VerdictIndex& index, const Annotation& a, const std::string& rule_id) {
  auto it = index.find(std::make_tuple(rule_id, a.location.file(), a.location.line, a.location.col));
  return it == index.end() ? nullptr : it->second;
}

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

std::string api_group(const TargetProfile& p) { return p.api_version.substr(0, p.api_version.find('/')); }

Json object(const TargetProfile& p, const std::string& kind, const std::string& ns, const std::string& name) {
  Json o = {{"apiVersion", p.api_version}, {"kind", kind}, {"metadata", {{"name", name}}}};
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

void emit(const TargetProfile& p, IngressDraft& d, const Ingress& ing, ConversionOutput& out) {
  drop_incomplete(d);
  const std::string source = ing.ref();
  auto push = [&](Json obj, const std::string& kind) {
    out.vendor_objects.push_back({std::move(obj), source, d.sources[kind]});
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
    Json o = object(p, kind, d.ns, ing.name);
    if (kind == "AuthenticationFilter") {
      o["spec"] = spec;
      add_extension_ref(out, d, api_group(p), kind, ing.name);
    } else if (kind == "UpstreamSettingsPolicy") {
      Json refs = Json::array();
      for (const auto& s : d.services) refs.push_back({{"group", ""}, {"kind", "Service"}, {"name", s}});
      if (refs.empty()) continue;
      o["spec"] = Json{{"targetRefs", refs}};
      o["spec"].update(spec);
    } else {
      Json refs = route_refs(d, kind);
      if (refs.empty()) continue;  // only redirects: nothing for the policy to act on
      o["spec"] = Json{{"targetRefs", refs}};
      o["spec"].update(spec);
    }
    push(std::move(o), kind);
  }
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

std::string verdict_message(const TargetProfile& p, const TargetRule& r, const Annotation& a) {
  if (r.verdict == Verdict::Converted) {
    return fmt::format("{} is converted for {} {}: {} spec.{}", a.key, p.project, p.version, r.kind, r.field);
  }
  return fmt::format("{} is converted for {} {} with a difference ({} spec.{}): {}", a.key, p.project, p.version,
                     r.kind, r.field, r.lost);
}

// The verdict of `r` for the annotation `a`, with the target's verdict as
// properties (--findings-format json|sarif): which implementation, exact or
// with a difference, and the object field it became.
Finding target_verdict(const TargetProfile& p, const TargetRule& r, const Annotation& a, const std::string& id) {
  Finding f;
  f.severity = r.verdict == Verdict::Converted ? Severity::Info : Severity::Warning;
  f.location = a.location;
  f.message = verdict_message(p, r, a);
  f.rule_id = id;
  f.properties = {{"targetController", p.name},
                  {"targetVerdict", r.verdict == Verdict::Converted ? "converted" : "partial"},
                  {"targetObject", p.api_version + " " + r.kind},
                  {"targetField", "spec." + r.field}};
  return f;
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
        o["spec"] = {{"urlRewrite",
                      {{"path",
                        {{"type", "ReplaceRegexMatch"},
                         {"replaceRegexMatch", {{"pattern", rr->pattern}, {"substitution", rr->substitution}}}}}}}};
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

}  // namespace

void apply_target(const Inventory& inventory, const Catalog& catalog, const TargetProfile& profile,
                  const TargetOptions& options, ConversionOutput& output, Findings& findings) {
  std::map<std::string, std::vector<size_t>> routes_of;  // Ingress -> its routes' indices
  for (size_t i = 0; i < output.http_routes.size(); ++i) routes_of[output.http_routes[i].source_ingress].push_back(i);
  const VerdictIndex verdicts = index_verdicts(findings);

  const std::set<std::string> https = https_listener_keys(output);
  Findings added;
  std::set<const Finding*> replaced;
  for (const Ingress& ing : inventory.ingresses) {
    auto routes = routes_of.find(ing.ref());
    if (routes == routes_of.end()) continue;
    IngressDraft draft;
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
    for (const Annotation& a : ing.annotations) {
      RuleMatch m = catalog.match(a.key, "ingress-nginx", options.nginx_prefix);
      if (!m.family || m.family->name != "ingress-nginx" || !m.rule) continue;
      const TargetRule* rule = profile.rule_for(m.rule->key);
      if (!rule) continue;
      const Finding* base = base_verdict(verdicts, a, m.rule->id);
      if (!base) continue;
      const TargetAction* action = find_target_action(rule->action);
      TargetActionContext ctx{ing, a, *rule, profile, options, draft, added};
      if (!action->fn(ctx)) continue;
      replaced.insert(base);
      if (!rule->replaces.empty()) draft.replaces.insert(rule->replaces);
      added.add(target_verdict(profile, *rule, a, m.rule->id));
    }
    emit(profile, draft, ing, output);
    lower_regex_rewrites(profile, ing, draft, output, added);
  }
  add_client_ip_detection(profile, options, output, added);
  Findings result;
  for (const Finding& f : findings.items()) {
    if (!replaced.count(&f)) {
      result.add(f);  // with its properties
    }
  }
  result.append(added);
  result.sort_and_dedupe();
  findings = std::move(result);
}

}  // namespace im
