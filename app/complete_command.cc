#include "complete_command.h"

#include <algorithm>
#include <map>

#include "cluster/kubectl.h"
#include "commands.h"
#include "option_help.h"
#include "lint/tables.h"
#include "plan/cutover_plan.h"
#include "report/controllers.h"
#include "rules/catalog.h"
#include "targets/profile.h"
#include "util/text.h"

namespace im::cli {

namespace {

/// The app an option of `app` is looked up in, then its parents, as CLI11
/// does for a subcommand that falls through (rules list takes -q).
CLI::Option* find_flag(CLI::App* app, const std::string& name) {
  for (; app != nullptr; app = app->get_fallthrough() ? app->get_parent() : nullptr) {
    for (CLI::Option* opt : app->get_options()) {
      if (!opt->nonpositional() || opt->get_group().empty()) continue;
      if (opt->check_name(name)) return opt;
    }
  }
  return nullptr;
}

std::vector<std::string> flag_names(CLI::App* app) {
  std::vector<std::string> out;
  for (; app != nullptr; app = app->get_fallthrough() ? app->get_parent() : nullptr) {
    for (const CLI::Option* opt : app->get_options()) {
      if (!opt->nonpositional() || opt->get_group().empty()) continue;
      for (const auto& l : opt->get_lnames()) out.push_back("--" + l);
      for (const auto& s : opt->get_snames()) out.push_back("-" + s);
    }
  }
  return out;
}

/// The value given to `--name` earlier on the line ("--kubeconfig x" or
/// "--kubeconfig=x"), to ask kubectl about the right cluster.
std::string typed_value(const std::vector<std::string>& typed, const std::string& name) {
  for (size_t i = 0; i < typed.size(); ++i) {
    if (typed[i] == name && i + 1 < typed.size()) return typed[i + 1];
    if (starts_with(typed[i], name + "=")) return typed[i].substr(name.size() + 1);
  }
  return "";
}

/// Lines kubectl prints for a read-only question; none if it cannot answer
/// quickly (completion must never hang the shell).
std::vector<std::string> ask_kubectl(const std::vector<std::string>& typed, const std::vector<std::string>& args) {
  ClusterQuery query;
  query.kubeconfig = typed_value(typed, "--kubeconfig");
  query.context = typed_value(typed, "--context");
  query.request_timeout = "5s";
  std::vector<std::string> out;
  try {
    for (auto& line : split(run_kubectl(query, args), '\n')) {
      line = trim(line);
      if (!line.empty()) out.push_back(line);
    }
  } catch (const std::exception&) {
  }
  return out;
}

std::vector<std::string> controller_names() {
  std::vector<std::string> out;
  for (const auto& c : known_controllers()) out.push_back(c.name);
  return out;
}

/// The values `opt` takes, by what it is.
Completion values_for(CLI::Option& opt, CLI::App* app, const std::vector<std::string>& typed) {
  Completion c;
  const std::string name = opt.get_lnames().empty() ? opt.get_name() : opt.get_lnames().front();
  const bool in_rules = app->get_parent() != nullptr && app->get_parent()->get_name() == "rules";
  if (auto choices = member_set(opt); !choices.empty()) {
    c.values = choices;
  } else if (name == "filename") {
    c.values = {"yaml", "yml", "json"};
    c.directive = kCompleteFileExtension;
  } else if (name == "context") {
    c.values = ask_kubectl(typed, {"config", "get-contexts", "-o", "name"});
  } else if (name == "namespace") {
    for (const auto& line : ask_kubectl(typed, {"get", "namespaces", "-o", "name"})) {
      c.values.push_back(starts_with(line, "namespace/") ? line.substr(10) : line);
    }
  } else if ((name == "controller" || name == "target-controller") && in_rules) {
    // rules names annotation families and output profiles, the other
    // commands Gateway API implementations.
    if (name == "controller") {
      for (const auto& family : Catalog::builtin().families()) c.values.push_back(family.name);
    } else {
      for (const auto& p : target_profiles()) c.values.push_back(p.name);
    }
  } else if (name == "controller" || name == "target-controller") {
    c.values = controller_names();
  } else if (name == "group-by") {
    c.values = group_by_names();
  } else if (name == "ignore") {
    for (const RuleInfo& info : lint_rules()) c.values.push_back(info.id);
  } else if (name == "key") {
    c.values = explainable_names(Catalog::builtin());
  } else if (starts_with(opt.get_type_name(), "DIR")) {
    c.directive = kCompleteDirectories;
  } else if (starts_with(opt.get_type_name(), "FILE") || starts_with(opt.get_type_name(), "PATH")) {
    c.directive = 0;  // the shell's own file names
  }
  return c;
}

void keep_prefixed(Completion& c, const std::string& partial) {
  if (c.directive & (kCompleteFileExtension | kCompleteDirectories)) return;
  std::vector<std::string> kept;
  for (const auto& v : c.values) {
    if (starts_with(v, partial)) kept.push_back(v);
  }
  std::sort(kept.begin(), kept.end());
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  c.values = std::move(kept);
}

}  // namespace

Completion complete_command_line(CLI::App& root, const std::vector<std::string>& typed, const std::string& partial) {
  CLI::App* app = &root;
  CLI::Option* pending = nullptr;
  size_t positionals = 0;
  for (const auto& word : typed) {
    if (pending != nullptr) {
      pending = nullptr;
      continue;
    }
    if (word.size() > 1 && word[0] == '-') {
      const std::string name = word.substr(0, word.find('='));
      CLI::Option* opt = find_flag(app, name);
      if (opt && opt->get_expected_max() > 0 && word.find('=') == std::string::npos) pending = opt;
      continue;
    }
    CLI::App* next = nullptr;
    for (CLI::App* sub : app->get_subcommands([](const CLI::App*) { return true; })) {
      if (!sub->get_group().empty() && sub->check_name(word)) next = sub;
    }
    if (next) {
      app = next;
      positionals = 0;
    } else {
      ++positionals;
    }
  }

  Completion c;
  if (pending != nullptr) {
    c = values_for(*pending, app, typed);
  } else if (starts_with(partial, "--") && partial.find('=') != std::string::npos) {
    // --flag=PARTIAL: the values, written with their flag.
    const std::string flag = partial.substr(0, partial.find('=') + 1);
    CLI::Option* opt = find_flag(app, flag.substr(0, flag.size() - 1));
    if (opt == nullptr || opt->get_expected_max() == 0) return Completion{{}, kCompleteError};
    c = values_for(*opt, app, typed);
    keep_prefixed(c, partial.substr(flag.size()));
    for (auto& v : c.values) v = flag + v;
    return c;
  } else if (starts_with(partial, "-")) {
    c.values = flag_names(app);
  } else {
    for (CLI::App* sub : app->get_subcommands([](const CLI::App*) { return true; })) {
      if (!sub->get_group().empty()) c.values.push_back(sub->get_name());
    }
    // A positional argument (rules explain KEY) completes its values.
    for (CLI::Option* opt : app->get_options()) {
      if (opt->get_positional() && positionals == 0) {
        Completion more = values_for(*opt, app, typed);
        c.values.insert(c.values.end(), more.values.begin(), more.values.end());
      }
    }
  }
  keep_prefixed(c, partial);
  return c;
}

std::string completion_text(const Completion& completion) {
  std::string out;
  for (const auto& v : completion.values) out += v + "\n";
  return out + ":" + std::to_string(completion.directive) + "\n";
}

}  // namespace im::cli
