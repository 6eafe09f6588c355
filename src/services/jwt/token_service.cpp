#include "services/jwt/token_service.hpp"

#include <algorithm>
#include <cstdint>

#include "crypto/random.hpp"
#include "domain/group_roles.hpp"
#include "jose/jws.hpp"
#include "services/common/time_limits.hpp"
#include "services/jwt/token_type.hpp"

namespace latchkey::services {
namespace {

Error unauthorized(std::string detail) {
  return Error::status(HttpStatus::kUnauthorized, std::move(detail));
}

// The key that signs access tokens for these settings; the default signing key when a
// tenant predates Key Master settings.
const KeyEntry& signing_key(const ConfigSnapshot& snapshot, const domain::JwtSettings& settings) {
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
  return jose::sign(token_header(TokenType::kAccess, entry.record.kid), claims, *entry.key);
}

// An integer NumericDate within Latchkey's range, as seconds.
std::optional<std::int64_t> integer_date(const json::value& value) {
  std::int64_t seconds = 0;
  if (value.is_int64()) {
    seconds = value.get_int64();
  } else if (value.is_uint64() && value.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    seconds = static_cast<std::int64_t>(value.get_uint64());
  } else {
    return std::nullopt;
  }
  if (seconds < 0 || seconds > kLatestNumericDate) return std::nullopt;
  return seconds;
}

// The claim rules jose does not know (see TokenService::validate); nothing when they hold.
std::optional<std::string> claims_problem(const json::object& payload) {
  const auto* exp = payload.if_contains("exp");
  if (exp == nullptr) return "no exp";
  const auto expires = integer_date(*exp);
  if (!expires) return "exp is not an integer NumericDate in range";
  if (const auto* iat = payload.if_contains("iat")) {
    const auto issued = integer_date(*iat);
    if (!issued) return "iat is not an integer NumericDate in range";
    if (*issued > *expires) return "iat is after exp";
  }
  return std::nullopt;
}

bool compatibility_claims(const ConfigSnapshot& snapshot, const domain::Application* application) {
  // Strict applications keep personal data out of access tokens.
  return application == nullptr || snapshot.settings(*application)->oauth.scope_handling ==
                                       domain::ScopeHandling::kCompatibility;
}

}  // namespace

// FusionAuth: a user registered for the application also holds the roles its groups grant
// for that application. Only issuing reads the memberships; validation never does. An
// application without roles has none a group could grant, so its tokens cost no lookup.
json::array TokenService::roles_claim(const domain::Application& application,
                                      const domain::Registration& registration,
                                      const domain::User& user) const {
  const auto* application_roles = json::get_array(application.data, "roles");
  if (application_roles == nullptr || application_roles->empty()) {
    const auto* roles = json::get_array(registration.data, "roles");
    return roles ? *roles : json::array();
  }
  return domain::effective_roles(registration.data, application.data,
                                 groups_.groups_of_user(user.id));
}

Result<IssuedToken> TokenService::issue_access_token(const AccessTokenRequest& request) const {
  const auto snapshot = config_.current();
  const auto settings = snapshot->jwt_settings(*request.tenant, request.application);
  const KeyEntry& key = signing_key(*snapshot, settings);
  const Instant now = clock_.now();
  Instant expires = add_saturating(now, settings.access_token_ttl);
  if (request.expires_no_later_than && *request.expires_no_later_than < expires) {
    expires = *request.expires_no_later_than;
  }
  expires = std::max(expires, now);  // exp >= iat, whatever was presented
  const auto& user = *request.user;
  // Claim order follows FusionAuth's output, for byte-similar tokens.
  json::object claims;
  if (request.application != nullptr) claims["aud"] = request.application->id.str();
  claims["exp"] = to_epoch_seconds(expires);
  claims["iat"] = to_epoch_seconds(now);
  claims["iss"] = snapshot->settings(*request.tenant)->issuer;
  claims["sub"] = user.id.str();
  claims["jti"] = crypto::random_uuid().str();
  claims["authenticationType"] = request.authentication_type;
  if (compatibility_claims(*snapshot, request.application)) {
    if (user.email) claims["email"] = *user.email;
    claims["email_verified"] = json::get_bool(user.data, "verified").value_or(false);
    if (user.username) claims["preferred_username"] = *user.username;
  }
  if (request.application != nullptr && request.registration != nullptr) {
    claims["applicationId"] = request.application->id.str();
  }
  if (request.scope) claims["scope"] = *request.scope;
  if (request.application != nullptr && request.registration != nullptr) {
    claims["roles"] = roles_claim(*request.application, *request.registration, user);
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
  const auto settings = snapshot->jwt_settings(tenant, nullptr);
  Validation validation;
  const KeyEntry* key = nullptr;
  if (key_id) {
    const auto id = Uuid::parse(*key_id);
    key = id ? snapshot->find_key(*id) : nullptr;
    if (key == nullptr || !key->key || !key->key->can_sign()) {
      validation.add("keyId", "[invalid]keyId", "The [keyId] does not name a key that can sign.");
    }
  }
  if (ttl_seconds && !ttl_in_range(*ttl_seconds)) {
    validation.add("timeToLiveInSeconds", "[invalid]timeToLiveInSeconds",
                   "The [timeToLiveInSeconds] must be between 1 and 2147483647.");
  }
  if (auto error = validation.take()) return fail(std::move(*error));
  if (key == nullptr) key = &signing_key(*snapshot, settings);

  const Instant now = clock_.now();
  const Instant expires = add_saturating(
      now, ttl_seconds ? std::chrono::seconds(*ttl_seconds) : settings.access_token_ttl);
  // exp and iat are reserved: whatever the caller sent is replaced.
  claims.erase("exp");
  claims.erase("iat");
  json::object payload{{"exp", to_epoch_seconds(expires)}, {"iat", to_epoch_seconds(now)}};
  for (auto& [name, value] : claims) payload[name] = std::move(value);
  if (!payload.contains("jti")) payload["jti"] = crypto::random_uuid().str();
  return IssuedToken{sign(*key, payload), expires, std::move(payload)};
}

Result<json::object> TokenService::verify(std::string_view token, bool check_expiry) const {
  const auto snapshot = config_.current();
  const jose::KeyResolver resolver = [&snapshot](const jose::DecodedHeader& header) {
    const KeyEntry* entry = header.kid ? snapshot->find_key_by_kid(*header.kid) : nullptr;
    // Security: only a key we could have signed with verifies our tokens. A public-only key
    // was imported to check someone else's JWTs (reconcile), and its owner can sign anything.
    const bool ours = entry != nullptr && entry->key && entry->key->can_sign();
    return ours ? &*entry->key : nullptr;
  };
  // Security: Latchkey's own tokens get no clock leeway, as FusionAuth gives none.
  auto verified = jose::verify(token, resolver,
                               jose::VerifyOptions{.now = clock_.now(),
                                                   .require_exp = true,
                                                   .check_expiry = check_expiry,
                                                   .require_low_s = true});
  if (!verified) {
    return fail(unauthorized(std::string("token refused: ") +
                             std::string(jose::to_string(verified.error()))));
  }
  if (!is_access_token_header(verified->header)) {
    return fail(unauthorized("token refused: not typed as an access token"));
  }
  if (auto problem = claims_problem(verified->payload)) {
    return fail(unauthorized("token refused: " + *problem));
  }
  return std::move(verified->payload);
}

Result<json::object> TokenService::validate(std::string_view token) const {
  LATCHKEY_TRY(auto claims, verify(token, true));
  // After the signature: only a token we signed can name a jti worth looking up.
  if (const auto* jti = claims.if_contains("jti");
      jti != nullptr && jti->is_string() && revoked_.contains(jti->as_string())) {
    return fail(unauthorized("token refused: revoked"));
  }
  return claims;
}

Result<AuthenticatedToken> TokenService::authenticate(std::string_view token) const {
  LATCHKEY_TRY(auto claims, validate(token));
  const auto user_id = json::get_string(claims, "sub").and_then(Uuid::parse);
  if (!user_id) return fail(unauthorized("token refused: no user subject"));
  auto user = store_.find_user(*user_id);
  if (!user) return fail(unauthorized("token refused: the user does not exist"));
  if (!user->active) return fail(unauthorized("token refused: the user is inactive"));
  if (const auto* tid = claims.if_contains("tid");
      tid != nullptr && (!tid->is_string() || tid->as_string() != user->tenant_id.str())) {
    return fail(unauthorized("token refused: the user is not in the token's tenant"));
  }
  return AuthenticatedToken{std::move(claims), std::move(*user)};
}

bool TokenService::is_previous_access_token(std::string_view token, const Uuid& user_id) const {
  const auto claims = verify(token, false);
  return claims && json::get_string(*claims, "sub") == user_id.str();
}

std::optional<Instant> numeric_date_claim(const json::object& claims, std::string_view name) {
  const auto* value = claims.if_contains(name);
  if (value == nullptr) return std::nullopt;
  return integer_date(*value).transform(
      [](std::int64_t seconds) { return Instant(std::chrono::seconds(seconds)); });
}

}  // namespace latchkey::services
