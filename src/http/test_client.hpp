#pragma once
// Test-only helpers for the server tests: a server running on port 0 in its own thread, and a
// plain POSIX socket that writes raw bytes and reads raw responses, so tests see exactly what a
// hostile client would (no HTTP library smoothing anything over).

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#include "http/request.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace latchkey::http::testing {

class RunningServer {
 public:
  RunningServer(ServerOptions options, Router router)
      : router_(std::move(router)), server_(adjust(std::move(options)), router_) {
    port_ = server_.listen();
    thread_ = std::thread([this] {
      server_.run();
      run_returned_.store(true);
    });
  }
  ~RunningServer() {
    server_.stop();
    thread_.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  Server& server() { return server_; }
  [[nodiscard]] bool run_returned() const { return run_returned_.load(); }
  // Waits up to `limit` for run() to return.
  bool wait_for_run_to_return(std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!run_returned() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return run_returned();
  }

 private:
  static ServerOptions adjust(ServerOptions options) {
    options.host = "127.0.0.1";
    options.port = 0;
    if (options.io_threads == 0) options.io_threads = 2;
    if (options.worker_threads == 0) options.worker_threads = 2;
    return options;
  }

  Router router_;
  Server server_;
  std::uint16_t port_ = 0;
  std::atomic<bool> run_returned_{false};
  std::thread thread_;
};

struct RawResponse {
  int status = 0;
  std::string head;  // status line and header fields
  std::string body;

  // The first header `name` (case-insensitive) in the head.
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const {
    std::size_t line_start = head.find("\r\n");
    while (line_start != std::string::npos && line_start + 2 < head.size()) {
      const std::size_t begin = line_start + 2;
      const std::size_t end = head.find("\r\n", begin);
      const std::string_view line(head.data() + begin,
                                  (end == std::string::npos ? head.size() : end) - begin);
      const auto colon = line.find(':');
      if (colon != std::string_view::npos && iequals(line.substr(0, colon), name)) {
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        return std::string(value);
      }
      line_start = end;
    }
    return std::nullopt;
  }
};

class RawClient {
 public:
  explicit RawClient(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      throw std::runtime_error("connect failed");
    }
  }
  ~RawClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  void send(std::string_view bytes) {
    while (!bytes.empty()) {
      const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return;  // the server may legitimately have closed already
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  // True when bytes (or EOF) can be read within `limit`.
  bool readable_within(std::chrono::milliseconds limit) {
    if (!buffer_.empty()) return true;
    pollfd entry{.fd = fd_, .events = POLLIN, .revents = 0};
    return ::poll(&entry, 1, static_cast<int>(limit.count())) > 0;
  }

  // Reads one response (header block, then Content-Length bytes; a response to HEAD or
  // without Content-Length has no body here). Nothing on EOF, reset or after `limit`.
  std::optional<RawResponse> read_response(
      std::chrono::milliseconds limit = std::chrono::seconds(5), bool head_request = false) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill(deadline)) return std::nullopt;
    }
    RawResponse response;
    response.head = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    if (response.head.size() < 12) return std::nullopt;
    response.status = std::stoi(response.head.substr(9, 3));
    std::size_t length = 0;
    if (const auto value = response.header("Content-Length"); value && !head_request) {
      length = std::stoul(*value);
    }
    while (buffer_.size() < length) {
      if (!fill(deadline)) return std::nullopt;
    }
    response.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return response;
  }

  // True when the server closed the connection (EOF or reset) within `limit`. Bytes read on
  // the way (there should be none after a final response) are handed back through `extra`.
  bool closed_by_peer(std::chrono::milliseconds limit = std::chrono::seconds(5),
                      std::string* extra = nullptr) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (fill(deadline)) {
    }
    if (extra != nullptr) *extra = buffer_;
    return eof_;
  }

 private:
  // Reads what is available before `deadline`; false on EOF, error or timeout.
  bool fill(std::chrono::steady_clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd entry{.fd = fd_, .events = POLLIN, .revents = 0};
    if (::poll(&entry, 1, static_cast<int>(left.count())) <= 0) return false;
    char chunk[4096];
    const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
      eof_ = n == 0 || errno == ECONNRESET;
      return false;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  std::string buffer_;
  bool eof_ = false;
};

}  // namespace latchkey::http::testing
