#include "report/rules_doc.h"

#include <algorithm>

#include <fmt/format.h>

#include "util/text.h"

namespace im {

namespace {

std::string full_key(const Catalog& catalog, const Rule& r) {
  const Family* f = catalog.family(r.controller);
  return (f && !f->prefixes.empty() ? f->prefixes.front() : "") + r.key;
}

std::vector<const Rule*> sorted_rules(const Catalog& catalog, const std::string& controller) {
  std::vector<const Rule*> rules;
  for (const auto& r : catalog.rules()) {
    if (controller.empty() || r.controller == controller) rules.push_back(&r);
  }
  std::sort(rules.begin(), rules.end(), [&](const Rule* a, const Rule* b) {
    return std::make_pair(a->controller, full_key(catalog, *a)) <
           std::make_pair(b->controller, full_key(catalog, *b));
  });
  return rules;
}

}  // namespace

std::string rules_table(const Catalog& catalog, const std::string& controller) {
  auto rules = sorted_rules(catalog, controller);
  size_t width = 0;
  for (const Rule* r : rules) width = std::max(width, full_key(catalog, *r).size());
  std::string out;
  for (const Rule* r : rules) {
    out += fmt::format("{:<{}}  {:<9}  {}\n", full_key(catalog, *r), width, verdict_name(r->verdict),
                       r->summary);
  }
  return out;
}

std::string explain_rule(const Catalog& catalog, const Rule& r) {
  std::string out = fmt::format("{}\n  id:        {}\n  controller: {}\n  verdict:   {}\n",
                                full_key(catalog, r), r.id, r.controller, verdict_name(r.verdict));
  out += fmt::format("  action:    {}\n", r.action);
  if (!r.value_format.empty()) out += fmt::format("  value:     {}\n", r.value_format);
  if (!r.features.empty()) out += fmt::format("  features:  {}\n", join(r.features, ", "));
  out += fmt::format("\n{}\n", r.summary);
  if (!r.lost.empty()) out += fmt::format("\nLost: {}\n", r.lost);
  if (!r.instead.empty()) out += fmt::format("\nInstead: {}\n", r.instead);
  out += fmt::format("\nDefined at {}\n", r.location.str());
  return out;
}

std::string rules_markdown(const Catalog& catalog) {
  std::string out = "| annotation | controller | verdict | Gateway API features | summary |\n";
  out += "|---|---|---|---|---|\n";
  for (const Rule* r : sorted_rules(catalog, "")) {
    out += fmt::format("| `{}` | {} | {} | {} | {} |\n", full_key(catalog, *r), r->controller,
                       verdict_name(r->verdict), join(r->features, ", "), r->summary);
  }
  return out;
}

}  // namespace im
