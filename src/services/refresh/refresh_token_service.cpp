#include "services/refresh/refresh_token_service.hpp"

#include "crypto/random.hpp"

namespace latchkey::services {
namespace {

// Keeps only the device fields FusionAuth defines, as strings.
json::object device_metadata(const json::object& device, const std::optional<std::string>& ip,
                             Instant now) {
  json::object out;
  for (const char* field : {"description", "name", "type", "lastAccessedAddress"}) {
    if (const auto value = json::get_string(device, field)) out[field] = *value;
  }
  if (ip && !out.contains("lastAccessedAddress")) out["lastAccessedAddress"] = *ip;
  out["lastAccessedInstant"] = to_epoch_ms(now);
  return out;
}

}  // namespace

IssuedRefreshToken RefreshTokenService::issue(const RefreshTokenRequest& request) {
  const Instant now = clock_.now();
  std::string value = crypto::random_token(kTokenBytes);
  const Uuid id = crypto::random_uuid();
  json::object data{
      {"metaData",
       json::object{{"device", device_metadata(request.device, request.ip_address, now)},
                    {"scopes", request.scopes}}},
      // jwt-claims.md: auth_time is preserved across refreshes.
      {"latchkey", json::object{{"authTime", to_epoch_ms(request.auth_time.value_or(now))}}}};
  if (request.session_id) data["latchkey"].as_object()["sessionId"] = *request.session_id;
  domain::RefreshToken record{
      id,
      vault_.lookup_hash(value),
      vault_.seal(value, id.str()),
      request.user->id,
      request.application ? std::optional(request.application->id) : std::nullopt,
      request.tenant->id,
      now,
      request.start_instant.value_or(now),
      std::move(data)};
  if (auto written = store_.refresh_tokens.insert_refresh_token(record); !written) {
    // A collision of 384 random bits or a user deleted mid-login: not a client error.
    throw store::StoreUnavailable("cannot store a new refresh token");
  }
  return {std::move(value), std::move(record)};
}

std::optional<domain::RefreshToken> RefreshTokenService::find_by_value(
    std::string_view value) const {
  if (value.empty() || value.size() > 512) return std::nullopt;
  return store_.refresh_tokens.find_refresh_token_by_hash(vault_.lookup_hash(value));
}

std::optional<std::string> RefreshTokenService::reveal(const domain::RefreshToken& token) const {
  return vault_.open(token.token_sealed, token.id.str());
}

std::optional<domain::JwtSettings> RefreshTokenService::settings_for(
    const domain::RefreshToken& token) const {
  const auto snapshot = config_.current();
  const auto* tenant = snapshot->find_tenant(token.tenant_id);
  if (tenant == nullptr) return std::nullopt;
  const auto* application =
      token.application_id ? snapshot->find_application(*token.application_id) : nullptr;
  return snapshot->jwt_settings(*tenant, application);
}

Instant RefreshTokenService::expires_at(const domain::RefreshToken& token) const {
  const auto settings = settings_for(token);
  if (!settings) return token.insert_instant;  // its tenant is gone: already expired
  return refresh_token_expiry(*settings, token.insert_instant, token.start_instant);
}

bool RefreshTokenService::visible(const Caller& caller, const domain::RefreshToken& token) const {
  return caller.can_see(token.tenant_id);
}

}  // namespace latchkey::services
