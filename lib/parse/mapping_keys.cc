#include "parse/mapping_keys.h"

#include <fmt/format.h>

#include "util/text.h"

namespace im {

const MappingKeys::Seen* MappingKeys::add(const std::string& key, Seen at) {
  if (many_.empty()) {
    for (auto& [k, seen] : few_) {
      if (k == key) return &seen;
    }
    if (few_.size() < kListed) {
      few_.emplace_back(key, at);
      return nullptr;
    }
    for (auto& [k, seen] : few_) many_.emplace(std::move(k), seen);
    few_.clear();
  }
  auto [it, added] = many_.emplace(key, at);
  return added ? nullptr : &it->second;
}

std::string duplicate_key_message(const std::string& key, const MappingKeys::Seen& first) {
  return fmt::format(
      "key \"{}\" is given twice in this mapping (first at line {}, column {}); kubectl takes "
      "this later value, and so does this tool; remove one of them",
      escape_control(key.size() > 80 ? key.substr(0, 80) + "..." : key), first.line, first.col);
}

}  // namespace im
