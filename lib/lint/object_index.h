#pragma once
// Every object of the input with where it starts and ends, collected from
// the parsed documents. Lint reports per object (JUnit testcases, inline
// suppression, apiVersion checks) and needs objects of every kind, not
// only the ones the converter models.

#include <mutex>
#include <string>
#include <vector>

#include "diag/location.h"
#include "parse/document.h"

namespace im {

/// The annotation that suppresses findings on one object.
inline constexpr const char* kIgnoreAnnotation = "ingress-migrate.io/ignore";

struct ObjectSpan {
  std::string api_version;
  std::string kind;
  std::string name;
  std::string ns;
  Location location;              ///< first line of the object
  Location api_version_location;  ///< of the apiVersion value (or the object)
  uint32_t last_line = 0;         ///< last line any of its nodes is on
  std::vector<std::string> ignored;  ///< ids from kIgnoreAnnotation
  Location ignore_location;          ///< of the annotation's value

  /// "Kind ns/name", "Kind name" or "Kind" for an unnamed object.
  std::string label() const;
  /// Whether `where` lies inside this object.
  bool contains(const Location& where) const;
};

class ObjectIndex {
 public:
  /// Adds the object(s) of one document; the items of a `kind: List` are
  /// objects of their own. Documents that are not mappings add nothing.
  /// Safe to call from several threads at once (documents parsed in
  /// parallel): the order of adds does not matter, sorted() orders them.
  void add(const Document& doc);
  /// Sorted by location, as findings are.
  std::vector<ObjectSpan> sorted() const;
  /// sorted(), moved out: the index is empty afterwards. A million objects
  /// cost their spans once, not twice.
  std::vector<ObjectSpan> take_sorted();
  const std::vector<ObjectSpan>& objects() const { return objects_; }

 private:
  static ObjectSpan span_of(const Document& doc, const Node& obj);
  std::mutex mutex_;  ///< guards objects_ while documents are added
  std::vector<ObjectSpan> objects_;
};

}  // namespace im
