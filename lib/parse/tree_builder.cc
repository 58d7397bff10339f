#include "parse/tree_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

namespace im {

namespace {

constexpr const char* kLimit = "limit-exceeded";

// Counts the nodes of `n` into *count (stopping early once past `budget`)
// and returns how many collections deep it goes. Recursion is safe: every
// tree was built under the depth limit.
size_t measure(const Node& n, size_t budget, size_t* count) {
  ++*count;
  size_t height = 0;
  if (n.type == Node::Type::Sequence) {
    for (const Node& item : n.items) {
      if (*count > budget) break;
      height = std::max(height, measure(item, budget, count));
    }
    return height + 1;
  }
  if (n.type == Node::Type::Mapping) {
    for (const auto& [key, value] : n.entries) {
      if (*count > budget) break;
      height = std::max(height, measure(key, budget, count));
      height = std::max(height, measure(value, budget, count));
    }
    return height + 1;
  }
  return 0;
}

// The completed child at `slot` (see TreeBuilder::Frame::slot).
const Node* child_at(const Node& n, uint32_t slot) {
  if (n.type == Node::Type::Sequence) return slot < n.items.size() ? &n.items[slot] : nullptr;
  if (n.type != Node::Type::Mapping || slot / 2 >= n.entries.size()) return nullptr;
  const auto& entry = n.entries[slot / 2];
  return slot % 2 == 0 ? &entry.first : &entry.second;
}

}  // namespace

void throw_too_deep(const ParseLimits& limits, uint32_t line, uint32_t col) {
  if (limits.max_depth > kMaxSupportedDepth) {
    throw DocumentError(
        line, col,
        fmt::format("document nests deeper than {} levels, the most this tool supports",
                    kMaxSupportedDepth),
        kLimit);
  }
  throw DocumentError(
      line, col,
      fmt::format("document nests deeper than {} levels (--max-depth)", limits.max_depth), kLimit);
}

void throw_scalar_too_long(const ParseLimits& limits, uint32_t line, uint32_t col) {
  throw DocumentError(
      line, col,
      fmt::format("scalar is longer than {} bytes (--max-scalar-bytes)", limits.max_scalar_bytes),
      kLimit);
}

void throw_too_many_alias_nodes(const ParseLimits& limits, uint32_t line, uint32_t col) {
  throw DocumentError(
      line, col,
      fmt::format("document expands aliases into more than {} nodes (--max-alias-nodes)",
                  limits.max_alias_nodes),
      kLimit);
}

void throw_alias_inside_anchor(uint32_t line, uint32_t col) {
  throw DocumentError(line, col, "alias refers to a node that contains it", "parse-error");
}

void count_nodes(const ParseLimits& limits, size_t& nodes, size_t more, uint32_t line,
                 uint32_t col) {
  nodes += more;
  if (nodes > limits.max_nodes) {
    throw DocumentError(
        line, col,
        fmt::format("document has more than {} nodes (--max-nodes)", limits.max_nodes), kLimit);
  }
}

TreeBuilder::TreeBuilder(const ParseLimits& limits)
    : limits_(limits),
      max_depth_(std::min(limits.max_depth, kMaxSupportedDepth)),
      alias_budget_(limits.max_alias_nodes) {}

Node scalar_node(const ParseLimits& limits, uint32_t line, uint32_t col, std::string&& value,
                 bool plain) {
  if (value.size() > limits.max_scalar_bytes) throw_scalar_too_long(limits, line, col);
  Node n;
  n.type = Node::Type::Scalar;
  n.plain = plain;
  n.line = line;
  n.col = col;
  n.value = std::move(value);
  return n;
}

Node null_node(uint32_t line, uint32_t col) {
  Node n;
  n.plain = true;  // both parsers report only unquoted, untagged nulls here
  n.line = line;
  n.col = col;
  return n;
}

void TreeBuilder::scalar(uint32_t line, uint32_t col, std::string&& value, bool plain,
                         AnchorId anchor) {
  count_nodes(limits_, nodes_, 1, line, col);
  add(scalar_node(limits_, line, col, std::move(value), plain), anchor);
}

void TreeBuilder::null(uint32_t line, uint32_t col, AnchorId anchor) {
  count_nodes(limits_, nodes_, 1, line, col);
  add(null_node(line, col), anchor);
}

void TreeBuilder::start(Node::Type type, uint32_t line, uint32_t col, AnchorId anchor) {
  if (frames_.size() + 1 > max_depth_) throw_too_deep(limits_, line, col);
  count_nodes(limits_, nodes_, 1, line, col);
  Frame f;
  f.slot = slot_in_top();
  f.anchor = anchor;
  f.node.type = type;
  f.node.line = line;
  f.node.col = col;
  frames_.push_back(std::move(f));
}

void TreeBuilder::end() {
  Frame f = std::move(frames_.back());
  frames_.pop_back();
  if (f.has_merge_key) merge_keys(f.node);
  add(std::move(f.node), f.anchor);
}

// YAML merge keys (yaml.org/type/merge.html), which kubectl's YAML reader
// (go-yaml) applies: `<<: *base` or `<<: [*a, *b]` adds the entries of
// those mappings whose keys the mapping does not give itself; of several
// mappings, the earlier wins. The "<<" entries go; merged ones follow the
// mapping's own. A "<<" whose value is not a mapping (or a list of them)
// is an error and left out.
void TreeBuilder::merge_keys(Node& mapping) {
  auto is_merge = [](const Node& k) { return k.is_scalar() && k.plain && k.value == "<<"; };
  std::unordered_set<std::string> have;
  std::vector<std::pair<Node, Node>> own, merges;
  for (auto& entry : mapping.entries) {
    if (is_merge(entry.first)) {
      merges.push_back(std::move(entry));
      continue;
    }
    if (entry.first.is_scalar()) have.insert(entry.first.value);
    own.push_back(std::move(entry));
  }
  for (auto& [key, value] : merges) {
    std::vector<const Node*> sources;
    if (value.is_mapping()) sources.push_back(&value);
    if (value.type == Node::Type::Sequence) {
      for (const Node& item : value.items) sources.push_back(&item);
    }
    const bool valid = !sources.empty() && std::all_of(sources.begin(), sources.end(),
                                                       [](const Node* n) { return n->is_mapping(); });
    if (!valid) {
      notes_.push_back({value.line, value.col,
                        "the value of a merge key (<<) must be a mapping or a list of mappings; "
                        "left out",
                        "parse-error"});
      continue;
    }
    for (const Node* src : sources) {
      for (const auto& [k, v] : src->entries) {
        if (!k.is_scalar() || have.insert(k.value).second) own.emplace_back(k, v);
      }
    }
  }
  mapping.entries = std::move(own);
}

void TreeBuilder::alias(uint32_t line, uint32_t col, AnchorId anchor) {
  const Node* target = find_anchored(anchor);
  if (target == nullptr) throw_alias_inside_anchor(line, col);
  size_t count = 0;
  const size_t height = measure(*target, alias_budget_, &count);
  if (count > alias_budget_) throw_too_many_alias_nodes(limits_, line, col);
  if (frames_.size() + height > max_depth_) throw_too_deep(limits_, line, col);
  count_nodes(limits_, nodes_, count, line, col);
  alias_budget_ -= count;
  // The copy's root sits where the alias is, so findings about the value
  // point at its use; its inner nodes keep the anchor's positions, which is
  // where their text is.
  Node copy = *target;
  copy.line = line;
  copy.col = col;
  add(std::move(copy), 0);
}

uint32_t TreeBuilder::slot_in_top() const {
  if (frames_.empty()) return 0;
  const Frame& top = frames_.back();
  if (top.node.type == Node::Type::Sequence) return static_cast<uint32_t>(top.node.items.size());
  if (top.has_key && top.replace_at != SIZE_MAX) return static_cast<uint32_t>(top.replace_at * 2 + 1);
  return static_cast<uint32_t>(top.node.entries.size() * 2 + (top.has_key ? 1 : 0));
}

void TreeBuilder::add(Node&& node, AnchorId anchor) {
  if (anchor != 0) {
    std::vector<uint32_t> path;
    for (size_t i = 1; i < frames_.size(); ++i) path.push_back(frames_[i].slot);
    if (!frames_.empty()) path.push_back(slot_in_top());
    anchors_[anchor] = std::move(path);
  }
  if (frames_.empty()) {
    root_ = std::move(node);
    done_ = true;
    return;
  }
  Frame& top = frames_.back();
  if (top.node.type == Node::Type::Sequence) {
    top.node.items.push_back(std::move(node));
  } else if (!top.has_key) {
    if (node.is_scalar() && node.plain && node.value == "<<") top.has_merge_key = true;
    if (node.is_scalar()) {
      const MappingKeys::Seen at{top.node.entries.size(), node.line, node.col};
      if (const MappingKeys::Seen* first = top.keys.add(node.value, at)) {
        notes_.push_back({node.line, node.col, duplicate_key_message(node.value, *first),
                          "duplicate-key"});
        top.replace_at = first->index;
      }
    }
    top.key = std::move(node);
    top.has_key = true;
  } else if (top.replace_at != SIZE_MAX) {
    // The later key and value take the earlier entry's place.
    top.node.entries[top.replace_at] = {std::move(top.key), std::move(node)};
    top.replace_at = SIZE_MAX;
    top.has_key = false;
  } else {
    top.node.entries.emplace_back(std::move(top.key), std::move(node));
    top.has_key = false;
  }
}

// Follows an anchor's slot path from the root. While the path runs through
// collections that are still open it reads the frame stack (frames_[i + 1]
// is the open child of frames_[i]); once it leaves them, the tree itself.
const Node* TreeBuilder::find_anchored(AnchorId anchor) const {
  auto it = anchors_.find(anchor);
  if (it == anchors_.end() || frames_.empty() || it->second.empty()) return nullptr;
  const std::vector<uint32_t>& path = it->second;
  const Node* cur = &frames_[0].node;
  bool open = true;
  for (size_t i = 0; i < path.size() && cur != nullptr; ++i) {
    const uint32_t slot = path[i];
    if (open) {
      if (i + 1 < frames_.size() && frames_[i + 1].slot == slot) {
        if (i + 1 == path.size()) return nullptr;  // the alias is inside its anchor
        cur = &frames_[i + 1].node;
        continue;
      }
      open = false;
      const Frame& f = frames_[i];
      if (f.node.type == Node::Type::Mapping && f.has_key && slot == f.node.entries.size() * 2) {
        cur = &f.key;
        continue;
      }
    }
    cur = child_at(*cur, slot);
  }
  return cur;
}

}  // namespace im
