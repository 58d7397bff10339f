#pragma once
// Commands that send each route's requests to a Gateway before DNS points
// there: curl --resolve pins a host name to the Gateway's address, so the
// request (SNI, Host header, certificate) is exactly what clients will send.

#include <set>
#include <string>
#include <vector>

#include "convert/gateway_ir.h"
#include "convert/options.h"

namespace im {

struct GatewayChecks {
  GatewayRef gateway;
  std::vector<std::string> lines;  ///< one command per host, scheme and rule, no duplicates
};

/// The checks for the routes of `routes` whose host is in `hosts` ("" for
/// routes without hostnames), per Gateway of `all` they attach to, Gateways
/// sorted by namespace and name.
std::vector<GatewayChecks> gateway_checks(const ConversionOutput& all, const ConversionOutput& routes,
                                          const std::set<std::string>& hosts);

/// "namespace/name", or "name" for a Gateway without namespace.
std::string gateway_label(const GatewayRef& gateway);

/// The shell line that sets GATEWAY_ADDRESS to a Gateway's address.
std::string address_command(const GatewayRef& gateway, const std::string& kubectl);

/// s quoted for a POSIX shell when it holds anything but [A-Za-z0-9_./:=@%+,-].
std::string shell_quote(const std::string& s);

}  // namespace im
