#include "verify/verify.h"

#include <fmt/format.h>

#include <algorithm>

#include <optional>

#include "util/text.h"
#include "verify/explain.h"
#include "verify/gateway_model.h"
#include "verify/nginx_model.h"

namespace im::verify {

const char* status_name(ProbeResult::Status s) {
  // In the order of ProbeResult::Status.
  static const char* const names[] = {"same", "explained", "unexpected", "uncertain"};
  return names[static_cast<size_t>(s)];
}

VerifyResult run_verify(const Inventory& inventory, const ConversionOutput& gateway,
                        const VerifyOptions& options) {
  NginxModel nginx(inventory, options.annotation_prefix, options.default_class, options.nginx_config);
  GatewayModel gw(gateway);
  std::vector<Probe> probes = options.extra_probes;
  if (options.generate) {
    auto generated = generate_probes(inventory, options.annotation_prefix, nginx.tls_hosts());
    probes.insert(probes.end(), generated.begin(), generated.end());
  }
  sort_probes(probes);
  std::optional<Explainer> explainer;
  if (options.conversion_findings) explainer.emplace(inventory, *options.conversion_findings);
  VerifyResult out;
  for (Probe& p : probes) {
    ProbeResult r;
    r.before = nginx.route(p);
    r.after = gw.route(p);
    if (r.before.kind == Outcome::Kind::Uncertain || r.after.kind == Outcome::Kind::Uncertain) {
      r.status = ProbeResult::Status::Uncertain;
      ++out.uncertain;
    } else if (r.before.text(p.host) != r.after.text(p.host)) {
      std::vector<const Finding*> why;
      if (explainer) why = explainer->explain(p);
      for (const Finding* f : why) r.explained_by.push_back(*f);
      r.status = why.empty() ? ProbeResult::Status::Unexpected : ProbeResult::Status::Explained;
      ++(why.empty() ? out.unexpected : out.explained);
    }
    r.probe = std::move(p);
    out.results.push_back(std::move(r));
  }
  return out;
}

std::string explanation_ids(const ProbeResult& r) {
  std::vector<std::string> ids;
  for (const Finding& f : r.explained_by) {
    if (std::find(ids.begin(), ids.end(), f.rule_id) == ids.end()) ids.push_back(f.rule_id);
  }
  return join(ids, ", ");
}

void add_verify_findings(const VerifyResult& result, Findings& findings) {
  for (const ProbeResult& r : result.results) {
    std::string differs =
        fmt::format("request {} routes differently: ingress-nginx gives {}, Gateway API gives {}",
                    r.probe.text(), r.before.text(r.probe.host), r.after.text(r.probe.host));
    if (r.status == ProbeResult::Status::Unexpected) {
      findings.error(r.probe.source, differs, "verify-differs");
    } else if (r.status == ProbeResult::Status::Explained) {
      const Finding& first = r.explained_by.front();
      findings.info(r.probe.source,
                    fmt::format("{}; explained by [{}] at {}", differs, first.rule_id,
                                first.location.str()),
                    "verify-explained");
    }
  }
}

}  // namespace im::verify
