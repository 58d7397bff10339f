#include "convert/kong_headers.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include "convert/filter_set.h"
#include "convert/header_alternatives.h"
#include "convert/input_values.h"
#include "util/text.h"

namespace im {

namespace {

constexpr const char* kHeadersPrefix = "konghq.com/headers.";
constexpr const char* kRuleId = "kong-headers";

/// Go strings.Split: an empty separator splits into single characters.
std::vector<std::string> go_split(const std::string& value, const std::string& sep) {
  std::vector<std::string> out;
  if (sep.empty()) {
    for (char c : value) out.emplace_back(1, c);
    return out;
  }
  size_t start = 0;
  for (size_t at; (at = value.find(sep, start)) != std::string::npos; start = at + sep.size()) {
    out.push_back(value.substr(start, at - start));
  }
  out.push_back(value.substr(start));
  return out;
}

/// One value as Kong's router compared it (router/transform.lua): the
/// header and the value both lower-cased and equal, or, for "~*RE", RE
/// (lower-cased) found anywhere in the lower-cased header. Case-insensitive
/// regex search becomes a whole-value RegularExpression with (?i).
std::optional<HeaderMatchIR> header_match(const Annotation& a, const std::string& name,
                                          const std::string& value, Findings& findings) {
  if (value.rfind("~*", 0) == 0) {
    const std::string pattern = "(?i).*(?:" + to_lower(value.substr(2)) + ").*";
    RE2 re(pattern, RE2::Quiet);
    if (!re.ok()) {
      findings.error(
          a.location,
          fmt::format(
              "{}: \"{}\" is not a regular expression RE2 accepts ({}); {}", a.key,
              escape_control(value.substr(2)), re.error(),
              "the paths are left out, and their requests now go to the host's other rules, "
              "or 404"),
          kRuleId);
      return std::nullopt;
    }
    return HeaderMatchIR{"RegularExpression", name, pattern};
  }
  std::string why = value.empty() ? "is empty" : header_value_problem(value);
  if (!why.empty()) {
    findings.error(
        a.location,
        fmt::format("{}: the value {}; the paths are left out, and their requests now go to the "
                    "host's other rules, or 404",
                    a.key, why),
        kRuleId);
    return std::nullopt;
  }
  return HeaderMatchIR{"Exact", name, value};
}

}  // namespace

// KIC internal/annotations/annotations.go ExtractHeaders: every
// konghq.com/headers.NAME with a non-empty NAME and value, split on
// konghq.com/headers-separator (default ","), items trimmed.
std::vector<KongHeader> read_kong_headers(const Ingress& ing) {
  const Annotation* separator = ing.annotation("konghq.com/headers-separator");
  const std::string sep = separator ? separator->value : ",";
  std::vector<KongHeader> out;
  for (const Annotation& a : ing.annotations) {
    if (!starts_with(a.key, kHeadersPrefix)) continue;
    KongHeader h{&a, a.key.substr(std::char_traits<char>::length(kHeadersPrefix)), {}};
    if (h.name.empty() || a.value.empty()) continue;
    for (const std::string& item : go_split(a.value, sep)) h.values.push_back(trim(item));
    out.push_back(std::move(h));
  }
  return out;
}

// kongstate/route.go overrideHeaders sets them on every route of the
// Ingress; Kong's router (router/transform.lua) requires every header, any
// of its values.
bool kong_header_alternatives(const Ingress& ing,
                              std::vector<std::vector<HeaderMatchIR>>& alternatives,
                              Findings& findings) {
  alternatives = {{}};
  bool any = false;
  for (const KongHeader& h : read_kong_headers(ing)) {
    const Annotation& a = *h.annotation;
    if (!is_header_name(h.name) || to_lower(h.name) == "host") {
      findings.error(
          a.location,
          fmt::format(
              "{}: \"{}\" is not a header a route can match ({}), so these paths had no Kong route; "
              "they are left out here too",
              a.key, escape_control(h.name),
              to_lower(h.name) == "host" ? "Kong refuses a Host header condition"
                                         : "not a header name"),
          kRuleId);
      return false;
    }
    std::vector<HeaderMatchIR> any_of;
    for (const std::string& value : h.values) {
      auto match = header_match(a, h.name, value, findings);
      if (!match) return false;
      any_of.push_back(std::move(*match));
    }
    if (!add_header_alternatives(alternatives, any_of)) {
      findings.error(
          a.location,
          fmt::format(
              "{}: the headers' values make more than {} combinations (one rule each); the "
              "paths are left out, and their requests now go to the host's other rules, or 404",
              a.key, kMaxHeaderAlternatives),
          kRuleId);
      return false;
    }
    any = true;
  }
  if (!any) alternatives.clear();
  return true;
}

}  // namespace im
