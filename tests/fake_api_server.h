#pragma once
// A loopback HTTP server that answers the Kubernetes API requests kubectl
// makes for discovery and `get`, from JSON files, so tests can drive the
// real kubectl binary against a cluster whose objects they choose.

#include <atomic>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace im::testing {

class FakeApiServer {
 public:
  /// Serves GET /a/b?query from root/a/b.json (200), or with the status code
  /// in root/a/b.status when that file exists (403 for "forbidden");
  /// anything else is a 404 Status. Every other method is refused with 405:
  /// the tool must never write, and the request log shows it did not.
  explicit FakeApiServer(std::filesystem::path root);
  ~FakeApiServer();
  FakeApiServer(const FakeApiServer&) = delete;
  FakeApiServer& operator=(const FakeApiServer&) = delete;

  int port() const { return port_; }
  /// "METHOD /path?query" of every request so far, in arrival order.
  std::vector<std::string> requests() const;
  /// The header lines of every request so far ("Impersonate-User: alice"),
  /// in arrival order, one entry per request.
  std::vector<std::vector<std::string>> request_headers() const;

 private:
  void serve();
  void answer(int client);

  std::filesystem::path root_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
  std::vector<std::vector<std::string>> headers_;
  std::thread thread_;
};

}  // namespace im::testing
