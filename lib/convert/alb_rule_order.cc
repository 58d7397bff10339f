#include "convert/alb_rule_order.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "util/text.h"

namespace im {
namespace {

// The requests a path pattern takes, in the forms whose cover can be
// decided: one literal path, a literal and everything below it ("/api":
// /api and /api/..., Prefix), or every path starting with a string (an
// ImplementationSpecific glob with one trailing '*'). Other globs and
// regexes (use-regex-path-match) are Unknown: no cover is claimed.
struct PathSet {
  enum class Kind { Literal, Subtree, StartsWith, Unknown } kind = Kind::Unknown;
  std::string text;
};

PathSet path_set(const IngressPath& p, bool regex) {
  const std::string path = p.path.empty() ? "/" : p.path;
  if (p.type == PathType::Exact) return {PathSet::Kind::Literal, path};
  if (p.type == PathType::Prefix) {
    if (path == "/") return {PathSet::Kind::StartsWith, "/"};
    std::string base = path;
    while (base.size() > 1 && base.back() == '/') base.pop_back();
    return {PathSet::Kind::Subtree, base};
  }
  if (regex) return {};
  const size_t wild = path.find_first_of("*?");
  if (wild == std::string::npos) return {PathSet::Kind::Literal, path};
  if (wild == path.size() - 1 && path.back() == '*') return {PathSet::Kind::StartsWith, path.substr(0, wild)};
  return {};
}

bool in_subtree(const std::string& s, const std::string& base) {
  return s == base || (s.size() > base.size() && s.compare(0, base.size(), base) == 0 && s[base.size()] == '/');
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// True when every request `later` takes, `earlier` takes too.
bool covers(const PathSet& earlier, const PathSet& later) {
  using K = PathSet::Kind;
  if (earlier.kind == K::Unknown || later.kind == K::Unknown) return false;
  switch (earlier.kind) {
    case K::Literal:
      return later.kind == K::Literal && later.text == earlier.text;
    case K::Subtree:
      if (later.kind == K::StartsWith) return starts_with(later.text, earlier.text + "/");
      return in_subtree(later.text, earlier.text);
    case K::StartsWith:
      return starts_with(later.text, earlier.text);
    case K::Unknown:
      break;
  }
  return false;
}

// ALB host conditions are globs: "*.example.com" takes every name under it.
bool host_covers(const std::string& earlier, const std::string& later) {
  if (earlier.empty() || earlier == later) return true;
  if (earlier.rfind("*.", 0) != 0 || later.empty() || later.rfind("*.", 0) == 0) return false;
  const std::string suffix = earlier.substr(1);
  return later.size() > suffix.size() && later.compare(later.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string backend_label(const Backend& b) {
  if (b.kind == Backend::Kind::Resource) return fmt::format("{} {}", b.resource_kind, b.resource_name);
  if (b.port.name == "use-annotation") return fmt::format("action {}", b.service_name);
  return fmt::format("Service {}:{}", b.service_name,
                     b.port.number ? std::to_string(*b.port.number) : b.port.name);
}

struct AlbRule {
  const IngressInfo* info;
  std::string host;
  const IngressPath* path;
  PathSet set;
  bool conditional;  ///< alb.ingress.kubernetes.io/conditions.<backend> narrows it
};

// sortIngressPaths: Exact, then Prefix by length (longest first, stable),
// then ImplementationSpecific and untyped paths as written.
std::vector<const IngressPath*> alb_path_order(const IngressRule& rule) {
  std::vector<const IngressPath*> exact, prefix, other;
  for (const IngressPath& p : rule.paths) {
    (p.type == PathType::Exact ? exact : p.type == PathType::Prefix ? prefix : other).push_back(&p);
  }
  std::stable_sort(prefix.begin(), prefix.end(),
                   [](const IngressPath* a, const IngressPath* b) { return a->path.size() > b->path.size(); });
  exact.insert(exact.end(), prefix.begin(), prefix.end());
  exact.insert(exact.end(), other.begin(), other.end());
  return exact;
}

}  // namespace

void report_alb_rule_order(const Plan& plan) {
  std::map<std::string, std::vector<AlbRule>> groups;  // scope -> rules in ALB priority order
  for (const IngressInfo& info : plan.ingresses) {
    if (info.cls.controller != "aws-alb") continue;
    const Ingress& ing = *info.ing;
    const Annotation* regex = ing.annotation("alb.ingress.kubernetes.io/use-regex-path-match");
    const bool use_regex = regex && to_lower(trim(regex->value)) == "true";
    for (const IngressRule& rule : ing.rules) {
      for (const IngressPath* p : alb_path_order(rule)) {
        const bool conditional = ing.annotation("alb.ingress.kubernetes.io/conditions." + p->backend.service_name);
        groups[info.scope()].push_back({&info, rule.host, p, path_set(*p, use_regex), conditional});
      }
    }
  }
  for (const auto& [scope, rules] : groups) {
    for (size_t j = 1; j < rules.size(); ++j) {
      const AlbRule& later = rules[j];
      for (size_t i = 0; i < j; ++i) {
        const AlbRule& earlier = rules[i];
        if (earlier.conditional || !host_covers(earlier.host, later.host) || !covers(earlier.set, later.set))
          continue;
        const bool same_match = earlier.host == later.host && earlier.path->type == later.path->type &&
                                earlier.set.text == later.set.text && earlier.set.kind == later.set.kind;
        if (same_match) break;  // a duplicate: the claims keep the earlier one and say so
        const std::string before = backend_label(earlier.path->backend);
        const std::string now = backend_label(later.path->backend);
        if (before == now && earlier.info->ing->ns == later.info->ing->ns) break;  // same place either way
        plan.findings->warning(
            later.path->location,
            fmt::format("path \"{}\" ({}) on host {} of Ingress {}: the ALB ranked the rule of path \"{}\" ({}) "
                        "of Ingress {} on {} first and it takes all these requests, so the ALB sent them to {}; "
                        "Gateway API takes the most specific match, so they now go to {}",
                        escape_control(later.path->path), path_type_name(later.path->type),
                        later.host.empty() ? "(any host)" : later.host, later.info->ing->ref(),
                        escape_control(earlier.path->path), path_type_name(earlier.path->type),
                        earlier.info->ing->ref(), earlier.host.empty() ? "any host" : earlier.host, before, now),
            "alb-rule-order");
        break;
      }
    }
  }
}

}  // namespace im
