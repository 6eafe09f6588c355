#pragma once
// The kinds of JWT Latchkey signs and how each is marked (RFC 8725 §3.11-3.12), so that one kind
// is never accepted where another is expected.
//
//   jose::sign(token_header(TokenType::kId, kid), claims, key);
//   if (!is_access_token_header(verified.header)) return refuse();
//
// Access tokens (Login API, OAuth grants, /api/jwt/issue, /api/jwt/vend, refresh) keep
// FusionAuth's header {"alg","typ":"JWT","kid"} byte for byte. Id tokens and webhook-signature
// JWTs carry no `typ` at all: {"alg","kid"}. Why not `typ: "id_token+jwt"`: the JWT-or-absent
// type check that Nimbus JOSE (DefaultJWTProcessor's default), Spring Security and Elasticsearch
// apply to id tokens refuses any other value, while an absent `typ` passes every client we
// know of (Okta's id tokens carry none). The access-token verifier accepts only typ "JWT", so
// an id token or a webhook signature fails there by construction, whatever key signed it.

#include <string_view>

#include "core/json.hpp"

namespace latchkey::services {

enum class TokenType { kAccess, kId, kWebhookSignature };

// The protected header members besides `alg` (which jose::sign takes from the key).
json::object token_header(TokenType type, std::string_view kid);

// Whether a verified header marks an access token: `typ` is "JWT", compared as RFC 7515 §4.1.9
// says media types are (case-insensitive, "application/" prefix optional).
bool is_access_token_header(const json::object& header);

}  // namespace latchkey::services
