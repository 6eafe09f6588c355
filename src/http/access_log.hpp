#pragma once
// Exactly one info line per request. Security: the line holds the path only, never the query
// string (it can carry tokens and codes), never a header or a body; every byte outside
// printable ASCII is escaped so a request cannot forge log lines.
//
//   log_access({.method = "GET", .path = "/api/user", .status = 200, ...});

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace latchkey::http {

struct AccessRecord {
  std::string_view method{};
  std::string_view target{};  // the raw request-target; only its path part is logged
  int status = 0;
  std::chrono::steady_clock::duration duration{};
  std::size_t bytes = 0;  // response body bytes
  std::string_view request_id{};
  std::string_view client_ip{};
  std::string_view peer_ip{};  // the socket peer; logged as via= when a proxy forwarded for ip
};

// `GET /api/user/42 200 1.27ms 512B id=0123456789abcdef ip=127.0.0.1`
// `GET /api/user/42 200 1.27ms 512B id=0123456789abcdef ip=203.0.113.9 via=10.0.0.2`
[[nodiscard]] std::string format_access_line(const AccessRecord& record);
void log_access(const AccessRecord& record);

}  // namespace latchkey::http
