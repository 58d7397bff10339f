#include "command_help.h"

#include <map>

namespace im::cli {

namespace {

// Shared meanings: the same word means the same status in every subcommand.
const ExitStatusHelp kUsage{2, "bad usage, or an input that could not be read or parsed (the rest is still processed)"};
const ExitStatusHelp kInternal{3, "internal error: an emitted object failed Gateway API validation (a bug; please report it)"};

const std::map<std::string, CommandHelp>& all_help() {
  static const std::map<std::string, CommandHelp> help = {
      {"convert",
       {{{"convert -f deploy/ > gateway.yaml", "Convert every manifest under deploy/ into one YAML stream"},
         {"convert -f deploy/ --target-controller envoy-gateway --output-dir gateway/",
          "Also write Envoy Gateway's own policies; one file per namespace in gateway/"},
         {"convert -f deploy/ --output-dir gateway/ --check", "In CI: fail when the committed gateway/ is out of date"},
         {"convert --from-cluster -A -o json", "Read every namespace of the current kubectl context"}},
        {{0, "converted; no error findings"},
         {1,
          "converted, but some input could not be converted faithfully (error findings); with --check: DIR is "
          "out of date; with --verify: a request routes differently"},
         kUsage,
         kInternal}}},
      {"lint",
       {{{"lint -f deploy/ --target-version 1.34", "Check manifests before upgrading the cluster to Kubernetes 1.34"},
         {"lint -f deploy/ -o sarif > lint.sarif", "Findings as SARIF for code scanning"},
         {"lint -f deploy/ --fail-on warning -q", "Fail on warnings too, and print only what fails"}},
        {{0, "no finding at or above --fail-on"}, {1, "a finding at or above --fail-on"}, kUsage, kInternal}}},
      {"verify",
       {{{"verify -f deploy/", "Show the requests that route differently after the conversion"},
         {"verify -f deploy/ --probe https://shop.example.com/api/v2", "Also send this request"},
         {"verify -f deploy/ --target-controller nginx-gateway-fabric --strict",
          "For NGINX Gateway Fabric; explained differences fail too"}},
        {{0, "every request routes as under ingress-nginx, or its difference is explained"},
         {1, "a request routes differently (with --strict: also an explained difference)"},
         kUsage,
         kInternal}}},
      {"report",
       {{{"report -f deploy/", "Which Gateway API implementations can run the converted manifests"},
         {"report -f deploy/ --controller envoy-gateway --controller istio -o markdown",
          "Only these two, as Markdown for a pull request"}},
        {{0, "the report was printed (its verdicts do not change the status)"}, kUsage, kInternal}}},
      {"plan",
       {{{"plan -f deploy/ --context prod --output-dir cutover/",
          "Write the phased cutover into cutover/, its scripts for the kubectl context prod"},
         {"plan --from-cluster -A --group-by namespace --output-dir cutover/",
          "From the live cluster, moving one namespace at a time"}},
        {{0, "the plan was written; no error findings"},
         {1, "the plan was written, but some input could not be converted faithfully (error findings)"},
         kUsage,
         kInternal}}},
      {"rules",
       {{{"rules list --controller ingress-nginx", "Every ingress-nginx annotation with its verdict"},
         {"rules explain rewrite-target", "What happens to rewrite-target, with an example"},
         {"rules list --target-controller envoy-gateway", "The verdicts when converting for Envoy Gateway"}},
        {{0, "printed"}, {2, "bad usage, or no rule, finding id or controller by that name"}}}},
  };
  return help;
}

}  // namespace

const CommandHelp& command_help(const std::string& name) {
  static const CommandHelp none;
  auto it = all_help().find(name);
  return it == all_help().end() ? none : it->second;
}

std::string help_footer(const std::string& program, const std::string& name) {
  const CommandHelp& help = command_help(name);
  std::string out;
  if (!help.examples.empty()) {
    out += "Examples:\n";
    for (const auto& e : help.examples) out += "  # " + e.what + "\n  " + program + " " + e.words + "\n";
    out += "\n";
  }
  out += "Exit status:\n";
  for (const auto& s : help.exit_statuses) out += "  " + std::to_string(s.code) + "  " + s.meaning + "\n";
  return out;
}

}  // namespace im::cli
