#pragma once
// Reads only what identifies a document, its top-level apiVersion and kind,
// from the same parse events TreeBuilder takes, and drops the rest after
// counting it. Documents of kinds the tool does not convert (most of a
// rendered Helm chart: Deployments, ConfigMaps, ...) then cost a parse but
// no tree. The limits are enforced exactly as TreeBuilder enforces them,
// with the same errors at the same positions, so skipping the tree never
// changes what the user sees.

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "parse/document.h"
#include "parse/node.h"
#include "parse/tree_builder.h"

namespace im {

class HeaderBuilder {
 public:
  explicit HeaderBuilder(const ParseLimits& limits);

  void scalar(uint32_t line, uint32_t col, std::string&& value, bool plain, AnchorId anchor);
  void null(uint32_t line, uint32_t col, AnchorId anchor);
  void start(Node::Type type, uint32_t line, uint32_t col, AnchorId anchor);
  void end();
  void alias(uint32_t line, uint32_t col, AnchorId anchor);

  bool done() const { return done_; }
  /// Whether take() stands in for the whole tree as far as apiVersion and
  /// kind go: false when the root is not a mapping or one of them is an alias.
  bool exact() const { return exact_; }
  /// The root mapping with only its apiVersion and kind entries (a
  /// collection value kept as an empty one of its type, at its position).
  Node take() { return std::move(root_); }
  /// The same notes TreeBuilder::take_notes gives for the document.
  std::vector<ParseNote> take_notes() { return std::move(notes_); }

 private:
  // What TreeBuilder would hold for a node: its node count (alias copies
  // included) and how many collections deep it goes.
  struct Size {
    size_t nodes = 1;
    size_t height = 0;
    bool scalar = false;  ///< a scalar node, whose text is `value`
    std::string value;
  };
  struct Frame {
    Size size;  ///< of the children so far, plus the collection itself
    AnchorId anchor = 0;
    bool mapping = false;
    size_t children = 0;  ///< keys and values so far, for a mapping
    MappingKeys keys;
  };

  void add(Node&& node, Size size, AnchorId anchor);
  /// Counts a child of the innermost mapping; a scalar key is checked
  /// against the earlier ones, as TreeBuilder does.
  void count_child(const Size& size, uint32_t line, uint32_t col);

  const ParseLimits& limits_;
  size_t max_depth_;
  size_t alias_budget_;
  size_t nodes_ = 0;
  std::vector<Frame> frames_;
  std::unordered_map<AnchorId, Size> anchors_;
  Node root_;
  size_t root_children_ = 0;  ///< keys and values added to the root mapping
  bool keep_value_ = false;   ///< the last root key was apiVersion or kind
  bool done_ = false;
  bool exact_ = true;
  std::vector<ParseNote> notes_;
};

}  // namespace im
