#include "model/names.h"

#include <fmt/format.h>

namespace im {

namespace {

bool is_alnum_lower(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool is_label(std::string_view l) {
  if (l.empty() || l.size() > 63) return false;
  if (!is_alnum_lower(l.front()) || !is_alnum_lower(l.back())) return false;
  for (char c : l) {
    if (!is_alnum_lower(c) && c != '-') return false;
  }
  return true;
}

bool looks_like_ipv4(std::string_view s) {
  int dots = 0;
  for (char c : s) {
    if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return dots == 3;
}

}  // namespace

bool is_dns_subdomain(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    std::string_view label = s.substr(start, dot == std::string_view::npos ? s.npos : dot - start);
    if (!is_label(label)) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

std::string ingress_host_problem(std::string_view host) {
  // Checked first: a host with a newline is neither an IP address nor a
  // misspelt DNS name, and saying which byte it is lets the user find it.
  for (size_t i = 0; i < host.size(); ++i) {
    auto c = static_cast<unsigned char>(host[i]);
    if (c < 0x20 || c == 0x7f) return fmt::format("contains the control character 0x{:02X} at offset {}", c, i);
  }
  std::string_view rest = host;
  if (rest.substr(0, 2) == "*.") rest.remove_prefix(2);
  if (looks_like_ipv4(rest) || rest.find(':') != std::string_view::npos) {
    return "must be a DNS name, not an IP address";
  }
  if (!is_dns_subdomain(rest)) {
    return "must be a lowercase RFC 1123 DNS name (optionally starting with \"*.\")";
  }
  return "";
}

}  // namespace im
