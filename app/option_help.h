#pragma once
// --help shows each option's choices once, in words: CLI11 would print them
// twice, as "-o,--output yaml|json:{yaml,json}=yaml".

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace im::cli {

/// For every option of `app` and its subcommands restricted to a set of
/// values (CLI::IsMember): a short value name ("--output FORMAT") and the
/// choices with the default at the end of its description ("yaml or json;
/// default yaml").
void show_choices_once(CLI::App& app);

/// The values an IsMember validator allows `opt` (CLI11 describes them as
/// "{a,b}"); empty when it has none.
std::vector<std::string> member_set(CLI::Option& opt);

}  // namespace im::cli
