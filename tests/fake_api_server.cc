#include "fake_api_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

#include "golden_support.h"

namespace fs = std::filesystem;

namespace im::testing {

namespace {

const char* reason(int code) {
  switch (code) {
    case 200: return "OK";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    default: return "Error";
  }
}

void send_all(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      return;
    }
    sent += static_cast<size_t>(n);
  }
}

std::string status_body(int code, const std::string& message) {
  return R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":")" + message +
         R"(","reason":")" + std::string(code == 404 ? "NotFound" : "MethodNotAllowed") + R"(","code":)" +
         std::to_string(code) + "}";
}

}  // namespace

FakeApiServer::FakeApiServer(fs::path root) : root_(std::move(root)) {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener_ < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;  // any free port
  socklen_t len = sizeof addr;
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listener_, 64) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(listener_);
    throw std::runtime_error("cannot listen on 127.0.0.1");
  }
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { serve(); });
}

FakeApiServer::~FakeApiServer() {
  stop_ = true;
  thread_.join();
  ::close(listener_);
}

std::vector<std::vector<std::string>> FakeApiServer::request_headers() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return headers_;
}

std::vector<std::string> FakeApiServer::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

void FakeApiServer::serve() {
  while (!stop_) {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    answer(client);
    ::close(client);
  }
}

void FakeApiServer::answer(int client) {
  // kubectl sends GETs without a body: the request ends at the blank line.
  std::string request;
  char buf[4096];
  while (request.find("\r\n\r\n") == std::string::npos && request.size() < (1u << 20)) {
    pollfd p{client, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) return;
    ssize_t n = ::recv(client, buf, sizeof buf, 0);
    if (n <= 0) return;
    request.append(buf, static_cast<size_t>(n));
  }
  std::string line = request.substr(0, request.find("\r\n"));
  std::string method = line.substr(0, line.find(' '));
  std::string target = line.substr(method.size() + 1, line.rfind(' ') - method.size() - 1);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(method + " " + target);
    std::vector<std::string> headers;
    const size_t end = request.find("\r\n\r\n");
    for (size_t at = request.find("\r\n") + 2; at < end;) {
      const size_t next = request.find("\r\n", at);
      headers.push_back(request.substr(at, next - at));
      at = next + 2;
    }
    headers_.push_back(std::move(headers));
  }
  std::string path = target.substr(0, target.find('?'));
  int code = 200;
  std::string body;
  fs::path file = root_ / (path.substr(1) + ".json");
  if (method != "GET") {
    code = 405;
    body = status_body(code, "the test API server only answers GET");
  } else if (path.find("..") != std::string::npos || path.size() < 2 || !fs::is_regular_file(file)) {
    code = 404;
    body = status_body(code, "the server could not find the requested resource");
  } else {
    body = read_text(file);
    fs::path status = root_ / (path.substr(1) + ".status");
    if (fs::is_regular_file(status)) code = std::stoi(read_text(status));
  }
  send_all(client, "HTTP/1.1 " + std::to_string(code) + " " + reason(code) +
                       "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                       "\r\nConnection: close\r\n\r\n" + body);
}

}  // namespace im::testing
