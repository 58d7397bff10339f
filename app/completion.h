#pragma once
// Shell completion scripts. They ask the binary itself (`__complete`,
// complete_command.h) what may come next, so they never offer a flag or
// value the binary does not know.

#include <string>

namespace im::cli {

/// A bash script defining _ingress_migrate and registering it for
/// ingress-migrate; sourced by bash-completion.
std::string bash_completion();

/// A zsh #compdef script for ingress-migrate.
std::string zsh_completion();

/// The kubectl plugin completion helper: kubectl (1.26+) runs
/// kubectl_complete-ingress_migrate with the words typed after the plugin
/// name and reads one candidate per line, then ":<directive>": the
/// plugin's own `__complete`.
std::string kubectl_complete_script();

}  // namespace im::cli
