// POST /oauth2/revoke (RFC 7009) for refresh tokens and access tokens.
#include "services/oauth/token_revocation.hpp"

#include <algorithm>

#include "services/common/oauth_rules.hpp"

namespace latchkey::services {
namespace {

using oauth::invalid_request;
using oauth::oauth_error;

// A jti is a UUID when we mint it; /api/jwt/vend lets an API key choose one. Anything longer than
// this is not worth remembering for the token's whole life.
constexpr std::size_t kMaxJtiLength = 255;
// 9999-12-31T23:59:59Z: a vended token's exp beyond this is clamped, not overflowed.
constexpr std::int64_t kLatestExp = 253'402'300'799;

// The client a token was issued to: `aud` (a string, or an array under RFC 8707), else
// applicationId.
bool issued_to(const json::object& claims, const std::string& client_id) {
  if (const auto* aud = claims.if_contains("aud")) {
    if (aud->is_string()) return aud->as_string() == client_id;
    if (aud->is_array()) {
      return std::ranges::any_of(aud->as_array(), [&client_id](const json::value& item) {
        return item.is_string() && item.as_string() == client_id;
      });
    }
    return false;
  }
  return json::get_string(claims, "applicationId").value_or("") == client_id;
}

Error not_this_clients() {
  // RFC 7009 §2.1: a token issued to another client is refused, not silently accepted. The
  // answer reveals nothing the presenter lacks: a JWT names its audience in the clear.
  return invalid_request("The token was not issued to this client.", "client_id_mismatch");
}

}  // namespace

Status TokenRevocation::revoke(const OAuthTokenCheck& request) {
  const auto snapshot = config_.current();
  LATCHKEY_TRY(const auto client, clients_.token_check_client(request, *snapshot));
  const domain::Application* application = client.application;
  // Revocation has no PKCE to stand in for a secret (RFC 7009 §2.1).
  LATCHKEY_CHECK(clients_.require_authentication(client, false));
  if (request.token_type_hint && *request.token_type_hint != "refresh_token" &&
      *request.token_type_hint != "access_token") {
    return fail(oauth_error(HttpStatus::kBadRequest, "unsupported_token_type",
                            "The token_type_hint is not supported.", "unsupported_token_type"));
  }
  // RFC 7009 §2.1: the hint only orders the search; a token under the wrong hint is still found.
  const bool refresh_first = request.token_type_hint == "refresh_token";
  if (refresh_first) {
    if (const auto record = refresh_tokens_.find_by_value(*request.token)) {
      return revoke_refresh_token(*record, *application, request.ip_address);
    }
  }
  // Only a JWT we signed, unexpired and not yet revoked, validates; anything else falls through.
  if (const auto claims = tokens_.validate(*request.token)) {
    return revoke_access_token(*claims, *application);
  }
  if (!refresh_first) {
    if (const auto record = refresh_tokens_.find_by_value(*request.token)) {
      return revoke_refresh_token(*record, *application, request.ip_address);
    }
  }
  // RFC 7009 §2.2: an unknown, expired or already revoked token is answered 200 all the same.
  return {};
}

Status TokenRevocation::revoke_refresh_token(const domain::RefreshToken& record,
                                             const domain::Application& application,
                                             const std::optional<std::string>& ip_address) {
  if (record.application_id != application.id) return fail(not_this_clients());
  RevokeSelector selector;
  selector.token_id = record.id;
  return refresh_tokens_.revoke(Caller{}, std::nullopt, selector, {ip_address, {}});
}

Status TokenRevocation::revoke_access_token(const json::object& claims,
                                            const domain::Application& application) {
  if (!issued_to(claims, application.id.str())) return fail(not_this_clients());
  const auto jti = json::get_string(claims, "jti");
  const auto exp = json::get_int(claims, "exp");
  if (!jti || jti->empty() || jti->size() > kMaxJtiLength || !exp) {
    // Security: answering 200 would tell the client a token is dead that stays valid.
    return fail(oauth_error(HttpStatus::kBadRequest, "unsupported_token_type",
                            "This access token has no usable jti and exp, so it cannot be revoked.",
                            "unsupported_token_type"));
  }
  revoked_access_tokens_.revoke(*jti, application.id,
                                from_epoch_ms(std::min(*exp, kLatestExp) * 1000));
  return {};
}

}  // namespace latchkey::services
