#include "domain/tenant_settings.hpp"

namespace latchkey::domain {

TenantSettings parse_tenant_settings(const json::object& tenant) {
  TenantSettings settings;
  settings.issuer = json::get_string(tenant, "issuer").value_or(settings.issuer);
  settings.jwt = parse_jwt_configuration(json::get_object(tenant, "jwtConfiguration"));

  auto& encryption = settings.password_encryption;
  encryption.scheme = json::get_string(tenant, "passwordEncryptionConfiguration.encryptionScheme")
                          .value_or(encryption.scheme);
  encryption.factor =
      json::get_int(tenant, "passwordEncryptionConfiguration.encryptionSchemeFactor");
  encryption.modify_on_login =
      json::get_bool(tenant, "passwordEncryptionConfiguration.modifyEncryptionSchemeOnLogin")
          .value_or(false);

  auto& rules = settings.password_rules;
  rules.min_length = json::get_int(tenant, "passwordValidationRules.minLength").value_or(8);
  rules.max_length = json::get_int(tenant, "passwordValidationRules.maxLength").value_or(256);

  settings.lockout = lockout_policy(tenant);

  auto& lifetimes = settings.lifetimes;
  const auto lifetime = [&](std::string_view member, std::int64_t& target) {
    target = json::get_int(tenant, "externalIdentifierConfiguration." + std::string(member))
                 .value_or(target);
  };
  lifetime("twoFactorIdTimeToLiveInSeconds", lifetimes.two_factor_id);
  lifetime("authorizationGrantIdTimeToLiveInSeconds", lifetimes.authorization_grant_id);
  lifetime("changePasswordIdTimeToLiveInSeconds", lifetimes.change_password_id);
  lifetime("oneTimePasswordTimeToLiveInSeconds", lifetimes.one_time_password);
  lifetime("pendingAccountLinkTimeToLiveInSeconds", lifetimes.pending_account_link);

  settings.login_requires_authentication =
      json::get_bool(tenant, "loginConfiguration.requireAuthentication").value_or(true);
  settings.email_verification_gates_login =
      json::get_bool(tenant, "emailConfiguration.verifyEmail").value_or(false) &&
      json::get_string(tenant, "emailConfiguration.unverified.behavior").value_or("Allow") ==
          "Gated";
  settings.http_session_max_inactive_interval =
      json::get_int(tenant, "httpSessionMaxInactiveInterval").value_or(3600);
  settings.logout_url = json::get_string(tenant, "oauthConfiguration.logoutURL").value_or("");
  return settings;
}

}  // namespace latchkey::domain
