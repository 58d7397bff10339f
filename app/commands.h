#pragma once
// The subcommands. Each lives in its own app/command_<name>.cc, declares its
// flags on a CLI11 subcommand and returns the function that runs it.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli.h"
#include "terminal_manners.h"

namespace im {
class Catalog;
}

namespace im::cli {

struct Context {
  Io& io;
  std::string program;  ///< "ingress-migrate" or "kubectl ingress-migrate"
  Manners manners;      ///< --color, -q, -v of the chosen subcommand
};

using Handler = std::function<int()>;

struct CommandSpec {
  const char* name;
  const char* summary;
  Handler (*setup)(CLI::App& sub, Context& ctx);
};

/// Every subcommand, in help order.
const std::vector<CommandSpec>& commands();

Handler setup_convert(CLI::App& sub, Context& ctx);
Handler setup_rules(CLI::App& sub, Context& ctx);

/// Every name `rules explain` accepts: finding ids, annotation keys with
/// each prefix of their family, rule ids and short keys (rewrite-target).
std::vector<std::string> explainable_names(const Catalog& catalog);
Handler setup_report(CLI::App& sub, Context& ctx);
Handler setup_lint(CLI::App& sub, Context& ctx);
Handler setup_plan(CLI::App& sub, Context& ctx);
Handler setup_verify(CLI::App& sub, Context& ctx);

/// The whole command line definition; `handler` is set to the chosen
/// subcommand's function during parsing.
std::unique_ptr<CLI::App> build_app(Context& ctx, Handler& handler);

/// Rejects an empty value ("--output-dir ''" would otherwise read as not
/// given and silently change what the run does). Adds nothing to --help.
const CLI::Validator& non_empty();

/// The EXIT STATUS text shared by --help and the man page.
const char* exit_status_help();

}  // namespace im::cli
