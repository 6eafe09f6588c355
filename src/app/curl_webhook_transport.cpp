#include "app/curl_webhook_transport.hpp"

namespace latchkey::app {

std::vector<services::WebhookCallResult> CurlWebhookTransport::send_all(
    const std::vector<services::WebhookCall>& calls) {
  std::vector<http::OutboundRequest> requests;
  requests.reserve(calls.size());
  for (const auto& call : calls) {
    requests.push_back(http::OutboundRequest{call.url, call.headers, call.body,
                                             call.connect_timeout, call.read_timeout,
                                             call.basic_auth});
  }
  std::vector<services::WebhookCallResult> results;
  results.reserve(calls.size());
  for (auto& result : client_.post_all(requests)) {
    results.push_back({result.succeeded(), std::move(result.error)});
  }
  return results;
}

}  // namespace latchkey::app
