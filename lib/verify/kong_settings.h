#pragma once
// The Ingress annotations that decide where Kong sends a request, read the
// way the Kong Ingress Controller reads them (KIC
// internal/annotations/annotations.go, internal/dataplane/kongstate/
// route.go overrideByAnnotation). docs/research/kong-ingress.md §10.1.

#include <re2/re2.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/ingress.h"
#include "model/inventory.h"
#include "verify/outcome.h"
#include "verify/probe.h"

namespace im::verify {

/// One konghq.com/headers.NAME as Kong's router matched it
/// (router/transform.lua): the lower-cased header equal to a lower-cased
/// value, or a "~*" value's regex (lower-cased) found in it.
struct KongHeaderCondition {
  std::string name;                 ///< lower case
  std::vector<std::string> equals;  ///< lower case
  std::vector<std::shared_ptr<const re2::RE2>> searches;
  bool unreadable = false;  ///< a regex RE2 cannot read
};

/// request-transformer plugins' changes (kong/plugins/request-transformer/
/// access.lua transform_headers): headers set where the client did not send
/// them (add), values added (append), and the upstream Host (replace host).
struct KongRequestHeaders {
  std::vector<std::pair<std::string, std::string>> add;     ///< lower-case names
  std::vector<std::pair<std::string, std::string>> append;  ///< lower-case names
  std::optional<std::string> upstream_host;

  /// Applies them to the outcome of a proxied `probe`.
  void apply(const Probe& probe, Outcome& o) const;
};

struct KongSettings {
  bool strip_path = false;           ///< konghq.com/strip-path (KIC sets strip_path=false)
  std::string regex_prefix = "/~";   ///< konghq.com/regex-prefix (ControllerPathRegexPrefix)
  long long regex_priority = 0;      ///< konghq.com/regex-priority
  bool http = true;                  ///< route.protocols has http (unset: http, https)
  bool https = true;                 ///< route.protocols has https
  int https_redirect_code = 426;     ///< route.https_redirect_status_code (deckgen fillRoute)
  std::vector<std::string> methods;  ///< konghq.com/methods; empty = any
  /// konghq.com/headers.*: every header must match one of its values.
  std::vector<KongHeaderCondition> headers;
  bool preserve_host = true;         ///< konghq.com/preserve-host (KIC's default true)
  KongRequestHeaders request;        ///< what konghq.com/plugins change
  /// What the model does not follow; every request a route of the Ingress
  /// answers is uncertain.
  std::string uncertain;
};

KongSettings read_kong_settings(const Ingress& ing);

/// konghq.com/plugins, with the input's plugin objects: a plugin that only
/// refuses requests over a limit, changes responses or logs (rate limits,
/// body size, CORS, response headers, logging and metrics) sends every
/// other request where it went without it, as ingress-nginx's limit-* and
/// cors-* keys; request-transformer's header changes go into `s`; any other
/// plugin (authentication, IP restriction, termination, ...), what
/// request-transformer does besides, a missing plugin and one of another
/// namespace make `s` uncertain.
void read_kong_plugins(const Ingress& ing, const Inventory& inventory, KongSettings& s);

/// One plugin as read_kong_plugins judges it: "" with its changes added to
/// `out`, or why the model does not follow it.
std::string read_kong_plugin(const KongPlugin& p, KongRequestHeaders& out);

}  // namespace im::verify
