#include "conversion_options.h"

#include <unistd.h>

#include <algorithm>
#include <ostream>

#include "cluster_options.h"
#include "exit_code.h"
#include "model/names.h"
#include "rules/catalog.h"
#include "targets/profile.h"
#include "util/did_you_mean.h"
#include "util/text.h"

namespace im::cli {

namespace {
// The input limits, shown once in their own group instead of among the
// options every run uses.
constexpr const char* kLimitsGroup = "Limits (hostile or huge input)";
}  // namespace

void add_conversion_options(CLI::App& sub, ConversionFlags& f) {
  sub.add_option("-f,--filename", f.inputs,
                 "Input file, directory (recursive: *.yaml, *.yml, *.json) or - for stdin; repeatable")
      ->type_name("PATH");
  sub.add_option("--exclude", f.request.exclude,
                 "Leave out files matching GLOB (gitignore syntax, relative to each -f directory; "
                 "a directory's .ingress-migrate-ignore adds more); repeatable")
      ->type_name("GLOB");
  add_cluster_options(sub, f);
  sub.add_option("--default-class", f.request.options.default_class,
                 "Ingress class for Ingresses that have none")
      ->type_name("NAME");
  sub.add_flag("--require-class", f.request.options.require_class,
               "Refuse Ingresses without a class instead of converting them under the assumed default");
  sub.add_option("--gateway-class", f.gateway_classes,
                 "Map an ingress class to a GatewayClass (FROM=TO); repeatable")
      ->type_name("FROM=TO");
  sub.add_option("--gateway", f.gateway,
                 "Attach every route to this shared Gateway instead of one per namespace and class")
      ->type_name("NS/NAME")
      ->check(non_empty());
  sub.add_flag("--listener-set", f.request.options.listener_sets,
               "With --gateway: put each namespace's listeners and certificates in a ListenerSet "
               "attached to that Gateway, which is then not written");
  sub.add_option("--parent-ref", f.parent_ref,
                 "Attach every route to this existing Gateway (and listener); no Gateways are written")
      ->type_name("NS/NAME[/SECTION]")
      ->check(non_empty());
  sub.add_option("--cert-manager-default-issuer", f.tls_acme_issuer,
                 "The issuer cert-manager's ingress-shim defaults name (--default-issuer-kind/-name): "
                 "written as cert-manager.io/cluster-issuer or issuer for Ingresses with "
                 "kubernetes.io/tls-acme, which cert-manager reads on Ingresses only")
      ->type_name("KIND/NAME")
      ->check(non_empty());
  sub.add_option("--annotations-prefix", f.request.options.nginx_annotations_prefix,
                 "ingress-nginx annotation prefix (its --annotations-prefix)")
      ->type_name("PREFIX")
      ->capture_default_str();
  sub.add_option("--nginx-config", f.request.nginx_config_file,
                 "The ingress-nginx controller ConfigMap (YAML or JSON): its global settings "
                 "(ssl-redirect, use-forwarded-headers, timeouts, hsts...) change the conversion")
      ->type_name("FILE");
  sub.add_option("--nginx-config-map", f.nginx_config_map,
                 "With --from-cluster: the controller ConfigMap to read "
                 "(default ingress-nginx/ingress-nginx-controller)")
      ->type_name("NAMESPACE/NAME");
  sub.add_flag("--experimental", f.request.options.experimental,
               "Use experimental-channel Gateway API fields (sessionPersistence for affinity)");
  sub.add_option("--rules", f.rules_dirs, "Load extra rule files (*.yaml) from DIR; repeatable")
      ->type_name("DIR");
  sub.add_option("--max-depth", f.request.limits.max_depth, "Deepest nesting accepted in a document")
      ->type_name("N")
      ->capture_default_str()
      ->group(kLimitsGroup);
  sub.add_option("--max-document-bytes", f.request.limits.max_document_bytes,
                 "Largest document accepted")
      ->type_name("BYTES")
      ->capture_default_str()
      ->group(kLimitsGroup);
  sub.add_option("--max-file-bytes", f.request.limits.max_file_bytes, "Largest input accepted")
      ->type_name("BYTES")
      ->capture_default_str()
      ->group(kLimitsGroup);
  sub.add_option("--max-documents", f.request.limits.max_documents, "Most documents read from one input")
      ->type_name("N")
      ->capture_default_str()
      ->group(kLimitsGroup);
  sub.add_option("--max-alias-nodes", f.request.limits.max_alias_nodes,
                 "Most nodes YAML aliases may expand to in one document")
      ->type_name("N")
      ->capture_default_str()
      ->group(kLimitsGroup);
  sub.add_option("--max-nodes", f.request.limits.max_nodes,
                 "Most nodes (values, keys, collections) in one document")
      ->type_name("N")
      ->capture_default_str()
      ->group(kLimitsGroup);
  sub.add_option("--max-scalar-bytes", f.request.limits.max_scalar_bytes, "Longest string accepted")
      ->type_name("BYTES")
      ->capture_default_str()
      ->group(kLimitsGroup);
}

namespace {

/// Splits NS/NAME (and, when `section_allowed`, NS/NAME/SECTION) and checks
/// each part as the API server would: they go into every parentRef
/// (namespace: RFC 1123 label; name: RFC 1123 subdomain; section: a
/// listener name, also a subdomain).
bool split_object_ref(const std::string& value, const char* flag, const char* form, bool section_allowed,
                      std::string& ns, std::string& name, std::string& section, Context& ctx) {
  auto parts = split(value, '/');
  bool shape = (parts.size() == 2 || (section_allowed && parts.size() == 3)) &&
               std::none_of(parts.begin(), parts.end(), [](const std::string& p) { return p.empty(); });
  if (!shape) {
    ctx.io.err << ctx.program << ": " << flag << " expects " << form << ", got \"" << value << "\"\n";
    return false;
  }
  ns = parts[0];
  name = parts[1];
  section = parts.size() == 3 ? parts[2] : "";
  const char* bad = ns.size() > 63 || ns.find('.') != std::string::npos || !is_dns_subdomain(ns) ? "namespace"
                    : !is_dns_subdomain(name)                                                    ? "name"
                    : !section.empty() && !is_dns_subdomain(section)                              ? "section"
                                                                                                 : nullptr;
  if (bad) {
    ctx.io.err << ctx.program << ": " << flag << " \"" << value << "\": the " << bad
               << " must be lowercase letters, digits and '-'" << (std::string(bad) != "namespace" ? " or '.'" : "")
               << ", starting and ending with a letter or digit\n";
    return false;
  }
  return true;
}

}  // namespace

bool finish_conversion_flags(ConversionFlags& f, Context& ctx) {
  if (!check_input_flags(f, ctx)) return false;
  if (f.from_cluster) {
    f.request.cluster = f.cluster;
    // kubectl may have to ask for a login (exec credential plugins): let it
    // when a person is at the terminal.
    f.request.cluster->interactive = ::isatty(0) != 0 && ::isatty(2) != 0;
  }
  if (!f.from_cluster && !f.cluster.ns.empty()) {
    // The name becomes metadata.namespace of what is emitted: the API
    // server's rule for namespaces (an RFC 1123 label) applies.
    if (f.cluster.ns.size() > 63 || f.cluster.ns.find('.') != std::string::npos ||
        !is_dns_subdomain(f.cluster.ns)) {
      ctx.io.err << ctx.program << ": --namespace expects a namespace name (lowercase letters, digits "
                 << "and '-', at most 63), got \"" << f.cluster.ns << "\"\n";
      return false;
    }
    f.request.default_namespace = f.cluster.ns;
  }
  for (const auto& p : f.gateway_classes) {
    auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == p.size()) {
      ctx.io.err << ctx.program << ": --gateway-class expects FROM=TO, got \"" << p << "\"\n";
      return false;
    }
    f.request.options.gateway_classes[p.substr(0, eq)] = p.substr(eq + 1);
  }
  if (!f.gateway.empty()) {
    std::string ns, name, section;
    if (!split_object_ref(f.gateway, "--gateway", "NAMESPACE/NAME", false, ns, name, section, ctx))
      return false;
    f.request.options.shared_gateway = GatewayRef{ns, name};
  }
  if (!f.parent_ref.empty()) {
    ParentOverride p;
    if (!split_object_ref(f.parent_ref, "--parent-ref", "NAMESPACE/NAME[/SECTION]", true, p.ns, p.name,
                          p.section, ctx))
      return false;
    if (!f.gateway.empty()) {
      ctx.io.err << ctx.program << ": --parent-ref and --gateway both choose where routes attach; give one\n";
      return false;
    }
    f.request.options.parent_ref = p;
  }
  if (!f.tls_acme_issuer.empty()) {
    auto slash = f.tls_acme_issuer.find('/');
    std::string kind = f.tls_acme_issuer.substr(0, slash);
    if (slash == std::string::npos || (kind != "Issuer" && kind != "ClusterIssuer") ||
        slash + 1 == f.tls_acme_issuer.size()) {
      ctx.io.err << ctx.program << ": --cert-manager-default-issuer expects Issuer/NAME or ClusterIssuer/NAME, got \""
                 << f.tls_acme_issuer << "\"\n";
      return false;
    }
    f.request.options.tls_acme_issuer_kind = kind;
    f.request.options.tls_acme_issuer_name = f.tls_acme_issuer.substr(slash + 1);
  }
  if (f.request.options.listener_sets && f.gateway.empty()) {
    ctx.io.err << ctx.program << ": --listener-set needs --gateway NAMESPACE/NAME, the Gateway the "
                                 "ListenerSets attach to\n";
    return false;
  }
  if (!f.nginx_config_map.empty()) {
    auto slash = f.nginx_config_map.find('/');
    if (!f.from_cluster || slash == std::string::npos || slash == 0 ||
        slash + 1 == f.nginx_config_map.size() || !f.request.nginx_config_file.empty()) {
      ctx.io.err << ctx.program
                 << ": --nginx-config-map expects NAMESPACE/NAME, with --from-cluster and without "
                    "--nginx-config, got \"" << f.nginx_config_map << "\"\n";
      return false;
    }
    f.request.nginx_config_map = f.nginx_config_map;
  }
  f.request.inputs = f.inputs;
  f.request.rules_dirs = f.rules_dirs;
  return true;
}

