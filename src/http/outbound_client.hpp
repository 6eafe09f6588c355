#pragma once
// Outbound HTTP POSTs (webhook deliveries) over libcurl. A batch is sent concurrently on one
// curl multi handle and the call returns when every request has answered or timed out, so it
// blocks its thread: call it from a worker or the webhook dispatcher, never an I/O thread.
//
//   OutboundClient client;
//   auto results = client.post_all({{.url = "https://hooks.example/e", .body = "{...}",
//                                    .connect_timeout = 1s, .read_timeout = 2s}});
//   if (results[0].succeeded()) ...

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace latchkey::http {

struct OutboundRequest {
  std::string url;  // http:// or https:// only; anything else fails without a connection
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // sent as application/json, byte for byte
  std::chrono::milliseconds connect_timeout{1000};
  std::chrono::milliseconds read_timeout{2000};
  // Security: HTTP Basic credentials; never logged, never part of an error text.
  std::optional<std::pair<std::string, std::string>> basic_auth;
};

struct OutboundResult {
  int status = 0;     // the HTTP status, 0 when no response arrived
  std::string error;  // why it failed (connection refused, timeout, HTTP 500...); empty on 2xx
  [[nodiscard]] bool succeeded() const { return status >= 200 && status <= 299; }
};

class OutboundClient {
 public:
  // Security: unless `allow_private_addresses`, a connection to a loopback, private,
  // link-local or otherwise non-public address (core/ip_address.hpp) is refused at connect
  // time, whatever name resolved to it.
  explicit OutboundClient(bool allow_private_addresses = false);
  // One result per request, in order. A request takes at most connect_timeout + read_timeout.
  [[nodiscard]] std::vector<OutboundResult> post_all(
      const std::vector<OutboundRequest>& requests) const;

 private:
  bool allow_private_addresses_;
};

}  // namespace latchkey::http
