#pragma once
// The scalar keys one mapping has had so far, to find a key given twice.
// kubectl reads YAML and JSON with Go's decoders, where a repeated key
// overwrites the earlier value; so does the tool, and it says so.

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace im {

class MappingKeys {
 public:
  struct Seen {
    size_t index;  ///< the entry that holds the key
    uint32_t line;
    uint32_t col;
  };

  /// Records `key`, at entry `index` and line:col. Returns the earlier
  /// record of the same key, or nullptr the first time.
  const Seen* add(const std::string& key, Seen at);

 private:
  // Most mappings have a handful of keys: a short list, then a hash map.
  static constexpr size_t kListed = 8;
  std::vector<std::pair<std::string, Seen>> few_;
  std::unordered_map<std::string, Seen> many_;
};

/// The error for a key given twice, at the second: the words both
/// builders use.
std::string duplicate_key_message(const std::string& key, const MappingKeys::Seen& first);

}  // namespace im
