#pragma once
// Kubernetes name and hostname rules, as the API server validates them.

#include <string>
#include <string_view>

namespace im {

/// RFC 1123 subdomain: lowercase alphanumerics, '-' and '.', at most 253
/// characters, each label starting and ending with an alphanumeric.
bool is_dns_subdomain(std::string_view s);

/// An Ingress rule host: a DNS subdomain, optionally with a leading "*."
/// wildcard label; IP addresses are not allowed. Returns "" when valid,
/// else the reason.
std::string ingress_host_problem(std::string_view host);

}  // namespace im
