#include "report/rules_doc.h"

#include <algorithm>

#include <fmt/format.h>

#include "convert/converter.h"
#include "emit/objects.h"
#include "emit/yaml_writer.h"
#include "model/inventory.h"
#include "parse/document.h"
#include "util/text.h"

namespace im {

std::string full_key(const Catalog& catalog, const Rule& r) {
  const Family* f = catalog.family(r.controller);
  return (f && !f->prefixes.empty() ? f->prefixes.front() : "") + r.key;
}

std::vector<const Rule*> sorted_rules(const Catalog& catalog, const std::string& controller) {
  std::vector<const Rule*> rules;
  for (const auto& r : catalog.rules()) {
    if (controller.empty() || r.controller == controller) rules.push_back(&r);
  }
  std::sort(rules.begin(), rules.end(), [&](const Rule* a, const Rule* b) {
    return std::make_pair(a->controller, full_key(catalog, *a)) <
           std::make_pair(b->controller, full_key(catalog, *b));
  });
  return rules;
}

namespace {

/// The IngressClass controller name that selects a family's rules.
std::string controller_of(const std::string& family) {
  if (family == "nginx-inc") return "nginx.org/ingress-controller";
  if (family == "traefik") return "traefik.io/ingress-controller";
  if (family == "haproxy") return "haproxy.org/ingress-controller/haproxy";
  if (family == "aws-alb") return "ingress.k8s.aws/alb";
  if (family == "contour") return "projectcontour.io/ingress-controller";
  if (family == "kong") return "ingress-controllers.konghq.com/kong";
  return "k8s.io/ingress-nginx";
}

std::string ingress_yaml(const std::string& name, const std::string& cls, const std::string& service,
                         const std::vector<std::pair<std::string, std::string>>& annotations) {
  std::string yaml = fmt::format("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {}\n"
                                 "  namespace: demo\n",
                                 name);
  if (!annotations.empty()) yaml += "  annotations:\n";
  for (const auto& [k, v] : annotations) yaml += fmt::format("    {}: {}\n", k, v);
  yaml += fmt::format(
      "spec:\n  ingressClassName: {}\n  rules:\n"
      "  - host: demo.example.com\n    http:\n      paths:\n      - path: /app\n        pathType: Prefix\n"
      "        backend:\n          service:\n            name: {}\n            port:\n"
      "              number: 80\n",
      cls, service);
  return yaml;
}

/// A canary annotation only acts on a canary Ingress next to its primary
/// (ingress-nginx, internal/ingress/controller/controller.go mergeAlternativeBackends),
/// so its example is that pair: primary to Service web, canary to
/// web-canary, with canary: "true" and, for the canary flag itself, a 10 %
/// weight so the split shows.
bool is_canary_rule(const Rule& r) {
  return r.controller == "ingress-nginx" && starts_with(r.action, "canary");
}

/// Converts a one-path Ingress carrying the annotation with its example
/// value (for a canary annotation, a primary and canary pair), so the
/// example is what this build really does.
std::string live_example(const Catalog& catalog, const Rule& r) {
  std::string key = full_key(catalog, r);
  if (r.is_pattern()) key = key.substr(0, key.size() - 1) + "web";
  std::string cls = r.controller == "gke" ? "gce" : "demo";
  std::string yaml;
  if (r.controller != "gke") {
    yaml += fmt::format("apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: demo\n"
                        "spec:\n  controller: {}\n---\n",
                        controller_of(r.controller));
  }
  nlohmann::ordered_json value = r.example;
  std::vector<std::pair<std::string, std::string>> annotations = {{key, value.dump()}};
  std::string shown;
  if (is_canary_rule(r)) {
    const Family* f = catalog.family(r.controller);
    std::string prefix = f && !f->prefixes.empty() ? f->prefixes.front() : "";
    if (key != prefix + "canary") annotations.insert(annotations.begin(), {prefix + "canary", "\"true\""});
    if (key == prefix + "canary") annotations.push_back({prefix + "canary-weight", "\"10\""});
    yaml += ingress_yaml("web", cls, "web", {}) + "---\n" + ingress_yaml("web-canary", cls, "web-canary", annotations);
    shown = "\nExample: an Ingress routing demo.example.com/app to Service web, and its canary Ingress\n"
            "(same host and path, to Service web-canary) with\n";
  } else if (r.params.count("on") && r.params.at("on") == "service") {
    // Read from the backend Service (Traefik's service.*), so the example
    // puts it there.
    yaml += ingress_yaml("demo", cls, "web", {}) +
            fmt::format("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: demo\n"
                        "  annotations:\n    {}: {}\nspec:\n  ports:\n  - port: 80\n",
                        key, value.dump());
    shown = "\nExample: an Ingress routing demo.example.com/app to Service web, the Service carrying\n";
  } else {
    yaml += ingress_yaml("demo", cls, "web", annotations);
    shown = "\nExample: an Ingress routing demo.example.com/app with\n";
  }
  for (const auto& [k, v] : annotations) shown += fmt::format("  {}: {}\n", k, v);
  Findings findings;
  Inventory inventory;
  read_documents(yaml, std::make_shared<const std::string>("example.yaml"), ParseLimits{}, findings,
                 [&](Document&& doc) {
                   read_objects(doc, inventory, findings);
                   return true;
                 });
  inventory.sort();
  auto result = convert(inventory, ConvertOptions{}, catalog, findings);
  findings.sort_and_dedupe();
  std::string out = shown + "converts to:\n";
  std::vector<nlohmann::ordered_json> routes;
  for_each_object(result.output, [&](const nlohmann::ordered_json& obj) {
    if (obj["kind"] != "Gateway") routes.push_back(obj);
  });
  std::string body = to_yaml_stream(routes);
  for (const auto& f : findings.items()) {
    if (f.rule_id != "class-controller-inferred") body += format_finding(f) + "\n";
  }
  for (const auto& line : split(body, '\n')) {
    if (!line.empty()) out += "  " + line + "\n";
  }
  return out;
}

}  // namespace

std::string rules_table(const Catalog& catalog, const std::string& controller) {
  auto rules = sorted_rules(catalog, controller);
  size_t width = 0;
  for (const Rule* r : rules) width = std::max(width, full_key(catalog, *r).size());
  std::string out;
  for (const Rule* r : rules) {
    out += fmt::format("{:<{}}  {:<9}  {}\n", full_key(catalog, *r), width, verdict_name(r->verdict),
                       r->summary);
  }
  return out;
}

std::string explain_rule(const Catalog& catalog, const Rule& r) {
  std::string out = fmt::format("{}\n  id:         {}\n  controller: {}\n  verdict:    {}\n",
                                full_key(catalog, r), r.id, r.controller, verdict_name(r.verdict));
  out += fmt::format("  action:     {}\n", r.action);
  if (!r.value_format.empty()) out += fmt::format("  value:      {}\n", r.value_format);
  if (!r.features.empty()) out += fmt::format("  features:   {}\n", join(r.features, ", "));
  out += fmt::format("\n{}\n", r.summary);
  if (!r.value_verdicts.empty()) {
    out += "\nBy value:\n";
    for (const auto& vv : r.value_verdicts) {
      std::string why = vv.verdict == Verdict::Partial ? vv.lost : vv.instead;
      out += fmt::format("  {}: {}{}\n", vv.value, verdict_name(vv.verdict), why.empty() ? "" : " - " + why);
    }
  }
  if (!r.lost.empty()) out += fmt::format("\n{}: {}\n", r.value_verdicts.empty() ? "Lost" : "Other values", r.lost);
  if (!r.instead.empty()) out += fmt::format("\nInstead: {}\n", r.instead);
  if (!r.example.empty()) out += live_example(catalog, r);
  out += fmt::format("\nDefined at {}\n", r.location.str());
  return out;
}

/// " By value: HTTP converted; HTTPS partial; ..." for the markdown table.
std::string value_verdict_cell(const Rule& r) {
  if (r.value_verdicts.empty()) return "";
  std::vector<std::string> parts;
  for (const auto& vv : r.value_verdicts) parts.push_back(fmt::format("{} {}", vv.value, verdict_name(vv.verdict)));
  return " By value: " + join(parts, "; ") + " (`rules explain` says why).";
}

std::string rules_markdown(const Catalog& catalog, const std::string& controller) {
  auto cell = [](std::string s) {
    std::string out;
    for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
  };
  std::string out =
      "# Annotation mapping\n\nGenerated by `ingress-migrate rules list --markdown` from `rules/`; a test "
      "fails when it drifts. `rules explain KEY` shows each rule with a live example.\n\n";
  out += "| annotation | controller | verdict | Gateway API features | what it does | lost / instead |\n";
  out += "|---|---|---|---|---|---|\n";
  for (const Rule* r : sorted_rules(catalog, controller)) {
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", full_key(catalog, *r), r->controller,
                       verdict_name(r->verdict), join(r->features, ", "), cell(r->summary),
                       cell(!r->lost.empty() ? r->lost : r->instead) + value_verdict_cell(*r));
  }
  return out;
}

}  // namespace im
