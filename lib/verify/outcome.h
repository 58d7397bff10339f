#pragma once
// Where one request ends up: the result verify compares between the source
// controller's semantics and Gateway API semantics.

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "diag/location.h"

namespace im::verify {

struct WeightedBackend {
  std::string name;     ///< "ns/service:port", or "group/kind ns/name" for other kinds
  double fraction = 1;  ///< share of the requests, 0..1
};

struct Outcome {
  enum class Kind {
    Proxy,      ///< forwarded to backends
    Passthrough,  ///< the TLS connection itself goes to the backends, unread
    Redirect,   ///< answered with a redirect
    NotFound,   ///< no rule matched: 404 (ingress-nginx's default backend)
    Unserved,   ///< nothing listens for the request (no Gateway listener)
    Error,      ///< answered with a 5xx by the proxy itself
    Uncertain,  ///< the model cannot say; `reason` says why
  };
  Kind kind = Kind::NotFound;
  std::vector<WeightedBackend> backends;  ///< Proxy, Passthrough: sorted by name
  std::string path;                       ///< Proxy: upstream path after rewrites
  std::string host;                       ///< Proxy: upstream Host header
  std::vector<std::pair<std::string, std::string>>
      set_headers;                   ///< Proxy: lower-case names, sorted
  std::vector<std::string> mirrors;  ///< Proxy: mirrored-to backends, sorted
  int status = 0;                    ///< Redirect / Error
  std::string location;              ///< Redirect
  std::string reason;                ///< Uncertain / Error / Unserved
  /// ingress-nginx: the Ingress path whose location answered (unset for the
  /// default backend); not part of the outcome's text. It tells verify which
  /// Ingress a user's probe (--probe) was served by.
  Location served_by;

  static Outcome uncertain(std::string why);
  static Outcome not_found();

  /// Sorts backends, headers and mirrors so equal outcomes compare equal.
  void normalise();
  /// One line, stable: the form compared and printed. `request_host` is
  /// left out of it when the upstream Host is unchanged.
  std::string text(const std::string& request_host) const;
  nlohmann::ordered_json to_json() const;
};

/// "proxy", "tls-passthrough", "redirect", "not-found", "unserved", "error",
/// "uncertain".
const char* kind_name(Outcome::Kind k);

}  // namespace im::verify
