#include "convert/haproxy_path_rewrite.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include "convert/input_values.h"
#include "util/text.h"

namespace im {

namespace {

/// strings.Fields: words split on white space.
std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out;
  std::string word;
  for (char c : line) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

}  // namespace

void read_haproxy_path_rewrite(const IngressPolicy& policy, bool regex_rewrites, RouteTemplate& t,
                               Findings& findings) {
  const Setting* s = policy.setting("haproxy-path-rewrite");
  if (!s) return;
  auto error = [&](const std::string& why) {
    findings.error(s->location,
                   fmt::format("path-rewrite \"{}\": {}; the request path now goes upstream unchanged",
                               escape_control(trim(s->value)), why),
                   s->rule_id);
  };
  std::vector<std::vector<std::string>> rules;
  for (const std::string& line : split(trim(s->value), '\n')) {
    std::vector<std::string> words = fields(line);
    if (words.empty()) continue;
    // reqPathRewrite.go: any other count fails the annotation.
    if (words.size() > 2) return error("a rule takes one or two words (HAProxy refused it)");
    rules.push_back(std::move(words));
  }
  if (rules.empty()) return;
  if (rules.size() > 1) return error("HAProxy ran several replace-path rules in turn, which one rewrite cannot");
  const std::string match = rules[0].size() == 2 ? rules[0][0] : "(.*)";
  const std::string& format = rules[0].back();
  if (format.find('%') != std::string::npos) {
    return error("the replacement uses HAProxy log-format (%), which Gateway API cannot evaluate");
  }
  if (format.empty() || format[0] != '/') return error("the replacement is not a path starting with \"/\"");
  if (match == "(.*)" && format.find('\\') == std::string::npos) {
    if (auto why = path_problem(format); !why.empty()) return error("the replacement " + why);
    t.filters.rewrite_full_path = format;
    return;
  }
  if (!regex_rewrites) {
    return error(
        "a regex rewrite has no URLRewrite form (an output for Envoy Gateway or kgateway, "
        "--target-controller, writes it as a regex rewrite)");
  }
  // Found anywhere in the path, the whole path becomes the replacement:
  // as a whole-path match, the text around MATCH is consumed too. The
  // wrapping groups do not capture, so \N still counts MATCH's groups.
  const std::string pattern = "^.*?(?:" + match + ").*$";
  RE2 re(pattern, RE2::Quiet);
  if (!re.ok()) return error(fmt::format("RE2 cannot read the regex ({})", re.error()));
  t.filters.rewrite_regex = RegexRewrite{pattern, format, s->location};
}

}  // namespace im
