#include "lint/object_index.h"

#include <algorithm>

#include "util/text.h"

namespace im {

namespace {

uint32_t last_line_of(const Node& n) {
  uint32_t last = n.line;
  for (const Node& item : n.items) last = std::max(last, last_line_of(item));
  for (const auto& [k, v] : n.entries) last = std::max({last, k.line, last_line_of(v)});
  return last;
}

std::string scalar_at(const Node& n, std::string_view key) {
  const Node* v = n.get(key);
  return v && v->is_scalar() ? v->value : "";
}

}  // namespace

std::string ObjectSpan::label() const {
  std::string who = ns.empty() ? name : ns + "/" + name;
  std::string what = kind.empty() ? "object" : kind;
  return who.empty() ? what : what + " " + who;
}

bool ObjectSpan::contains(const Location& where) const {
  if (!where.origin || !location.origin || *where.origin != *location.origin) return false;
  return where.line >= location.line && where.line <= last_line;
}

void ObjectIndex::add(const Document& doc) {
  if (!doc.root.is_mapping()) return;
  const Node* items = doc.root.get("items");
  if (scalar_at(doc.root, "kind") == "List" && items && items->is_sequence()) {
    std::vector<ObjectSpan> spans;
    for (const Node& item : items->items) {
      if (item.is_mapping()) spans.push_back(span_of(doc, item));
    }
    std::lock_guard<std::mutex> lock(mutex_);
    for (ObjectSpan& span : spans) objects_.push_back(std::move(span));
    return;
  }
  ObjectSpan span = span_of(doc, doc.root);
  std::lock_guard<std::mutex> lock(mutex_);
  objects_.push_back(std::move(span));
}

ObjectSpan ObjectIndex::span_of(const Document& doc, const Node& obj) {
  ObjectSpan span;
  span.api_version = scalar_at(obj, "apiVersion");
  span.kind = scalar_at(obj, "kind");
  span.location = doc.at(obj);
  const Node* av = obj.get("apiVersion");
  span.api_version_location = av ? doc.at(*av) : span.location;
  span.last_line = last_line_of(obj);
  if (const Node* meta = obj.get("metadata"); meta && meta->is_mapping()) {
    span.name = scalar_at(*meta, "name");
    span.ns = scalar_at(*meta, "namespace");
    const Node* annotations = meta->get("annotations");
    const Node* ignore = annotations ? annotations->get(kIgnoreAnnotation) : nullptr;
    if (ignore && ignore->is_scalar()) {
      span.ignore_location = doc.at(*ignore);
      for (const auto& id : split(ignore->value, ',')) {
        std::string t = trim(id);
        if (!t.empty()) span.ignored.push_back(t);
      }
    }
  }
  return span;
}

namespace {

void sort_by_location(std::vector<ObjectSpan>& spans) {
  std::stable_sort(spans.begin(), spans.end(),
                   [](const ObjectSpan& a, const ObjectSpan& b) { return a.location < b.location; });
}

}  // namespace

std::vector<ObjectSpan> ObjectIndex::sorted() const {
  std::vector<ObjectSpan> out = objects_;
  sort_by_location(out);
  return out;
}

std::vector<ObjectSpan> ObjectIndex::take_sorted() {
  std::vector<ObjectSpan> out = std::move(objects_);
  objects_.clear();
  sort_by_location(out);
  return out;
}

}  // namespace im
