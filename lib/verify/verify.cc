#include "verify/verify.h"

#include <fmt/format.h>

#include "verify/gateway_model.h"
#include "verify/nginx_model.h"

namespace im::verify {

const char* status_name(ProbeResult::Status s) {
  // In the order of ProbeResult::Status.
  static const char* const names[] = {"same", "differ", "uncertain"};
  return names[static_cast<size_t>(s)];
}

VerifyResult run_verify(const Inventory& inventory, const ConversionOutput& gateway,
                        const VerifyOptions& options) {
  NginxModel nginx(inventory, options.annotation_prefix, options.default_class);
  GatewayModel gw(gateway);
  std::vector<Probe> probes = options.extra_probes;
  if (options.generate) {
    auto generated = generate_probes(inventory, options.annotation_prefix, nginx.tls_hosts());
    probes.insert(probes.end(), generated.begin(), generated.end());
  }
  sort_probes(probes);
  VerifyResult out;
  for (Probe& p : probes) {
    ProbeResult r;
    r.before = nginx.route(p);
    r.after = gw.route(p);
    if (r.before.kind == Outcome::Kind::Uncertain || r.after.kind == Outcome::Kind::Uncertain) {
      r.status = ProbeResult::Status::Uncertain;
      ++out.uncertain;
    } else if (r.before.text(p.host) != r.after.text(p.host)) {
      r.status = ProbeResult::Status::Differ;
      ++out.differ;
    }
    r.probe = std::move(p);
    out.results.push_back(std::move(r));
  }
  return out;
}

void add_verify_findings(const VerifyResult& result, Findings& findings) {
  for (const ProbeResult& r : result.results) {
    if (r.status != ProbeResult::Status::Differ) continue;
    findings.error(
        r.probe.source,
        fmt::format("request {} routes differently: ingress-nginx gives {}, Gateway API gives {}",
                    r.probe.text(), r.before.text(r.probe.host), r.after.text(r.probe.host)),
        "verify-differs");
  }
}

}  // namespace im::verify