void report_progress(ConvertRequest& request, ProgressLine& progress) {
  DocumentObserver observe_more = request.on_document;
  // Counting is safe on any thread and needs no document body.
  if (!observe_more) request.on_document_needs = ObserverNeeds::Count;
  request.on_document = [&progress, observe_more](const Document& doc, Findings& found) {
    if (observe_more) observe_more(doc, found);
    progress.document_read();
  };
  request.on_step = [&progress](const std::string& step) { progress.step(step); };
}

std::optional<ConvertOutcome> run_conversion(ConversionFlags& f, Context& ctx, Findings& findings,
                                             int& exit_code, ProgressLine* caller_progress) {
  exit_code = kExitUsageOrInput;
  if (!finish_conversion_flags(f, ctx)) return std::nullopt;
  ConvertOutcome outcome;
  std::optional<ProgressLine> own_progress;
  if (caller_progress == nullptr) own_progress.emplace(ctx.io, ctx.manners, ctx.program);
  ProgressLine& progress = caller_progress ? *caller_progress : *own_progress;
  report_progress(f.request, progress);
  try {
    outcome = run_convert(f.request, ctx.io.in, findings);
    if (own_progress) progress.finish();
  } catch (const RuleLoadError& e) {
    progress.finish();
    ctx.io.err << e.what() << "\n";
    return std::nullopt;
  } catch (const ClusterError& e) {
    progress.finish();
    ctx.io.err << ctx.program << ": cannot read the cluster: " << e.what() << "\n";
    return std::nullopt;
  }
  if (!outcome.invalid_objects.empty()) {
    progress.finish();
    for (const auto& msg : outcome.invalid_objects) {
      ctx.io.err << "internal error: emitted object is not valid Gateway API: " << msg << "\n";
    }
    ctx.io.err << "nothing was written; please report this with the input that caused it\n";
    exit_code = kExitInternal;
    return std::nullopt;
  }
  exit_code = kExitOk;
  return outcome;
}

