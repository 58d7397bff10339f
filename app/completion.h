#pragma once
// Shell completion scripts generated from the CLI definition, like the man
// page, so completions never offer a flag --help does not know.

#include <string>

#include <CLI/CLI.hpp>

namespace im::cli {

/// A bash script defining _ingress_migrate and registering it for
/// ingress-migrate. Sourced by bash-completion, or run through
/// kubectl_complete-ingress_migrate for `kubectl ingress-migrate`.
std::string bash_completion(const CLI::App& app);

/// A zsh #compdef script for ingress-migrate (an _arguments spec per subcommand).
std::string zsh_completion(const CLI::App& app);

/// The kubectl plugin completion helper: kubectl (1.26+) runs
/// kubectl_complete-ingress_migrate with the words typed after the plugin
/// name and reads one candidate per line, then ":<directive>".
std::string kubectl_complete_script();

}  // namespace im::cli
