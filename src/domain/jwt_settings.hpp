#pragma once
// The JWT and refresh-token settings (spec/tenants-applications.md, jwtConfiguration): each
// tenant's and application's block is parsed once, when the config snapshot is built, into a
// JwtConfiguration that keeps only what the document says; the settings in force for a token
// are the tenant's, overlaid by the application's block when that one is enabled.
//
//   const JwtConfiguration tenant_jwt = parse_jwt_configuration(json::get_object(doc,
//   "jwtConfiguration")); const JwtSettings settings = effective_jwt_settings(tenant_jwt,
//   &application_jwt);

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "core/uuid.hpp"

namespace latchkey::domain {

enum class RefreshExpiration { kFixed, kSlidingWindow, kSlidingWindowWithMaximumLifetime };
enum class RefreshUsage { kReusable, kOneTimeUse };

// One jwtConfiguration block as written: a member that is absent, or that Latchkey cannot use
// (a lifetime of 0 or less, an unknown expiration policy, a key id that is no UUID), is empty
// and leaves what it would overlay as it is.
struct JwtConfiguration {
  bool enabled = false;  // an application's block applies only when enabled
  // Clamped to kMaxTimeToLive: create and update refuse larger values (ttl_rules), a document
  // written before that rule is read in range.
  std::optional<std::chrono::seconds> access_token_ttl;   // timeToLiveInSeconds
  std::optional<std::chrono::minutes> refresh_token_ttl;  // refreshTokenTimeToLiveInMinutes
  std::optional<RefreshExpiration> expiration;            // refreshTokenExpirationPolicy
  // refreshTokenSlidingWindowConfiguration.maximumTimeToLiveInMinutes
  std::optional<std::chrono::minutes> maximum_lifetime;
  // refreshTokenUsagePolicy: any string that is not OneTimeUse reads as Reusable.
  std::optional<RefreshUsage> usage;
  // refreshTokenOneTimeUseConfiguration.gracePeriodInSeconds, 0 .. 86400.
  std::optional<std::chrono::seconds> grace_period;
  // refreshTokenRevocationPolicy.onPasswordChanged / onLoginPrevented / onOneTimeTokenReuse.
  std::optional<bool> revoke_on_password_change;
  std::optional<bool> revoke_on_login_prevented;
  std::optional<bool> revoke_on_one_time_token_reuse;
  std::optional<Uuid> access_token_key_id;  // accessTokenKeyId, when it is a UUID
  std::optional<Uuid> id_token_key_id;      // idTokenKeyId, when it is a UUID
  // The key ids exactly as written, for "does this document name that key" (deleting a key,
  // which keys a tenant may see), which compares the text.
  std::optional<std::string> access_token_key_id_text;
  std::optional<std::string> id_token_key_id_text;
};

// `block` is the jwtConfiguration object, or null when the document has none.
JwtConfiguration parse_jwt_configuration(const json::object* block);

// The settings in force, with FusionAuth's defaults for what no block sets.
struct JwtSettings {
  std::chrono::seconds access_token_ttl{3600};
  std::chrono::minutes refresh_token_ttl{43200};
  RefreshExpiration expiration = RefreshExpiration::kFixed;
  std::chrono::minutes maximum_lifetime{43200};
  RefreshUsage usage = RefreshUsage::kReusable;
  std::chrono::seconds grace_period{0};
  bool revoke_on_password_change = true;
  bool revoke_on_login_prevented = true;
  bool revoke_on_one_time_token_reuse = true;
  std::optional<Uuid> access_token_key_id;
  std::optional<Uuid> id_token_key_id;
};

// The tenant's block over the defaults, then the application's over that when it is given and
// enabled. An enabled application without its own keys signs with the tenant's.
JwtSettings effective_jwt_settings(const JwtConfiguration& tenant,
                                   const JwtConfiguration* application);

std::string_view to_string(RefreshExpiration expiration);

}  // namespace latchkey::domain
