#pragma once
// WebhookTransport over the libcurl client: services build the calls, http sends them.

#include "http/outbound_client.hpp"
#include "services/webhooks/webhook_transport.hpp"

namespace latchkey::app {

class CurlWebhookTransport final : public services::WebhookTransport {
 public:
  // --webhook-allow-private-addresses: deliveries may reach loopback and private networks.
  explicit CurlWebhookTransport(bool allow_private_addresses = false)
      : client_(allow_private_addresses) {}

  std::vector<services::WebhookCallResult> send_all(
      const std::vector<services::WebhookCall>& calls) override;

 private:
  http::OutboundClient client_;
};

}  // namespace latchkey::app
