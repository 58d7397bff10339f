#include "model/traefik_rule.h"

#include <fmt/format.h>

namespace im {

std::string go_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\v': out += "\\v"; break;
      default:
        // Other control bytes are \xNN; printable UTF-8 stays as it is.
        out += u < 0x20 || u == 0x7f ? fmt::format("\\x{:02x}", u) : std::string(1, c);
    }
  }
  return out + "\"";
}

std::string traefik_rule(const std::string& host, const std::string& matcher, const std::string& path) {
  // loadRouter: Host(%q) and <Matcher>(%q), joined by " && ".
  std::string rule;
  if (!host.empty()) rule = "Host(" + go_quote(host) + ")";
  if (!path.empty()) rule += (rule.empty() ? "" : " && ") + matcher + "(" + go_quote(path) + ")";
  return rule;
}

long long traefik_priority(const std::string& rule, const std::optional<long long>& explicit_priority) {
  return explicit_priority && *explicit_priority != 0 ? *explicit_priority : static_cast<long long>(rule.size());
}

}  // namespace im
