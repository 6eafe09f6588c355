#include "services/oauth/id_tokens.hpp"

#include "crypto/random.hpp"
#include "jose/jws.hpp"
#include "services/common/fusionauth_ids.hpp"
#include "services/common/oauth_rules.hpp"
#include "services/jwt/token_type.hpp"
#include "services/oauth/oidc_claims.hpp"

namespace latchkey::services {

using oauth::oauth_error;

Result<std::string> IdTokens::sign(const TokenGrant& in, const std::string& access_token,
                                   Instant expires) const {
  const auto snapshot = config_.current();
  const auto settings = snapshot->jwt_settings(*in.tenant, in.application);
  const Uuid key_id = settings.id_token_key_id.value_or(*Uuid::parse(kShadowKeyHs256Id));
  const KeyEntry* entry = snapshot->find_key(key_id);
  if (entry == nullptr) entry = snapshot->find_key(*Uuid::parse(kShadowKeyHs256Id));
  if (entry == nullptr) throw std::runtime_error("the id token signing key is missing");

  std::optional<jose::Key> shadow;
  const jose::Key* key = nullptr;
  std::string kid;
  if (entry->key) {
    key = &*entry->key;
    kid = entry->record.kid;
  } else {
    // A shadow key (jwt-claims.md): HMAC under the application's client secret, kid = its id.
    const auto algorithm = json::get_string(entry->record.data, "algorithm")
                               .and_then(jose::parse_jws_name)
                               .value_or(jose::Algorithm::kHS256);
    auto made = jose::Key::hmac(algorithm,
                                snapshot->settings(*in.application)->oauth.client_secret.reveal());
    if (!made) {
      return fail(oauth_error(HttpStatus::kInternalServerError, "server_error",
                              "The id token cannot be signed with this client secret.", "unknown")
                      .with_log_detail("client secret unusable as an HMAC key"));
    }
    shadow = std::move(*made);
    key = &*shadow;
    kid = in.application->id.str();
  }
  if (!key->can_sign()) throw std::runtime_error("the id token signing key cannot sign");

  const Instant now = clock_.now();
  const auto& user = *in.user;
  json::object claims;
  claims["aud"] = in.application->id.str();
  claims["exp"] = to_epoch_seconds(expires);
  claims["iat"] = to_epoch_seconds(now);
  claims["iss"] = issuer_of(*snapshot->settings(*in.tenant));
  claims["sub"] = user.id.str();
  claims["jti"] = crypto::random_uuid().str();
  claims["authenticationType"] = in.authentication_type;
  for (auto& [name, value] : user_claims(
           user, in.scopes, scope_handling_compatibility(*snapshot->settings(*in.application)))) {
    claims[name] = value;
  }
  claims["at_hash"] = oauth::left_half_hash(key->algorithm(), access_token);
  if (in.code) claims["c_hash"] = oauth::left_half_hash(key->algorithm(), *in.code);
  if (in.nonce) claims["nonce"] = *in.nonce;
  if (in.session_id) claims["sid"] = *in.session_id;
  claims["auth_time"] = to_epoch_seconds(in.auth_time);
  claims["tid"] = in.tenant->id.str();
  if (!in.scopes.empty()) claims["scope"] = oauth::join_scopes(in.scopes);
  return jose::sign(token_header(TokenType::kId, kid), claims, *key);
}

}  // namespace latchkey::services
