#include "services/jwt/jwt_settings.hpp"

#include "services/common/time_limits.hpp"

namespace latchkey::services {
namespace {

// A stored TTL as a count Latchkey can compute with. Create and update refuse values outside
// 1 .. kMaxTimeToLive (ttl_rules.hpp); a document written before that rule is clamped here.
std::optional<std::int64_t> ttl(const json::object& jwt, std::string_view path) {
  const auto value = json::get_int(jwt, path);
  if (!value || *value <= 0) return std::nullopt;
  return std::min(*value, kMaxTimeToLive);
}

void read(const json::object& jwt, JwtSettings& settings) {
  if (const auto seconds = ttl(jwt, "timeToLiveInSeconds")) {
    settings.access_token_ttl = std::chrono::seconds(*seconds);
  }
  if (const auto minutes = ttl(jwt, "refreshTokenTimeToLiveInMinutes")) {
    settings.refresh_token_ttl = std::chrono::minutes(*minutes);
  }
  if (const auto policy = json::get_string(jwt, "refreshTokenExpirationPolicy")) {
    if (*policy == "SlidingWindow") settings.expiration = RefreshExpiration::kSlidingWindow;
    if (*policy == "SlidingWindowWithMaximumLifetime") {
      settings.expiration = RefreshExpiration::kSlidingWindowWithMaximumLifetime;
    }
    if (*policy == "Fixed") settings.expiration = RefreshExpiration::kFixed;
  }
  if (const auto max =
          ttl(jwt, "refreshTokenSlidingWindowConfiguration.maximumTimeToLiveInMinutes")) {
    settings.maximum_lifetime = std::chrono::minutes(*max);
  }
  if (const auto usage = json::get_string(jwt, "refreshTokenUsagePolicy")) {
    settings.usage = *usage == "OneTimeUse" ? RefreshUsage::kOneTimeUse : RefreshUsage::kReusable;
  }
  if (const auto grace =
          json::get_int(jwt, "refreshTokenOneTimeUseConfiguration.gracePeriodInSeconds");
      grace && *grace >= 0) {
    settings.grace_period = std::chrono::seconds(std::min<std::int64_t>(*grace, 86400));
  }
  const auto flag = [&](const char* path, bool& target) {
    if (const auto value = json::get_bool(jwt, path)) target = *value;
  };
  flag("refreshTokenRevocationPolicy.onPasswordChanged", settings.revoke_on_password_change);
  flag("refreshTokenRevocationPolicy.onLoginPrevented", settings.revoke_on_login_prevented);
  flag("refreshTokenRevocationPolicy.onOneTimeTokenReuse", settings.revoke_on_one_time_token_reuse);
  if (const auto id = json::get_string(jwt, "accessTokenKeyId").and_then(Uuid::parse)) {
    settings.access_token_key_id = id;
  }
  if (const auto id = json::get_string(jwt, "idTokenKeyId").and_then(Uuid::parse)) {
    settings.id_token_key_id = id;
  }
}

}  // namespace

JwtSettings jwt_settings(const domain::Tenant& tenant, const domain::Application* application) {
  JwtSettings settings;
  if (const auto* jwt = json::get_object(tenant.data, "jwtConfiguration")) read(*jwt, settings);
  if (application != nullptr) {
    const auto* jwt = json::get_object(application->data, "jwtConfiguration");
    if (jwt != nullptr && json::get_bool(*jwt, "enabled").value_or(false)) {
      const auto tenant_keys = std::pair(settings.access_token_key_id, settings.id_token_key_id);
      settings.access_token_key_id.reset();
      settings.id_token_key_id.reset();
      read(*jwt, settings);
      // An enabled application without its own keys signs with the tenant's.
      if (!settings.access_token_key_id) settings.access_token_key_id = tenant_keys.first;
      if (!settings.id_token_key_id) settings.id_token_key_id = tenant_keys.second;
    }
  }
  return settings;
}

std::string_view to_string(RefreshExpiration expiration) {
  switch (expiration) {
    case RefreshExpiration::kFixed:
      return "Fixed";
    case RefreshExpiration::kSlidingWindow:
      return "SlidingWindow";
    case RefreshExpiration::kSlidingWindowWithMaximumLifetime:
      return "SlidingWindowWithMaximumLifetime";
  }
  return "Fixed";
}

}  // namespace latchkey::services
