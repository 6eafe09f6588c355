#pragma once
// How the webhook services reach receivers, without knowing HTTP: app/ adapts it to the
// libcurl client (http/outbound_client.hpp); unit tests use a fake that records and answers.

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace latchkey::services {

// One POST of one event body to one webhook, fully prepared (headers, signature, auth).
struct WebhookCall {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds connect_timeout{1000};
  std::chrono::milliseconds read_timeout{2000};
  std::optional<std::pair<std::string, std::string>> basic_auth;  // Security: never logged
};

struct WebhookCallResult {
  bool succeeded = false;  // 2xx within the timeouts
  std::string error;       // for the log: "HTTP 500", "Timeout was reached"...
};

class WebhookTransport {
 public:
  virtual ~WebhookTransport() = default;
  // Sends every call concurrently and answers in order once all have finished; a call takes
  // at most its connect + read timeout.
  virtual std::vector<WebhookCallResult> send_all(const std::vector<WebhookCall>& calls) = 0;
};

}  // namespace latchkey::services
