#pragma once
// A tenant's settings as typed values, parsed once from its FusionAuth document when the config
// snapshot is built (spec/tenants-applications.md, "Tenant fields"), so no service reads them
// out of JSON. Absent members get FusionAuth's defaults; where services apply different
// fallbacks to one member (the hash factor), the view keeps it optional.
//
//   const TenantSettings settings = parse_tenant_settings(tenant.data);
//   if (settings.login.require_authentication) ...

#include <cstdint>
#include <optional>
#include <string>

#include "core/json.hpp"
#include "domain/jwt_settings.hpp"
#include "domain/lockout_policy.hpp"

namespace latchkey::domain {

inline constexpr std::string_view kDefaultEncryptionScheme = "salted-pbkdf2-hmac-sha256";

// passwordEncryptionConfiguration: how new passwords are hashed.
struct PasswordEncryption {
  std::string scheme{kDefaultEncryptionScheme};  // encryptionScheme
  // encryptionSchemeFactor: absent means "the scheme's default", which each use spells out.
  std::optional<std::int64_t> factor;
  bool modify_on_login = false;  // modifyEncryptionSchemeOnLogin
};

// passwordValidationRules: the length a new password must have.
struct PasswordRules {
  std::int64_t min_length = 8;    // minLength
  std::int64_t max_length = 256;  // maxLength
};

// externalIdentifierConfiguration: how long the identifiers Latchkey mints live, in seconds,
// as written (each use keeps its own floor).
struct ExternalIdentifierLifetimes {
  std::int64_t two_factor_id = 300;          // twoFactorIdTimeToLiveInSeconds
  std::int64_t authorization_grant_id = 30;  // authorizationGrantIdTimeToLiveInSeconds
  std::int64_t change_password_id = 600;     // changePasswordIdTimeToLiveInSeconds
  std::int64_t one_time_password = 60;       // oneTimePasswordTimeToLiveInSeconds
  std::int64_t pending_account_link = 3600;  // pendingAccountLinkTimeToLiveInSeconds
};

struct TenantSettings {
  std::string issuer = "acme.com";  // issuer: every token's iss
  JwtConfiguration jwt;             // jwtConfiguration (its `enabled` means nothing here)
  PasswordEncryption password_encryption;
  PasswordRules password_rules;
  LockoutPolicy lockout;  // failedAuthenticationConfiguration
  ExternalIdentifierLifetimes lifetimes;
  // loginConfiguration.requireAuthentication: an API key is needed on /api/login without an
  // applicationId.
  bool login_requires_authentication = true;
  // emailConfiguration.verifyEmail with unverified.behavior Gated: an unverified user's login
  // answers 212.
  bool email_verification_gates_login = false;
  std::int64_t http_session_max_inactive_interval = 3600;  // httpSessionMaxInactiveInterval
  std::string logout_url;  // oauthConfiguration.logoutURL; empty when none
};

TenantSettings parse_tenant_settings(const json::object& tenant);

}  // namespace latchkey::domain
