#include "cli.h"

#include <algorithm>

#include <unistd.h>

#include <iostream>
#include <memory>

#include "commands.h"
#include "complete_command.h"
#include "command_help.h"
#include "completion.h"
#include "option_help.h"
#include "exit_code.h"
#include "util/did_you_mean.h"
#include "util/text.h"
#include "man_page.h"
#include "util/fd_ostream.h"
#include "util/interrupt.h"
#include "validate/gateway_api_version.h"

namespace im::cli {

const std::vector<CommandSpec>& commands() {
  static const std::vector<CommandSpec> list = {
      {"convert", "Convert Ingress manifests to Gateway API v1 objects", setup_convert},
      {"lint", "Check manifests before an upgrade or in CI: removed APIs, risky annotations, conversion problems",
       setup_lint},
      {"verify", "Show the requests that route differently under Gateway API than under the Ingresses",
       setup_verify},
      {"report", "Say which Gateway API implementations can run the converted manifests", setup_report},
      {"plan", "Write a phased cutover (observe, coexist, converge) as files to apply", setup_plan},
      {"rules", "List and explain the annotation rules", setup_rules},
  };
  return list;
}

const CLI::Validator& non_empty() {
  static const CLI::Validator validator(
      [](std::string& value) { return value.empty() ? std::string("must not be empty") : std::string(); }, "", "");
  return validator;
}

const char* exit_status_help() {
  return "Exit status:\n"
         "  0  converted (lint: checked); no error findings (lint: none at or above --fail-on)\n"
         "  1  converted, but some input could not be converted faithfully (error findings); "
         "lint: a finding at or above --fail-on; convert --check: DIR is out of date; "
         "verify: a request routes differently\n"
         "  2  bad usage, or an input that could not be read or parsed (the rest is still "
         "processed)\n"
         "  3  internal error: an emitted object failed Gateway API validation (a bug)\n";
}

namespace {

std::string program_name(const char* argv0) {
  std::string name = argv0 ? argv0 : "ingress-migrate";
  auto slash = name.find_last_of('/');
  if (slash != std::string::npos) name = name.substr(slash + 1);
  // kubectl runs plugins as kubectl-<name> with '-' in the name spelled '_'.
  return name.rfind("kubectl-", 0) == 0 ? "kubectl ingress-migrate" : "ingress-migrate";
}

}  // namespace

std::unique_ptr<CLI::App> build_app(Context& ctx, Handler& handler) {
  auto app = std::make_unique<CLI::App>("Move Kubernetes Ingress manifests to Gateway API v1.",
                                        ctx.program);
  app->set_version_flag("--version", std::string("ingress-migrate ") + IM_VERSION + "\nemits Gateway API " +
                                         kGatewayApiVersion + " objects");
  app->require_subcommand(1);
  app->footer(exit_status_help());
  for (const auto& spec : commands()) {
    CLI::App* sub = app->add_subcommand(spec.name, spec.summary);
    sub->footer(help_footer(ctx.program, spec.name));
    Handler h = spec.setup(*sub, ctx);
    add_manner_flags(*sub, ctx.manners);
    show_choices_once(*sub);
    sub->callback([&handler, h] { handler = h; });
  }
  // Hidden: prints the man page generated from this very definition, so the
  // committed man/ingress-migrate.1 can be checked against --help.
  CLI::App* man = app->add_subcommand("man", "Print the man page (roff)")->group("");
  CLI::App* root = app.get();
  man->callback([&handler, &ctx, root] {
    handler = [&ctx, root] {
      ctx.io.out << man_page(*root);
      return kExitOk;
    };
  });
  // Hidden: prints the shell completion scripts (which ask __complete); the
  // committed completions/ are checked against them like the man page.
  CLI::App* completion = app->add_subcommand("completion", "Print shell completion")->group("");
  auto shell = std::make_shared<std::string>();
  completion->add_option("shell", *shell, "bash, zsh or kubectl")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "kubectl"}));
  completion->callback([&handler, &ctx, shell] {
    handler = [&ctx, shell] {
      ctx.io.out << (*shell == "bash"  ? bash_completion()
                     : *shell == "zsh" ? zsh_completion()
                                       : kubectl_complete_script());
      return kExitOk;
    };
  });
  return app;
}

namespace {

/// The names a mistyped word could have meant: subcommands, or an app's
/// flags spelled as given ("--format", "-o").
std::vector<std::string> subcommand_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (!sub->get_group().empty()) names.push_back(sub->get_name());
  }
  return names;
}

std::vector<std::string> flag_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* o : app.get_options()) {
    for (const auto& l : o->get_lnames()) names.push_back("--" + l);
    for (const auto& s : o->get_snames()) names.push_back("-" + s);
  }
  return names;
}

