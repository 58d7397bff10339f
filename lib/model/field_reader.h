#pragma once
// Typed access to fields of a parsed object that reports wrong types as
// positioned findings instead of throwing.

#include <optional>
#include <string>
#include <string_view>

#include "diag/finding.h"
#include "parse/document.h"

namespace im {

class FieldReader {
 public:
  FieldReader(const Document& doc, Findings& findings) : doc_(doc), findings_(findings) {}

  Location at(const Node& n) const { return doc_.at(n); }

  /// The child `key` if it is a mapping; a finding if it exists but is not.
  const Node* mapping(const Node& parent, std::string_view key, std::string_view path);
  /// The child `key` if it is a sequence; a finding if it exists but is not.
  const Node* sequence(const Node& parent, std::string_view key, std::string_view path);
  /// The child `key` as a string (any scalar); a finding for collections.
  std::optional<std::string> string(const Node& parent, std::string_view key,
                                    std::string_view path);
  /// The child `key` as an integer (a plain integer scalar); a finding otherwise.
  std::optional<long long> integer(const Node& parent, std::string_view key,
                                   std::string_view path);

  void wrong_type(const Node& n, std::string_view path, std::string_view expected);

  Findings& findings() { return findings_; }
  const Document& doc() const { return doc_; }

 private:
  const Document& doc_;
  Findings& findings_;
};

}  // namespace im
