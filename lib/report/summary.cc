#include "report/summary.h"

#include <fmt/format.h>

#include "util/text.h"

namespace im {

std::string count_noun(size_t n, const std::string& singular, const std::string& plural) {
  return fmt::format("{} {}", n, n == 1 ? singular : plural);
}

std::string conversion_summary(const Inventory& inventory, const ConversionOutput& out,
                               const Findings& findings) {
  std::vector<std::string> made;
  made.push_back(count_noun(out.gateways.size(), "Gateway", "Gateways"));
  if (!out.listener_sets.empty())
    made.push_back(count_noun(out.listener_sets.size(), "ListenerSet", "ListenerSets"));
  made.push_back(count_noun(out.http_routes.size(), "HTTPRoute", "HTTPRoutes"));
  if (!out.grpc_routes.empty()) made.push_back(count_noun(out.grpc_routes.size(), "GRPCRoute", "GRPCRoutes"));
  if (!out.tls_routes.empty()) made.push_back(count_noun(out.tls_routes.size(), "TLSRoute", "TLSRoutes"));
  if (!out.backend_tls_policies.empty()) {
    made.push_back(count_noun(out.backend_tls_policies.size(), "BackendTLSPolicy", "BackendTLSPolicies"));
  }
  if (!out.reference_grants.empty()) {
    made.push_back(count_noun(out.reference_grants.size(), "ReferenceGrant", "ReferenceGrants"));
  }
  std::string line = fmt::format("{} \u2192 {}",
                                 count_noun(inventory.ingresses.size(), "Ingress", "Ingresses"),
                                 join(made, ", "));
  if (size_t skipped = inventory.skipped_total(); skipped > 0) {
    line += fmt::format(" ({} skipped)", count_noun(skipped, "other object", "other objects"));
  }
  line += fmt::format("; {}, {}", count_noun(findings.count(Severity::Error), "error", "errors"),
                      count_noun(findings.count(Severity::Warning), "warning", "warnings"));
  if (size_t infos = findings.count(Severity::Info); infos > 0) {
    line += ", " + count_noun(infos, "info", "infos");
  }
  return line;
}

}  // namespace im