/// An unknown first word: the command it most likely meant, instead of
/// CLI11's "A subcommand is required".
bool report_unknown_subcommand(const CLI::App& app, const std::vector<std::string>& args, const Context& ctx) {
  if (args.empty() || args[0].empty() || args[0][0] == '-') return false;
  const auto names = subcommand_names(app);
  if (std::find(names.begin(), names.end(), args[0]) != names.end()) return false;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->check_name(args[0])) return false;  // hidden commands (__complete) are known too
  }
  std::string best = did_you_mean(args[0], names);
  ctx.io.err << ctx.program << ": unknown command \"" << args[0] << "\""
             << (best.empty() ? "" : " (did you mean \"" + best + "\"?)") << "; commands: " << join(names, ", ")
             << "\nRun '" << ctx.program << " --help' for more information.\n";
  return true;
}

/// Arguments a subcommand did not expect, in the order they were given,
/// each unknown flag with the closest flag of that subcommand.
void report_unexpected(const CLI::App& app, const Context& ctx) {
  const CLI::App* sub = &app;
  for (;;) {
    auto parsed = sub->get_subcommands();
    if (parsed.empty()) break;
    sub = parsed.front();
  }
  std::vector<std::string> extras = sub->remaining();
  if (extras.empty()) extras = app.remaining();
  std::string where = sub == &app ? ctx.program : ctx.program + " " + sub->get_name();
  const auto flags = flag_names(*sub);
  for (const auto& word : extras) {
    std::string name = word.substr(0, word.find('='));
    if (name.size() > 1 && name[0] == '-') {
      std::string best = did_you_mean(name, flags);
      ctx.io.err << where << ": unknown flag " << name << (best.empty() ? "" : " (did you mean " + best + "?)")
                 << "\n";
    } else {
      ctx.io.err << where << ": unexpected argument \"" << word << "\"\n";
    }
  }
  ctx.io.err << "Run '" << where << " --help' for more information.\n";
}

int run_as(const std::string& program, const std::vector<std::string>& args, Io& io) {
  Context ctx{io, program, Manners{}};
  Handler handler;
  auto app_ptr = build_app(ctx, handler);
  CLI::App& app = *app_ptr;
  // Hidden: the shells' completion asks here what may come next. Not a
  // CLI11 subcommand: every word after it is the user's, flags included.
  if (!args.empty() && args[0] == "__complete") {
    std::vector<std::string> typed(args.begin() + 1, args.end());
    std::string partial;
    if (!typed.empty()) {
      partial = typed.back();
      typed.pop_back();
    }
    io.out << completion_text(complete_command_line(app, typed, partial));
    return kExitOk;
  }
  if (report_unknown_subcommand(app, args, ctx)) return kExitUsageOrInput;
  try {
    // CLI11 consumes a reversed argument vector.
    app.parse(std::vector<std::string>(args.rbegin(), args.rend()));
  } catch (const CLI::CallForHelp& e) {
    app.exit(e, io.out, io.err);
    return kExitOk;
  } catch (const CLI::CallForAllHelp& e) {
    app.exit(e, io.out, io.err);
    return kExitOk;
  } catch (const CLI::CallForVersion& e) {
    app.exit(e, io.out, io.err);
    return kExitOk;
  } catch (const CLI::ExtrasError& e) {
    report_unexpected(app, ctx);
    return kExitUsageOrInput;
  } catch (const CLI::ParseError& e) {
    app.exit(e, io.out, io.err);
    return kExitUsageOrInput;
  }
  return handler ? handler() : kExitUsageOrInput;
}

}  // namespace

bool output_written(Io& io, const std::string& program) {
  if (io.out.flush()) return true;
  // A reader that went away (`| head`) is not an error worth a message.
  if (!is_closed_pipe(io.out) && !io.out_failure_reported) {
    io.err << program << ": error: cannot write to standard output: " << write_error_text(io.out)
           << "; the output is incomplete\n";
  }
  io.out_failure_reported = true;
  return false;
}

int run(const std::vector<std::string>& args, Io& io) { return run_as("ingress-migrate", args, io); }

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  install_interrupt_cleanup();
  std::vector<std::string> args(argv + 1, argv + argc);
  FdOstream out(1);
  Io io{std::cin, out, std::cerr, isatty(2) != 0, isatty(1) != 0};
  const std::string program = program_name(argc > 0 ? argv[0] : nullptr);
  int code = run_as(program, args, io);
  // The last buffered bytes reach the file only here: a full disk shows up
  // now, and exit 0 would claim output that is not there.
  if (!output_written(io, program)) code = kExitUsageOrInput;
  return code;
}

}  // namespace im::cli
