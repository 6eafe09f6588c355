#pragma once
// Turns a webhook's configuration and an event body into the request a receiver gets
// (spec/webhooks-events.md "Delivery"): its headers, HTTP Basic credentials, timeouts and,
// when signing is enabled, X-FusionAuth-Signature-JWT.

#include <string>

#include "core/result.hpp"
#include "domain/records.hpp"
#include "services/common/config_cache.hpp"
#include "services/webhooks/webhook_transport.hpp"

namespace latchkey::services {

inline constexpr std::string_view kSignatureHeader = "X-FusionAuth-Signature-JWT";

// The JWS FusionAuth sends, header {alg, kid} (FusionAuth adds typ "JWT"; Latchkey leaves it out
// so no endpoint takes it for an access token, token_type.hpp), payload {"request_body_sha256":
// standard padded base64 of SHA-256 over the exact body bytes}.
std::string body_signature(const std::string& body, const jose::Key& key, const std::string& kid);

// Fails (with a reason for the log) when signing is enabled but its key is gone or cannot sign:
// an unsigned delivery would be refused by a receiver that checks, so it is not sent.
std::expected<WebhookCall, std::string> build_call(const domain::Webhook& webhook, std::string body,
                                                   const ConfigSnapshot& keys);

}  // namespace latchkey::services
