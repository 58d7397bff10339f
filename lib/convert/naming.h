#pragma once
// Deterministic, valid and unique names for emitted objects and listeners.

#include <map>
#include <set>
#include <string>

namespace im {

/// Makes `raw` a valid DNS subdomain of at most `max_len` characters:
/// lower-cased, invalid characters replaced by '-', "*" spelled "wildcard",
/// long names shortened with a hash suffix so distinct inputs stay distinct.
std::string dns_name(const std::string& raw, size_t max_len = 253);

/// Hands out names unique within a scope (e.g. kind + namespace): the first
/// request for a name gets it, later ones get "-2", "-3", ...
class NameRegistry {
 public:
  std::string claim(const std::string& scope, const std::string& wanted, size_t max_len = 253);

 private:
  std::map<std::string, std::set<std::string>> taken_;
};

}  // namespace im
