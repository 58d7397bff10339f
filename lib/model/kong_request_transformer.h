#pragma once
// Kong's request-transformer plugin, read once for the conversion and for
// verify's Kong model, so both agree on what it does. From Kong/kong
// kong/plugins/request-transformer/access.lua transform_headers: the
// client's headers are changed in the order remove, rename, replace, add,
// append; an entry is "name:value" (iter: the name up to the first ":",
// the value after the colons); a value with $(...) is a template rendered
// per request. replace changes a header only when the client sent it, except
// host, which it always sets (the upstream Host); add sets one only when the
// client did not send it (never host); append adds a value to the header.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/kong_plugin.h"

namespace im {

struct KongRequestTransformer {
  std::vector<std::string> remove;                          ///< remove.headers
  std::vector<std::pair<std::string, std::string>> add;     ///< add.headers, when absent
  std::vector<std::pair<std::string, std::string>> append;  ///< append.headers
  std::optional<std::string> host;                          ///< replace.headers host:VALUE
  /// What it also does that the model does not follow, each as "what: why"
  /// (rename, replace of other headers, query string, body, uri, method,
  /// templates, entries it cannot read).
  std::vector<std::string> unmodelled;
};

/// The plugin's header changes; `p.plugin` must be "request-transformer".
KongRequestTransformer read_kong_request_transformer(const KongPlugin& p);

}  // namespace im
