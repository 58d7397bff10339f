#include "option_help.h"

#include <cctype>

#include "util/text.h"

namespace im::cli {

namespace {

std::string in_words(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + items[i];
  }
  return out;
}

/// The value's name: the one the option was given unless that was the
/// list of choices itself ("yaml|json"); formats are FORMAT.
std::string value_name(const CLI::Option& opt) {
  std::string given = opt.get_type_name();
  given = given.substr(0, given.find(':'));
  // CLI11 names a string value TEXT when the option did not.
  if (!given.empty() && given != "TEXT" && given.find('|') == std::string::npos) return given;
  const std::string name = opt.get_lnames().empty() ? opt.get_name() : opt.get_lnames().front();
  if (name == "output" || name == "format" || name.find("format") != std::string::npos) return "FORMAT";
  std::string upper;
  for (char c : name) upper += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

}  // namespace

std::vector<std::string> member_set(CLI::Option& opt) {
  for (int i = 0;; ++i) {
    CLI::Validator* v = nullptr;
    try {
      v = opt.get_validator(i);
    } catch (const CLI::OptionNotFound&) {
      return {};
    }
    if (v == nullptr) return {};
    const std::string text = v->get_description();
    if (text.size() > 2 && text.front() == '{' && text.back() == '}') return split(text.substr(1, text.size() - 2), ',');
  }
}

void show_choices_once(CLI::App& app) {
  for (CLI::Option* opt : app.get_options()) {
    if (opt->get_expected_max() == 0 || !opt->nonpositional()) continue;
    const auto choices = member_set(*opt);
    if (choices.empty()) continue;
    std::string text = opt->get_description() + " (" + in_words(choices);
    if (!opt->get_default_str().empty()) text += "; default " + opt->get_default_str();
    opt->description(text + ")");
    opt->option_text(value_name(*opt));
  }
  for (CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) show_choices_once(*sub);
}

}  // namespace im::cli
