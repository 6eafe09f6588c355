#include "services/token_service.hpp"

#include "crypto/random.hpp"
#include "jose/jws.hpp"
#include "services/jwt_settings.hpp"

namespace latchkey::services {
namespace {

Error unauthorized(std::string detail) {
  return Error::status(HttpStatus::kUnauthorized, std::move(detail));
}

// The key that signs access tokens for these settings; the default signing key when a
// tenant predates Key Master settings.
const KeyEntry& signing_key(const ConfigSnapshot& snapshot, const JwtSettings& settings) {
  const KeyEntry* entry = settings.access_token_key_id
                              ? snapshot.find_key(*settings.access_token_key_id)
                              : snapshot.default_signing_key();
  if (entry == nullptr || !entry->key || !entry->key->can_sign()) {
    // A configuration the Key API should have refused; it is a bug, not bad input.
    throw std::runtime_error("the access token signing key is missing or cannot sign");
  }
  return *entry;
}

std::string sign(const KeyEntry& entry, const json::object& claims) {
  return jose::sign(json::object{{"typ", "JWT"}, {"kid", entry.record.kid}}, claims, *entry.key);
}

bool compatibility_claims(const domain::Application* application) {
  // Strict applications keep personal data out of access tokens.
  return application == nullptr ||
         json::get_string(application->data, "oauthConfiguration.scopeHandlingPolicy")
                 .value_or("Strict") == "Compatibility";
}

}  // namespace

Result<IssuedToken> TokenService::issue_access_token(const AccessTokenRequest& request) const {
  const auto snapshot = config_.current();
  const auto settings = jwt_settings(*request.tenant, request.application);
  const KeyEntry& key = signing_key(*snapshot, settings);
  const Instant now = clock_.now();
  Instant expires = now + settings.access_token_ttl;
  if (request.expires_no_later_than && *request.expires_no_later_than < expires) {
    expires = *request.expires_no_later_than;
  }
  const auto& user = *request.user;
  // Claim order follows FusionAuth's output, for byte-similar tokens.
  json::object claims;
  if (request.application != nullptr) claims["aud"] = request.application->id.str();
  claims["exp"] = to_epoch_seconds(expires);
  claims["iat"] = to_epoch_seconds(now);
  claims["iss"] = json::get_string(request.tenant->data, "issuer").value_or("acme.com");
  claims["sub"] = user.id.str();
  claims["jti"] = crypto::random_uuid().str();
  claims["authenticationType"] = request.authentication_type;
  if (compatibility_claims(request.application)) {
    if (user.email) claims["email"] = *user.email;
    claims["email_verified"] = json::get_bool(user.data, "verified").value_or(false);
    if (user.username) claims["preferred_username"] = *user.username;
  }
  if (request.application != nullptr && request.registration != nullptr) {
    claims["applicationId"] = request.application->id.str();
  }
  if (request.scope) claims["scope"] = *request.scope;
  if (request.application != nullptr && request.registration != nullptr) {
    const auto* roles = json::get_array(request.registration->data, "roles");
    claims["roles"] = roles ? *roles : json::array();
  }
  if (request.sid) claims["sid"] = *request.sid;
  claims["auth_time"] = to_epoch_seconds(request.auth_time.value_or(now));
  claims["tid"] = request.tenant->id.str();
  return IssuedToken{sign(key, claims), expires, std::move(claims)};
}

Result<IssuedToken> TokenService::vend(const domain::Tenant& tenant, json::object claims,
                                       const std::optional<std::string>& key_id,
                                       const std::optional<std::int64_t>& ttl_seconds) const {
  const auto snapshot = config_.current();
  const auto settings = jwt_settings(tenant, nullptr);
  Validation validation;
  const KeyEntry* key = nullptr;
  if (key_id) {
    const auto id = Uuid::parse(*key_id);
    key = id ? snapshot->find_key(*id) : nullptr;
    if (key == nullptr || !key->key || !key->key->can_sign()) {
      validation.add("keyId", "[invalid]keyId", "The [keyId] does not name a key that can sign.");
    }
  }
  if (ttl_seconds && *ttl_seconds <= 0) {
    validation.add("timeToLiveInSeconds", "[invalid]timeToLiveInSeconds",
                   "The [timeToLiveInSeconds] must be greater than 0.");
  }
  if (auto error = validation.take()) return fail(std::move(*error));
  if (key == nullptr) key = &signing_key(*snapshot, settings);

  const Instant now = clock_.now();
  const Instant expires =
      now + (ttl_seconds ? std::chrono::seconds(*ttl_seconds) : settings.access_token_ttl);
  // exp and iat are reserved: whatever the caller sent is replaced.
  claims.erase("exp");
  claims.erase("iat");
  json::object payload{{"exp", to_epoch_seconds(expires)}, {"iat", to_epoch_seconds(now)}};
  for (auto& [name, value] : claims) payload[name] = std::move(value);
  if (!payload.contains("jti")) payload["jti"] = crypto::random_uuid().str();
  return IssuedToken{sign(*key, payload), expires, std::move(payload)};
}

Result<json::object> TokenService::validate(std::string_view token) const {
  const auto snapshot = config_.current();
  const jose::KeyResolver resolver = [&snapshot](const jose::DecodedHeader& header) {
    const KeyEntry* entry = header.kid ? snapshot->find_key_by_kid(*header.kid) : nullptr;
    return entry != nullptr && entry->key ? &*entry->key : nullptr;
  };
  // Security: Latchkey's own tokens get no clock leeway, as FusionAuth gives none.
  auto verified = jose::verify(token, resolver, jose::VerifyOptions{clock_.now(), {}, false});
  if (!verified) {
    return fail(unauthorized(std::string("token refused: ") +
                             std::string(jose::to_string(verified.error()))));
  }
  // After the signature: only a token we signed can name a jti worth looking up.
  if (const auto* jti = verified->payload.if_contains("jti");
      jti != nullptr && jti->is_string() && revoked_.contains(jti->as_string())) {
    return fail(unauthorized("token refused: revoked"));
  }
  return std::move(verified->payload);
}

}  // namespace latchkey::services
