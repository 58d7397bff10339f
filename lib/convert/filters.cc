#include "convert/filters.h"

namespace im {

using json = nlohmann::ordered_json;

json rewrite_full_path(const std::string& path) {
  return json{{"type", "URLRewrite"},
              {"urlRewrite", {{"path", {{"type", "ReplaceFullPath"}, {"replaceFullPath", path}}}}}};
}

json rewrite_prefix(const std::string& prefix) {
  return json{
      {"type", "URLRewrite"},
      {"urlRewrite", {{"path", {{"type", "ReplacePrefixMatch"}, {"replacePrefixMatch", prefix}}}}}};
}

json redirect_to_https(int status_code) {
  return json{{"type", "RequestRedirect"},
              {"requestRedirect", {{"scheme", "https"}, {"statusCode", status_code}}}};
}

}  // namespace im
