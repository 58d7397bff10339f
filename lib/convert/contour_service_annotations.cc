#include "convert/contour_service_annotations.h"

#include <map>
#include <optional>
#include <set>
#include <string>

#include <fmt/format.h>

#include "convert/backend_tls.h"
#include "convert/service_lookup.h"
#include "rules/apply.h"
#include "util/text.h"

namespace im {
namespace {

/// One Service's upstream protocols by port name or number, and where
/// each was said.
struct ContourService {
  const Service* svc = nullptr;
  std::map<std::string, std::pair<std::string, Location>> protocol_of_port;
  std::set<std::string> tls_ports;    ///< routed ports Contour reached over TLS
  std::set<std::string> plain_ports;  ///< routed ports it reached without
  std::string first_ingress;
  Location tls_at;
};

ContourService read_contour_service(const Service& svc, const Catalog& catalog, Findings& findings) {
  ContourService c;
  c.svc = &svc;
  const IngressPolicy policy = apply_service_annotations(svc, "contour", catalog, findings);
  // ParseUpstreamProtocols reads h2, then h2c, then tls: a port listed in
  // several takes the last.
  for (const char* protocol : {"h2", "h2c", "tls"}) {
    for (const auto& [action, s] : policy.settings) {
      if (action != "upstream-protocol" || s.params.count("protocol") == 0 || s.params.at("protocol") != protocol)
        continue;
      for (const std::string& item : split(s.value, ',')) {
        if (!trim(item).empty()) c.protocol_of_port[trim(item)] = {protocol, s.location};
      }
    }
  }
  return c;
}

/// upstreamProtocol: the port's name first, then its number.
std::optional<std::pair<std::string, Location>> port_protocol(const ContourService& c, const BackendRefIR& b) {
  std::string name;
  for (const Service::Port& p : c.svc->ports) {
    if (b.port && p.port == *b.port) name = p.name;
  }
  if (auto it = c.protocol_of_port.find(name); !name.empty() && it != c.protocol_of_port.end()) return it->second;
  if (b.port) {
    if (auto it = c.protocol_of_port.find(std::to_string(*b.port)); it != c.protocol_of_port.end()) {
      return it->second;
    }
  }
  return std::nullopt;
}

}  // namespace

void apply_contour_service_annotations(const Plan& plan, const Catalog& catalog, ConversionOutput& out,
                                       Findings& findings) {
  auto services = walk_service_backends<ContourService>(
      plan, out, "contour",
      [&](const Service& svc, const HTTPRouteIR&) { return read_contour_service(svc, catalog, findings); },
      [&](HTTPRouteIR& route, RouteRuleIR&, const BackendRefIR& b, ContourService& c) {
        const std::string port = b.port ? std::to_string(*b.port) : "";
        auto proto = port_protocol(c, b);
        if (proto && (proto->first == "tls" || proto->first == "h2")) {
          if (c.tls_ports.empty()) {
            c.first_ingress = route.source_ingress;
            c.tls_at = proto->second;
          }
          c.tls_ports.insert(port);
        } else {
          c.plain_ports.insert(port);
        }
      });
  for (auto& [key, c] : services) {
    if (!c.svc || c.tls_ports.empty()) continue;
    if (!c.plain_ports.empty()) {
      // A BackendTLSPolicy here names the whole Service. Requests to the
      // TLS port fail after the move: an error, not a warning.
      findings.error(c.tls_at,
                       fmt::format("Contour reached Service {} over TLS on port {} but without it on port {}; a "
                                   "BackendTLSPolicy for the whole Service would turn TLS on for both, so none is "
                                   "written and the TLS port now gets plain HTTP: give the TLS port a Service of "
                                   "its own",
                                   c.svc->name, join(std::vector<std::string>(c.tls_ports.begin(), c.tls_ports.end()), ", "),
                                   join(std::vector<std::string>(c.plain_ports.begin(), c.plain_ports.end()), ", ")),
                       "contour-upstream-protocol-tls");
      continue;
    }
    add_verified_service_backend_tls(out, *c.svc, c.first_ingress, c.tls_at, "projectcontour.io/upstream-protocol",
                                     "which Contour did not do for an Ingress", findings);
  }
}

}  // namespace im
