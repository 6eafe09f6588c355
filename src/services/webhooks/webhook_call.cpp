#include "services/webhooks/webhook_call.hpp"

#include "core/base64.hpp"
#include "crypto/digest.hpp"
#include "jose/jws.hpp"
#include "services/jwt/token_type.hpp"

namespace latchkey::services {

std::string body_signature(const std::string& body, const jose::Key& key, const std::string& kid) {
  // No exp (as FusionAuth) and no typ: never mistaken for an access token (token_type.hpp).
  const json::object header = token_header(TokenType::kWebhookSignature, kid);
  const json::object payload{{"request_body_sha256", base64::encode(crypto::sha256(body))}};
  return jose::sign(header, payload, key);
}

std::expected<WebhookCall, std::string> build_call(const domain::Webhook& webhook, std::string body,
                                                   const ConfigSnapshot& keys) {
  const auto& doc = webhook.data;
  WebhookCall call;
  call.url = json::get_string(doc, "url").value_or("");
  call.connect_timeout =
      std::chrono::milliseconds(json::get_int(doc, "connectTimeout").value_or(1000));
  call.read_timeout = std::chrono::milliseconds(json::get_int(doc, "readTimeout").value_or(2000));
  if (const auto* headers = json::get_object(doc, "headers")) {
    for (const auto& [name, value] : *headers) {
      if (value.is_string()) call.headers.emplace_back(name, value.as_string());
    }
  }
  const auto username = json::get_string(doc, "httpAuthenticationUsername");
  const auto password = json::get_string(doc, "httpAuthenticationPassword");
  if (username && !username->empty()) call.basic_auth.emplace(*username, password.value_or(""));
  if (json::get_bool(doc, "signatureConfiguration.enabled").value_or(false)) {
    const auto key_id =
        json::get_string(doc, "signatureConfiguration.signingKeyId").and_then(Uuid::parse);
    const auto* entry = key_id ? keys.find_key(*key_id) : nullptr;
    if (entry == nullptr || !entry->key || !entry->key->can_sign()) {
      return std::unexpected("the webhook's signing key is missing or cannot sign");
    }
    call.headers.emplace_back(std::string(kSignatureHeader),
                              body_signature(body, *entry->key, entry->record.kid));
  }
  call.body = std::move(body);
  return call;
}

}  // namespace latchkey::services
