// Modelled on Traefik v3's middlewares (pkg/middlewares/{stripprefix,
// addprefix,replacepath,redirect,headers}) and how routers reference CRD
// Middlewares (pkg/provider/kubernetes/crd/kubernetes.go makeID:
// Normalize(namespace + "-" + name) in provider kubernetescrd; notes in
// docs/research/traefik-ingress.md).

#include "convert/traefik_middlewares.h"

#include <fmt/format.h>

#include "convert/input_values.h"
#include "model/traefik_middleware_ref.h"
#include "util/text.h"

namespace im {

TraefikMiddlewares traefik_middlewares(const IngressPolicy& policy,
                                       const Inventory& inventory, FilterSet& filters, Findings& findings) {
  TraefikMiddlewares out;
  const Setting* s = policy.setting("traefik-middlewares");
  if (!s) return out;
  auto error = [&](const std::string& why) {
    findings.error(s->location, fmt::format("traefik.ingress.kubernetes.io/router.middlewares: {}", why),
                   s->rule_id);
  };
  bool path_changed = false;
  std::string stripped_by;  // a stripPrefix earlier in the list
  for (const TraefikMiddlewareRef& ref : traefik_middleware_refs(s->value)) {
    const std::string provider = ref.provider.empty() ? "kubernetes" : ref.provider;
    if (provider != "kubernetescrd") {
      error(fmt::format("\"{}\" names a middleware of provider {}, which is not in the input (Kubernetes CRD "
                        "Middlewares are written NAMESPACE-NAME@kubernetescrd); Traefik did not serve these "
                        "routers without it, and the routes are converted without it",
                        ref.text, provider));
      continue;
    }
    const TraefikMiddleware* m = find_traefik_middleware(inventory.traefik_middlewares, ref);
    if (!m) {
      error(fmt::format("Middleware \"{}\" is not in the input (add it with -f); Traefik did not serve these "
                        "routers without it, and the routes are converted without it",
                        ref.text));
      continue;
    }
    const std::string name = m->ns + "/" + m->name;
    if (!m->unread.empty()) {
      error(fmt::format("Middleware {} also sets {}, which Gateway API cannot express; that part is left out",
                        name, join(m->unread, ", ")));
    }
    if (m->type == "stripPrefix" || m->type == "addPrefix" || m->type == "replacePath") {
      if (path_changed) {
        error(fmt::format("Middleware {} changes the path again after an earlier one; only the first path "
                          "change is converted",
                          name));
        continue;
      }
      path_changed = true;
      if (m->type == "replacePath") {
        // replacepath.go: always the whole path; X-Replaced-Path carries the
        // original, which no static header can.
        filters.rewrite_full_path = m->value;
      } else if (m->type == "addPrefix") {
        out.path.add_prefix = m->value;
      } else if (m->prefixes.size() == 1) {
        out.path.strip_prefix = m->prefixes.front();
        stripped_by = name;
      } else {
        error(fmt::format("Middleware {} strips the first of {} prefixes a request starts with, which one "
                          "rewrite per rule cannot express; left out",
                          name, m->prefixes.size()));
      }
    } else if (m->type == "headers") {
      // headers.go: "" removes the header, anything else replaces it; a
      // later middleware's value replaces an earlier one's.
      auto full = [&](const std::string& header) {
        error(fmt::format("Middleware {} sets the header {} after {} others, more than a header filter holds; "
                          "that header is left out",
                          name, header, kMaxHeaderFilterEntries));
      };
      // Gateway API takes token names and values without control
      // characters; Traefik passed others on to Go's http.Header.
      auto unusable = [&](const std::string& header, const std::string& value) {
        std::string why;
        if (!is_header_name(header)) {
          why = fmt::format("\"{}\" is not a header name", escape_control(header));
        } else if (!value.empty() && !header_value_problem(value).empty()) {
          why = fmt::format("the value of {} {}", header, header_value_problem(value));
        }
        if (!why.empty()) error(fmt::format("Middleware {} sets a header Gateway API cannot: {}; left out", name, why));
        return !why.empty();
      };
      for (const auto& [k, v] : m->request_headers) {
        if (unusable(k, v)) continue;
        if (v.empty()) {
          error(fmt::format("Middleware {} removes the request header {}, which is not converted", name, k));
        } else if (!set_header(filters.request_set, k, v)) {
          full(k);
        }
      }
      for (const auto& [k, v] : m->response_headers) {
        if (unusable(k, v)) continue;
        if (!(v.empty() ? remove_header(filters.response_remove, k) : set_header(filters.response_set, k, v))) {
          full(k);
        }
      }
    } else if (m->type == "redirectScheme") {
      // redirect_scheme.go: no redirect when the request already has the
      // target scheme, so only the HTTP listener redirects; 301/308 when
      // permanent, else 302/307, by method.
      if (m->value != "https" || (!m->port.empty() && m->port != "443")) {
        error(fmt::format("Middleware {} redirects to scheme {}{}, which is not converted (only a redirect to "
                          "https on its default port is)",
                          name, m->value, m->port.empty() ? "" : " port " + m->port));
        continue;
      }
      out.redirect_code = m->permanent ? 301 : 302;
      if (!stripped_by.empty()) {
        // stripprefix/strip_prefix.go sets RequestURI to the stripped path,
        // and redirect.go rebuilds the Location from RequestURI.
        findings.warning(s->location,
                         fmt::format("traefik.ingress.kubernetes.io/router.middlewares: Middleware {} redirects "
                                     "after {} stripped its prefix, so Traefik's Location had the stripped path "
                                     "(http://h/api/x went to https://h/x); the converted redirect keeps the "
                                     "request's path",
                                     name, stripped_by),
                         s->rule_id);
      }
    } else {
      error(fmt::format("Middleware {} is a {}, which standard Gateway API cannot express (authentication, IP "
                        "lists, rate limits and the like need an implementation's policy): requests it refused or "
                        "changed now reach the backend as they are",
                        name, m->type.empty() ? "middleware without a spec" : m->type));
    }
  }
  return out;
}

bool apply_traefik_path_middleware(const TraefikPathMiddleware& m, const std::string& match_type,
                                   const std::string& match_value, FilterSet& rule_filters, const Location& where,
                                   Findings& findings) {
  if (!m.add_prefix.empty()) {
    // addprefix.go: PREFIX + path for every request.
    if (match_type == "Exact") {
      rule_filters.rewrite_full_path = m.add_prefix + match_value;
    } else if (match_type == "PathPrefix") {
      rule_filters.rewrite_prefix = match_value == "/" ? m.add_prefix + "/" : m.add_prefix + match_value;
    } else {
      findings.warning(where, fmt::format("addPrefix {} is not converted on a regular-expression path", m.add_prefix),
                       "traefik-router-middlewares");
      return false;
    }
    return true;
  }
  if (m.strip_prefix.empty()) return true;
  // stripprefix.go: a string prefix, removed where the path starts with it,
  // then X-Forwarded-Prefix; the rest keeps (or gets) a leading "/".
  const std::string& strip = m.strip_prefix;
  if (match_type == "PathPrefix" && match_value == strip && strip != "/" && strip.back() != '/') {
    rule_filters.rewrite_prefix = "/";
  } else if (match_type == "Exact" && match_value.rfind(strip, 0) == 0) {
    const std::string rest = match_value.substr(strip.size());
    rule_filters.rewrite_full_path = rest.empty() || rest[0] != '/' ? "/" + rest : rest;
  } else {
    findings.warning(where,
                     fmt::format("stripPrefix {} is not converted on the path {} \"{}\": one rewrite can only "
                                 "strip a PathPrefix equal to it; requests here reach the backend unstripped",
                                 strip, match_type, match_value),
                     "traefik-router-middlewares");
    return false;
  }
  if (!set_header(rule_filters.request_set, "X-Forwarded-Prefix", strip)) {
    findings.warning(where,
                     fmt::format("stripPrefix {}: X-Forwarded-Prefix is not set, the header filter already holds "
                                 "{} headers",
                                 strip, kMaxHeaderFilterEntries),
                     "traefik-router-middlewares");
  }
  return true;
}

}  // namespace im
