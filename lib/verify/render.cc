#include "verify/render.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/text.h"

#include <nlohmann/json.hpp>

namespace im::verify {

std::string summary_line(const VerifyResult& r) {
  size_t same = r.results.size() - r.unexpected - r.explained - r.uncertain;
  return fmt::format("{} probe{}: {} unexpected, {} explained, {} uncertain, {} same",
                     r.results.size(), r.results.size() == 1 ? "" : "s", r.unexpected, r.explained,
                     r.uncertain, same);
}

namespace {

/// The controllers whose models answered, ingress-nginx, Traefik, Kong in
/// that order; "ingress-nginx" when none did.
std::vector<std::string> controllers_of(const VerifyResult& result) {
  static const char* const kOrder[] = {"ingress-nginx", "Traefik", "Kong"};
  std::vector<std::string> names;
  for (const char* name : kOrder) {
    bool used = std::any_of(result.results.begin(), result.results.end(),
                            [&](const ProbeResult& r) { return r.controller == name; });
    if (used) names.push_back(name);
  }
  if (names.empty()) names.push_back("ingress-nginx");
  return names;
}

}  // namespace

std::string render_text(const VerifyResult& result) {
  const std::vector<std::string> controllers = controllers_of(result);
  std::string out = "before: " + join(controllers, ", ") +
                    "; after: Gateway API. = same, ~ differs as the finding [id] of the "
                    "conversion says, ! differs unexpectedly, ? uncertain\n";
  // With several controllers, each "before" says whose it is.
  auto before_label = [&](const ProbeResult& r) {
    if (controllers.size() == 1) return std::string("before: ");
    return "before (" + (r.controller.empty() ? std::string("no model") : r.controller) + "): ";
  };
  std::string host;
  for (const ProbeResult& r : result.results) {
    if (r.probe.host != host || &r == &result.results.front()) {
      host = r.probe.host;
      out += "\n" + escape_control(host) + (host == kUnmatchedHost ? " (a host no rule names)" : "") + "\n";
    }
    std::string request = r.probe.text();
    switch (r.status) {
      case ProbeResult::Status::Same: {
        std::string before = r.before.text(host), after = r.after.text(host);
        // Same but worded differently (404 / unserved): show both.
        std::string shown = before == after ? before : before + "; after: " + after;
        out += fmt::format("  = {}  ->  {}\n", escape_control(request), escape_control(shown));
        break;
      }
      case ProbeResult::Status::Explained:
        out += fmt::format("  ~ {}  [{}]\n", escape_control(request), explanation_ids(r));
        out += fmt::format("      {}{}\n", before_label(r), escape_control(r.before.text(host)));
        out += fmt::format("      after:  {}\n", escape_control(r.after.text(host)));
        out += fmt::format("      see:    {}\n", r.explained_by.front().location.str());
        break;
      case ProbeResult::Status::Unexpected:
      case ProbeResult::Status::Uncertain:
        out += fmt::format("  {} {}\n", r.status == ProbeResult::Status::Unexpected ? '!' : '?',
                           escape_control(request));
        out += fmt::format("      {}{}\n", before_label(r), escape_control(r.before.text(host)));
        out += fmt::format("      after:  {}\n", escape_control(r.after.text(host)));
        break;
    }
  }
  out += "\n" + summary_line(result) + "\n";
  return out;
}

std::string render_json(const VerifyResult& result) {
  nlohmann::ordered_json j;
  j["schemaVersion"] = 2;
  j["probes"] = result.results.size();
  j["unexpected"] = result.unexpected;
  j["explained"] = result.explained;
  j["uncertain"] = result.uncertain;
  auto& rows = j["results"] = nlohmann::ordered_json::array();
  for (const ProbeResult& r : result.results) {
    nlohmann::ordered_json req;
    req["scheme"] = r.probe.scheme;
    req["host"] = r.probe.host;
    req["path"] = r.probe.path;
    if (!r.probe.query.empty()) req["query"] = r.probe.query;
    auto& headers = req["headers"] = nlohmann::ordered_json::array();
    for (const auto& [k, v] : r.probe.headers) headers.push_back({{"name", k}, {"value", v}});
    auto& cookies = req["cookies"] = nlohmann::ordered_json::array();
    for (const auto& [k, v] : r.probe.cookies) cookies.push_back({{"name", k}, {"value", v}});
    nlohmann::ordered_json row;
    row["request"] = r.probe.text();
    row["status"] = status_name(r.status);
    row["probe"] = req;
    row["source"] = r.probe.source.line ? r.probe.source.str() : "";
    row["controller"] = r.controller;
    row["before"] = r.before.to_json();
    row["after"] = r.after.to_json();
    auto& why = row["explainedBy"] = nlohmann::ordered_json::array();
    for (const Finding& f : r.explained_by) {
      why.push_back({{"id", f.rule_id}, {"source", f.location.str()}, {"message", f.message}});
    }
    rows.push_back(row);
  }
  return j.dump(2) + "\n";
}

}  // namespace im::verify
