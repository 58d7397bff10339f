// CEL rules of the Gateway CRD (gateway_types.go): listener combinations,
// addresses, infrastructure labels/annotations and frontend TLS.

#include <re2/re2.h>

#include "validate/cel_rules.h"
#include "validate/cel_support.h"

namespace im::validate {
namespace {

using namespace cel;  // NOLINT(google-build-using-namespace): the rules read like CEL

bool one_of(const Value& self, std::string_view key,
            std::initializer_list<std::string_view> values) {
  const std::string* s = str(self, key);
  if (!s) return false;
  for (std::string_view v : values) {
    if (*s == v) return true;
  }
  return false;
}

// self.all(a1, a1.type == T && has(a1.value) ? self.exists_one(a2, a2.type == a1.type &&
//          has(a2.value) && a2.value == a1.value) : true)
bool address_values_unique(const Value& self, std::string_view type) {
  return all(self, [&](const Value& a1) {
    if (!(str_eq(a1, "type", type) && has(a1, "value"))) return true;
    return exists_one(self, [&](const Value& a2) {
      return same(a2, a1, "type") && has(a2, "value") && same(a2, a1, "value");
    });
  });
}

const RE2& hostname_re() {
  static const RE2 re(
      R"(^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)");
  return re;
}

const RE2& metadata_key_re() {
  static const RE2 re(
      R"(^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$)");
  return re;
}

// self.all(key, key.matches(...)) over the keys of a map.
bool keys_well_formed(const Value& self) {
  if (!self.json().is_object()) return true;
  for (const auto& [key, value] : self.json().items()) {
    if (!RE2::PartialMatch(key, metadata_key_re())) return false;
  }
  return true;
}

// self.all(key, key.split("/")[0].size() < 253)
bool key_prefixes_short(const Value& self) {
  if (!self.json().is_object()) return true;
  for (const auto& [key, value] : self.json().items()) {
    std::string_view k = key;
    if (code_points(k.substr(0, k.find('/'))) >= 253) return false;
  }
  return true;
}

bool tls_not_for_plain_protocols(const Value& self) {
  return all(self, [](const Value& l) {
    return one_of(l, "protocol", {"HTTP", "TCP", "UDP"}) ? !has(l, "tls") : true;
  });
}

bool https_tls_terminates(const Value& self) {
  return all(self, [](const Value& l) {
    const Value tls = l["tls"];
    if (!(str_eq(l, "protocol", "HTTPS") && tls)) return true;
    const std::string* mode = str(tls, "mode");
    return !mode || mode->empty() || *mode == "Terminate";
  });
}

bool tls_protocol_has_mode(const Value& self) {
  return all(self, [](const Value& l) {
    if (!str_eq(l, "protocol", "TLS")) return true;
    const Value tls = l["tls"];
    return tls && has(tls, "mode") && !str_eq(tls, "mode", "");
  });
}

bool no_hostname_for_l4(const Value& self) {
  return all(self, [](const Value& l) {
    return one_of(l, "protocol", {"TCP", "UDP"}) ? unset_or_empty(l, "hostname") : true;
  });
}

// self.all(l1, !has(l1.name) || self.exists_one(l2, l1.name == l2.name))
bool listener_names_unique(const Value& self) {
  return keys_unique(self, [](const Value& l, std::string& key) {
    append_key_part(key, l["name"]);
    return has(l, "name");
  });
}

// self.all(l1, !has(l1.port) || !has(l1.protocol) || self.exists_one(l2,
//   l1.port == l2.port && l1.protocol == l2.protocol && (has(l1.hostname) &&
//   has(l2.hostname) ? l1.hostname == l2.hostname : !has(l1.hostname) && !has(l2.hostname))))
bool listener_endpoints_unique(const Value& self) {
  return keys_unique(self, [](const Value& l, std::string& key) {
    if (!has(l, "port") || !has(l, "protocol")) return false;
    append_key_part(key, l["port"]);
    append_key_part(key, l["protocol"]);
    append_key_part(key, l["hostname"]);
    return true;
  });
}

// self.mode == 'Terminate' ? size(self.certificateRefs) > 0 || size(self.options) > 0 : true
bool terminate_has_certificates(const Value& self) {
  if (!str_eq(self, "mode", "Terminate")) return true;
  return self["certificateRefs"].size() > 0 || self["options"].size() > 0;
}

// self.all(t1, !has(t1.port) || self.exists_one(t2, t1.port == t2.port))
bool per_port_unique(const Value& self) {
  return keys_unique(self, [](const Value& t, std::string& key) {
    append_key_part(key, t["port"]);
    return has(t, "port");
  });
}

}  // namespace

void add_gateway_cel_rules(std::vector<CelRule>& out) {
  out.push_back({"IPAddress values must be unique",
                 [](const Value& self) { return address_values_unique(self, "IPAddress"); }});
  out.push_back({"Hostname values must be unique",
                 [](const Value& self) { return address_values_unique(self, "Hostname"); }});
  out.push_back(
      {"Hostname value must be empty or contain only valid characters (matching "
       R"(^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$))",
       [](const Value& self) {
         if (!str_eq(self, "type", "Hostname")) return true;
         const std::string* value = str(self, "value");
         return !value || RE2::PartialMatch(*value, hostname_re());
       }});
  out.push_back(
      {"Annotation keys must be in the form of an optional DNS subdomain prefix "
       "followed by a required name segment of up to 63 characters.",
       keys_well_formed});
  out.push_back(
      {"If specified, the annotation key's prefix must be a DNS subdomain not longer "
       "than 253 characters in total.",
       key_prefixes_short});
  out.push_back(
      {"Label keys must be in the form of an optional DNS subdomain prefix followed by "
       "a required name segment of up to 63 characters.",
       keys_well_formed});
  out.push_back(
      {"If specified, the label key's prefix must be a DNS subdomain not longer than "
       "253 characters in total.",
       key_prefixes_short});
  out.push_back({"tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']",
                 tls_not_for_plain_protocols});
  out.push_back({"tls mode must be Terminate for protocol HTTPS", https_tls_terminates});
  out.push_back({"tls mode must be set for protocol TLS", tls_protocol_has_mode});
  out.push_back(
      {"hostname must not be specified for protocols ['TCP', 'UDP']", no_hostname_for_l4});
  out.push_back({"Listener name must be unique within the Gateway", listener_names_unique});
  out.push_back({"Combination of port, protocol and hostname must be unique for each listener",
                 listener_endpoints_unique});
  out.push_back({"certificateRefs or options must be specified when mode is Terminate",
                 terminate_has_certificates});
  out.push_back({"Port for TLS configuration must be unique within the Gateway", per_port_unique});
}

}  // namespace im::validate
