#pragma once
// Data files from rules/ compiled into the binary (see cmake/embed.cmake).

#include <string_view>
#include <vector>

namespace im {

struct EmbeddedFile {
  std::string_view path;  ///< relative to the source root, e.g. "rules/ingress-nginx/core.yaml"
  std::string_view content;
};

/// Every embedded file, sorted by path.
const std::vector<EmbeddedFile>& embedded_files();

}  // namespace im
