#pragma once
// The requests verify sends through both models: generated from the
// Ingresses, or given by the user.

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "diag/location.h"
#include "model/inventory.h"

namespace im::verify {

struct Probe {
  std::string scheme = "http";  ///< "http" or "https"
  std::string method = "GET";   ///< upper case
  std::string host;             ///< lower case, no port
  std::string path = "/";
  std::string query;  ///< after "?", without it; empty: none
  std::vector<std::pair<std::string, std::string>> headers;  ///< lower-case names
  std::vector<std::pair<std::string, std::string>> cookies;
  Location source;  ///< the Ingress path this probe was made for; unset for user probes

  /// "http://h/p?q [x-canary: always] [cookie c=v]": the probe's identity.
  std::string text() const;
  /// The request URI: the path and, when there is one, "?" and the query.
  std::string uri() const { return query.empty() ? path : path + "?" + query; }
  /// The value of header `name` (lower case), or nullptr.
  const std::string* header(const std::string& name) const;
  const std::string* cookie(const std::string& name) const;
};

/// The host that no rule names: it shows what the default server does.
extern const char* const kUnmatchedHost;

/// Probes for every host and path of the Ingresses (see docs/verify.md):
/// the path, with a trailing slash, a child, a non-boundary sibling, in
/// upper case, and the root; over http, and over https for `tls_hosts`
/// (elsewhere each path once, for nginx's default certificate); the path
/// and the root again with a query string; for canary Ingresses also the
/// header and cookie values that pick each side. Sorted by text, without
/// duplicates.
std::vector<Probe> generate_probes(const Inventory& inventory, const std::string& annotation_prefix,
                                   const std::set<std::string>& tls_hosts);

/// Parses "http[s]://HOST[:PORT]/PATH[?QUERY]" followed by optional "NAME: VALUE"
/// header words ("cookie: a=b" sets a cookie). False with `error` set.
bool parse_probe(const std::string& line, Probe& out, std::string& error);

/// A concrete host a wildcard rule host ("*.example.com") serves.
std::string wildcard_instance(const std::string& host);

/// The longest literal start of an Ingress path that may be a regex
/// ("/foo(/|$)(.*)" -> "/foo"); '.' is kept, as paths mostly mean it literally.
std::string literal_prefix(const std::string& path);

/// Sorts by text and drops duplicates (keeping the earliest source).
void sort_probes(std::vector<Probe>& probes);

}  // namespace im::verify
