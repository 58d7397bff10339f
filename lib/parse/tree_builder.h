#pragma once
// Builds one document's Node tree from parse events (YAML or JSON) and
// enforces the limits that depend on the tree's shape: nesting depth,
// scalar length and alias expansion.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "parse/document.h"
#include "parse/mapping_keys.h"
#include "parse/node.h"

namespace im {

/// yaml-cpp 0.7 refuses (DepthGuard<500>) a node inside 499 collections, so
/// deeper documents cannot be read whatever --max-depth says.
constexpr size_t kMaxSupportedDepth = 498;

/// Abandons the document being read. Thrown from inside yaml-cpp's callbacks
/// too, because an exception is the only way to stop its parser early; it
/// never leaves the parse layer: read_documents turns it into a finding.
class DocumentError : public std::runtime_error {
 public:
  DocumentError(uint32_t line, uint32_t col, const std::string& message, const char* id)
      : std::runtime_error(message), line(line), col(col), id(id) {}
  uint32_t line;   ///< 1-based, in the whole stream
  uint32_t col;    ///< 1-based
  const char* id;  ///< "parse-error" or "limit-exceeded"
};

/// A fault of the input that does not stop the document: both builders
/// collect them in the same order, read_documents reports them as errors.
struct ParseNote {
  uint32_t line;
  uint32_t col;
  std::string message;
  const char* id;
};

/// The limit errors both builders throw, with the same words and ids.
[[noreturn]] void throw_too_deep(const ParseLimits& limits, uint32_t line, uint32_t col);
[[noreturn]] void throw_scalar_too_long(const ParseLimits& limits, uint32_t line, uint32_t col);
[[noreturn]] void throw_too_many_alias_nodes(const ParseLimits& limits, uint32_t line, uint32_t col);
[[noreturn]] void throw_alias_inside_anchor(uint32_t line, uint32_t col);

/// Adds `more` to a document's node count `nodes`, throwing the
/// --max-nodes error at line:col once past the limit.
void count_nodes(const ParseLimits& limits, size_t& nodes, size_t more, uint32_t line,
                 uint32_t col);

/// A scalar node, after checking its length against the limit.
Node scalar_node(const ParseLimits& limits, uint32_t line, uint32_t col, std::string&& value,
                 bool plain);
/// A plain null node.
Node null_node(uint32_t line, uint32_t col);

/// Anchors as the parser numbers them (yaml-cpp: 1, 2, ...); 0 means none.
using AnchorId = size_t;

/// Receives one document's events in order and assembles its tree.
class TreeBuilder {
 public:
  explicit TreeBuilder(const ParseLimits& limits);

  /// A scalar; `plain` for an unquoted YAML scalar or a bare JSON literal.
  void scalar(uint32_t line, uint32_t col, std::string&& value, bool plain, AnchorId anchor);
  /// A plain null ("~", "null", an empty value, JSON null).
  void null(uint32_t line, uint32_t col, AnchorId anchor);
  /// Opens a Sequence or Mapping; mapping children alternate key, value.
  void start(Node::Type type, uint32_t line, uint32_t col, AnchorId anchor);
  /// Closes the innermost open collection.
  void end();
  /// A copy of the node that carried `anchor`, at the alias's position.
  void alias(uint32_t line, uint32_t col, AnchorId anchor);

  /// Whether a whole root node has been built.
  bool done() const { return done_; }
  /// The root; call once, after done().
  Node take() { return std::move(root_); }
  /// What was found along the way (a key given twice), in input order.
  std::vector<ParseNote> take_notes() { return std::move(notes_); }

 private:
  struct Frame {
    Node node;
    uint32_t slot = 0;  ///< where the node will sit in its parent (see slot_in_top)
    AnchorId anchor = 0;
    bool has_key = false;
    Node key;  ///< a mapping key waiting for its value
    MappingKeys keys;
    /// Where the waiting key's value goes when the key was given before:
    /// the earlier entry's index (kubectl keeps the later value); else npos.
    size_t replace_at = SIZE_MAX;
    bool has_merge_key = false;  ///< a plain "<<" key (YAML merge) was given
  };

  uint32_t slot_in_top() const;
  void merge_keys(Node& mapping);
  void add(Node&& node, AnchorId anchor);
  const Node* find_anchored(AnchorId anchor) const;
  const ParseLimits& limits_;
  size_t max_depth_;
  size_t alias_budget_;
  size_t nodes_ = 0;
  std::vector<Frame> frames_;
  Node root_;
  bool done_ = false;
  std::vector<ParseNote> notes_;
  // An anchored node is found again through its path of slots from the
  // root rather than copied when it is defined: anchors cost nothing until
  // an alias uses them, and slots stay valid as the tree grows.
  std::unordered_map<AnchorId, std::vector<uint32_t>> anchors_;
};

}  // namespace im
