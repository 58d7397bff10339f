#pragma once
// Gateway API semantics over the converter's IR (or Gateway API objects
// read from files into the same IR): which listener, route and rule take a
// request, and what the rule's filters and backends do with it.

#include <map>
#include <string>
#include <vector>

#include "convert/gateway_ir.h"
#include "verify/outcome.h"
#include "verify/probe.h"

namespace im::verify {

class GatewayModel {
 public:
  /// `output` must outlive the model.
  explicit GatewayModel(const ConversionOutput& output);

  Outcome route(const Probe& probe) const;

 private:
  /// Routes (indexes into out_.http_routes) that may take `host`: those
  /// naming it exactly, plus those with wildcard or no hostnames. Keeps
  /// each probe from scanning every route of a large conversion.
  std::vector<size_t> routes_for(const std::string& host) const;

  using GatewayListener = std::pair<size_t, const ListenerIR*>;  ///< gateway index, listener
  /// The listeners (of every Gateway) that may take `host`, by the same split.
  std::vector<GatewayListener> listeners_for(const std::string& host) const;

  const ConversionOutput& out_;
  std::map<std::string, std::vector<GatewayListener>> listeners_by_host_;
  std::vector<GatewayListener> listeners_any_host_;
  std::map<std::string, std::vector<size_t>> routes_by_host_;
  std::vector<size_t> routes_any_host_;
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
