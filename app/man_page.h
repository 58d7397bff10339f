#pragma once
// The man page, generated from the CLI definition (one source for --help and
// man/ingress-migrate.1).

#include <string>

#include <CLI/CLI.hpp>

namespace im::cli {

std::string man_page(const CLI::App& app);

}  // namespace im::cli
