// `ingress-migrate rules list|explain`: the annotation catalog, and the
// lint table for the other finding ids.

#include <algorithm>
#include <ostream>

#include "report/target_doc.h"
#include "util/text.h"
#include "targets/profile.h"
#include "commands.h"
#include "exit_code.h"
#include "lint/tables.h"
#include "report/rules_doc.h"
#include "rules/catalog.h"
#include "util/did_you_mean.h"

namespace im::cli {

namespace {

/// A finding id of lint's own table (rules/lint/rules.yaml): what the
/// finding says and what to do about it.
std::string explain_lint_rule(const RuleInfo& info) {
  return info.id + " (" + severity_name(info.severity) + ")\n  " + info.summary +
         "\n  What to do: " + info.help + "\n";
}

struct RulesFlags {
  std::string controller;
  std::string target;
  std::string key;
  bool markdown = false;
  std::string output = "text";
};

/// The annotation rules whose key ends in "/KEY": a short key such as
/// rewrite-target names that annotation in every family that has one,
/// ingress-nginx's first (most migrations start from it).
std::vector<const Rule*> rules_with_short_key(const Catalog& catalog, const std::string& key) {
  std::vector<const Rule*> out;
  for (const Rule& rule : catalog.rules()) {
    // A family with prefixes (nginx.ingress.kubernetes.io/) keeps keys without them.
    if (rule.key == key || ends_with(rule.key, "/" + key)) out.push_back(&rule);
  }
  std::stable_sort(out.begin(), out.end(), [](const Rule* a, const Rule* b) {
    return (a->controller == "ingress-nginx") > (b->controller == "ingress-nginx");
  });
  return out;
}

/// What `rules explain` says when nothing is known by that name: the closest
/// annotation key, short key, rule id or finding id.
std::string unknown_key_message(const Catalog& catalog, const std::string& program, const std::string& key) {
  const std::vector<std::string> names = explainable_names(catalog);
  // A full key is judged by its last part, among the keys of its prefix: a
  // long prefix in common would make any short typo look close.
  std::string best;
  if (auto slash = key.rfind('/'); slash != std::string::npos) {
    const std::string prefix = key.substr(0, slash + 1);
    std::vector<std::string> last_parts;
    for (const auto& name : names) {
      if (starts_with(name, prefix)) last_parts.push_back(name.substr(prefix.size()));
    }
    best = did_you_mean(key.substr(slash + 1), last_parts);
    if (!best.empty()) best = prefix + best;
  } else {
    best = did_you_mean(key, names);
  }
  return program + ": no rule or finding id \"" + key + "\"" +
         (best.empty() ? "" : " (did you mean \"" + best + "\"?)") + "; `" + program +
         " rules list` lists them\n";
}

}  // namespace

std::vector<std::string> explainable_names(const Catalog& catalog) {
  std::vector<std::string> names;
  for (const RuleInfo& info : lint_rules()) names.push_back(info.id);
  for (const Rule& rule : catalog.rules()) {
    const Family* family = catalog.family(rule.controller);
    for (const auto& prefix : family ? family->prefixes : std::vector<std::string>{}) {
      names.push_back(prefix + rule.key);
    }
    names.push_back(rule.id);
    names.push_back(rule.key.substr(rule.key.rfind('/') + 1));
  }
  return names;
}

Handler setup_rules(CLI::App& sub, Context& ctx) {
  auto f = std::make_shared<RulesFlags>();
  sub.require_subcommand(1);
  CLI::App* list = sub.add_subcommand("list", "List every annotation rule with its verdict");
  list->add_option("--controller", f->controller, "Only this controller family")->type_name("NAME");
  list->add_option("-o,--output", f->output, "Table format: markdown is docs/annotations.md's mapping table")
      ->check(CLI::IsMember({"text", "markdown"}))
      ->capture_default_str();
  list->add_flag("--markdown", f->markdown, "Same as --output markdown");
  list->add_option("--target-controller", f->target,
                   "The verdicts for this target's output (aws-load-balancer-controller, envoy-gateway, gke, istio, kgateway, nginx-gateway-fabric, traefik), of ingress-nginx's keys unless --controller names another family")
      ->type_name("NAME");
  CLI::App* explain = sub.add_subcommand("explain", "Explain one annotation (key or rule id) or finding id");
  explain->add_option("key", f->key, "Annotation key (or its last part, e.g. rewrite-target), rule id or finding id")->required();
  explain->add_option("--target-controller", f->target, "Also the verdict for this target's output")
      ->type_name("NAME");

  return [f, list, explain, &ctx]() -> int {
    const Catalog& catalog = Catalog::builtin();
    const TargetProfile* target = nullptr;
    if (!f->target.empty()) {
      target = find_target_profile(f->target);
      if (!target) {
        std::vector<std::string> names;
        for (const auto& p : target_profiles()) names.push_back(p.name);
        std::string best = did_you_mean(f->target, names);
        ctx.io.err << ctx.program << ": no output profile for \"" << f->target << "\""
                   << (best.empty() ? "" : " (did you mean \"" + best + "\"?)") << "; known: "
                   << join(names, ", ") << "\n";
        return kExitUsageOrInput;
      }
    }
    if (f->output == "markdown") f->markdown = true;
    if (list->parsed()) {
      if (!f->controller.empty() && !catalog.family(f->controller)) {
        std::vector<std::string> names;
        for (const auto& fam : catalog.families()) names.push_back(fam.name);
        std::string best = did_you_mean(f->controller, names);
        ctx.io.err << ctx.program << ": unknown controller \"" << f->controller << "\""
                   << (best.empty() ? "" : " (did you mean \"" + best + "\"?)") << "\n";
        return kExitUsageOrInput;
      }
      if (target) {
        // One family's keys for the target: ingress-nginx's unless named.
        const std::string family = f->controller.empty() ? "ingress-nginx" : f->controller;
        if (f->markdown && family != "ingress-nginx") {
          ctx.io.err << ctx.program << ": --markdown with --target-controller is docs/targets.md's section, "
                     << "which covers every family; drop --controller\n";
          return kExitUsageOrInput;
        }
        ctx.io.out << (f->markdown ? target_markdown(catalog, *target) : target_table(catalog, *target, family));
        return kExitOk;
      }
      ctx.io.out << (f->markdown ? rules_markdown(catalog, f->controller) : rules_table(catalog, f->controller));
      return kExitOk;
    }
    if (explain->parsed()) {
      const Rule* rule = catalog.find(f->key);
      if (!rule) {
        // Not an annotation: one of the finding ids lint, convert, verify
        // and plan report besides the annotation rules.
        for (const RuleInfo& info : lint_rules()) {
          if (info.id != f->key) continue;
          ctx.io.out << explain_lint_rule(info);
          return kExitOk;
        }
        auto matches = rules_with_short_key(catalog, f->key);
        if (matches.empty()) {
          ctx.io.err << unknown_key_message(catalog, ctx.program, f->key);
          return kExitUsageOrInput;
        }
        for (size_t i = 0; i < matches.size(); ++i) {
          ctx.io.out << (i ? "\n" : "") << explain_rule(catalog, *matches[i]);
          if (target) ctx.io.out << explain_for_target(*matches[i], *target);
        }
        return kExitOk;
      }
      ctx.io.out << explain_rule(catalog, *rule);
      if (target) ctx.io.out << explain_for_target(*rule, *target);
      return kExitOk;
    }
    return kExitUsageOrInput;
  };
}

}  // namespace im::cli
