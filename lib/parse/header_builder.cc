#include "parse/header_builder.h"

#include <algorithm>

namespace im {

HeaderBuilder::HeaderBuilder(const ParseLimits& limits)
    : limits_(limits),
      max_depth_(std::min(limits.max_depth, kMaxSupportedDepth)),
      alias_budget_(limits.max_alias_nodes) {}

void HeaderBuilder::scalar(uint32_t line, uint32_t col, std::string&& value, bool plain,
                           AnchorId anchor) {
  count_nodes(limits_, nodes_, 1, line, col);
  Node node = scalar_node(limits_, line, col, std::move(value), plain);
  Size size;
  size.scalar = true;
  // Only a mapping key or an anchored scalar needs its text kept.
  const bool key = !frames_.empty() && frames_.back().mapping && frames_.back().children % 2 == 0;
  if (key || anchor != 0) size.value = node.value;
  // A merge key (<<) may bring apiVersion or kind, or be in error: only
  // the tree knows, so the document is read whole.
  if (key && plain && node.value == "<<") exact_ = false;
  count_child(size, line, col);
  add(std::move(node), std::move(size), anchor);
}

void HeaderBuilder::null(uint32_t line, uint32_t col, AnchorId anchor) {
  count_nodes(limits_, nodes_, 1, line, col);
  count_child(Size{}, line, col);
  add(null_node(line, col), Size{}, anchor);
}

void HeaderBuilder::start(Node::Type type, uint32_t line, uint32_t col, AnchorId anchor) {
  if (frames_.size() + 1 > max_depth_) throw_too_deep(limits_, line, col);
  count_nodes(limits_, nodes_, 1, line, col);
  count_child(Size{}, line, col);
  if (frames_.empty()) {
    root_.type = type;
    root_.line = line;
    root_.col = col;
    if (type != Node::Type::Mapping) exact_ = false;
  } else if (frames_.size() == 1 && keep_value_ && root_children_ % 2 == 1) {
    // A collection where a string belongs: keep its type and position for
    // the "must be a string, found a mapping" finding, not its content.
    Node empty;
    empty.type = type;
    empty.line = line;
    empty.col = col;
    root_.entries.back().second = std::move(empty);
  }
  Frame f;
  f.anchor = anchor;
  f.mapping = type == Node::Type::Mapping;
  frames_.push_back(std::move(f));
}

void HeaderBuilder::end() {
  Size size = frames_.back().size;
  const AnchorId anchor = frames_.back().anchor;
  frames_.pop_back();
  size.height += 1;
  // The collection is already in place (root_ or an empty placeholder).
  add(Node{}, std::move(size), anchor);
}

void HeaderBuilder::alias(uint32_t line, uint32_t col, AnchorId anchor) {
  auto it = anchors_.find(anchor);
  // Anchors are recorded when their node ends, so one still open (the
  // alias is inside it) is not found, as in TreeBuilder.
  if (it == anchors_.end() || frames_.empty()) throw_alias_inside_anchor(line, col);
  const Size size = it->second;
  if (size.nodes > alias_budget_) throw_too_many_alias_nodes(limits_, line, col);
  if (frames_.size() + size.height > max_depth_) throw_too_deep(limits_, line, col);
  count_nodes(limits_, nodes_, size.nodes, line, col);
  alias_budget_ -= size.nodes;
  count_child(size, line, col);
  if (frames_.size() == 1) exact_ = false;  // a root key or value that is an alias
  Frame& top = frames_.back();
  top.size.nodes += size.nodes;
  top.size.height = std::max(top.size.height, size.height);
  if (frames_.size() == 1) ++root_children_;
}

void HeaderBuilder::count_child(const Size& size, uint32_t line, uint32_t col) {
  if (frames_.empty() || !frames_.back().mapping) return;
  Frame& top = frames_.back();
  const size_t index = top.children++ / 2;
  if (index * 2 + 1 != top.children || !size.scalar) return;  // not a key, or not a scalar
  if (const MappingKeys::Seen* first = top.keys.add(size.value, {index, line, col})) {
    notes_.push_back({line, col, duplicate_key_message(size.value, *first), "duplicate-key"});
  }
}

void HeaderBuilder::add(Node&& node, Size size, AnchorId anchor) {
  if (anchor != 0) anchors_[anchor] = size;
  if (frames_.empty()) {
    if (root_.type != Node::Type::Mapping && root_.type != Node::Type::Sequence) {
      root_ = std::move(node);  // a scalar or null document
    }
    done_ = true;
    return;
  }
  Frame& top = frames_.back();
  top.size.nodes += size.nodes;
  top.size.height = std::max(top.size.height, size.height);
  if (frames_.size() != 1) return;
  // A child of the root mapping: keys and values alternate.
  const bool is_key = root_children_++ % 2 == 0;
  if (is_key) {
    keep_value_ = node.is_scalar() && (node.value == "apiVersion" || node.value == "kind");
    if (keep_value_) {
      // Given twice: the later one counts, as in TreeBuilder.
      auto& e = root_.entries;
      e.erase(std::remove_if(e.begin(), e.end(),
                             [&](const auto& kv) { return kv.first.value == node.value; }),
              e.end());
      e.emplace_back(std::move(node), Node{});
    }
  } else if (keep_value_ && size.height == 0) {
    root_.entries.back().second = std::move(node);
  }
}

}  // namespace im