verify::GatewayDialect gateway_dialect_of(const std::string& target_controller) {
  verify::GatewayDialect dialect;
  const TargetProfile* p = target_controller.empty() ? nullptr : find_target_profile(target_controller);
  dialect.re2_regex = p && p->regex_dialect == "re2";
  return dialect;
}

bool resolve_controllers(const std::vector<std::string>& names, Context& ctx,
                         std::vector<const ControllerSupport*>& out) {
  for (const auto& name : names) {
    if (const ControllerSupport* c = find_controller(name)) {
      out.push_back(c);
      continue;
    }
    // An output profile's name (nginx-gateway-fabric) stands for its implementation.
    if (const TargetProfile* p = find_target_profile(name)) {
      if (const ControllerSupport* c = find_controller(p->controller)) {
        out.push_back(c);
        continue;
      }
    }
    std::vector<std::string> known;
    for (const auto& c : known_controllers()) known.push_back(c.name);
    std::string best = did_you_mean(name, controller_names());
    if (const ControllerSupport* c = best.empty() ? nullptr : find_controller(best)) best = c->name;
    ctx.io.err << ctx.program << ": unknown controller \"" << name << "\""
               << (best.empty() ? "" : " (did you mean \"" + best + "\"?)") << "; known: " << join(known, ", ")
               << "\n";
    return false;
  }
  return true;
}

}  // namespace im::cli
