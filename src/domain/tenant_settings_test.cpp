#include "domain/tenant_settings.hpp"

#include <gtest/gtest.h>

namespace latchkey::domain {
namespace {

TenantSettings parse(std::string_view text) {
  return parse_tenant_settings(*json::parse_object(text));
}

TEST(TenantSettings, AnEmptyDocumentGetsFusionAuthsDefaults) {
  const auto settings = parse_tenant_settings(json::object{});
  EXPECT_EQ(settings.issuer, "acme.com");
  EXPECT_FALSE(settings.jwt.access_token_ttl);
  EXPECT_EQ(settings.password_encryption.scheme, "salted-pbkdf2-hmac-sha256");
  EXPECT_FALSE(settings.password_encryption.factor);
  EXPECT_FALSE(settings.password_encryption.modify_on_login);
  EXPECT_EQ(settings.password_rules.min_length, 8);
  EXPECT_EQ(settings.password_rules.max_length, 256);
  EXPECT_EQ(settings.lockout.too_many_attempts, 5);
  EXPECT_EQ(settings.lifetimes.two_factor_id, 300);
  EXPECT_EQ(settings.lifetimes.authorization_grant_id, 30);
  EXPECT_EQ(settings.lifetimes.change_password_id, 600);
  EXPECT_EQ(settings.lifetimes.one_time_password, 60);
  EXPECT_EQ(settings.lifetimes.pending_account_link, 3600);
  EXPECT_TRUE(settings.login_requires_authentication);
  EXPECT_FALSE(settings.email_verification_gates_login);
  EXPECT_EQ(settings.http_session_max_inactive_interval, 3600);
  EXPECT_EQ(settings.logout_url, "");
}

TEST(TenantSettings, ReadsEveryMember) {
  const auto settings = parse(R"({
    "issuer":"https://id.example",
    "jwtConfiguration":{"timeToLiveInSeconds":120,
                        "accessTokenKeyId":"11111111-1111-4111-8111-111111111111"},
    "passwordEncryptionConfiguration":{"encryptionScheme":"bcrypt","encryptionSchemeFactor":12,
                                       "modifyEncryptionSchemeOnLogin":true},
    "passwordValidationRules":{"minLength":12,"maxLength":64},
    "failedAuthenticationConfiguration":{"tooManyAttempts":3,"userActionId":"a"},
    "externalIdentifierConfiguration":{"twoFactorIdTimeToLiveInSeconds":301,
      "authorizationGrantIdTimeToLiveInSeconds":31,"changePasswordIdTimeToLiveInSeconds":601,
      "oneTimePasswordTimeToLiveInSeconds":61,"pendingAccountLinkTimeToLiveInSeconds":3601},
    "loginConfiguration":{"requireAuthentication":false},
    "emailConfiguration":{"verifyEmail":true,"unverified":{"behavior":"Gated"}},
    "httpSessionMaxInactiveInterval":7200,
    "oauthConfiguration":{"logoutURL":"https://app.example/bye"}})");
  EXPECT_EQ(settings.issuer, "https://id.example");
  EXPECT_EQ(settings.jwt.access_token_ttl, std::chrono::seconds(120));
  EXPECT_EQ(settings.jwt.access_token_key_id, Uuid::parse("11111111-1111-4111-8111-111111111111"));
  EXPECT_EQ(settings.password_encryption.scheme, "bcrypt");
  EXPECT_EQ(settings.password_encryption.factor, 12);
  EXPECT_TRUE(settings.password_encryption.modify_on_login);
  EXPECT_EQ(settings.password_rules.min_length, 12);
  EXPECT_EQ(settings.password_rules.max_length, 64);
  EXPECT_EQ(settings.lockout.too_many_attempts, 3);
  EXPECT_EQ(settings.lockout.user_action_id, "a");
  EXPECT_EQ(settings.lifetimes.two_factor_id, 301);
  EXPECT_EQ(settings.lifetimes.authorization_grant_id, 31);
  EXPECT_EQ(settings.lifetimes.change_password_id, 601);
  EXPECT_EQ(settings.lifetimes.one_time_password, 61);
  EXPECT_EQ(settings.lifetimes.pending_account_link, 3601);
  EXPECT_FALSE(settings.login_requires_authentication);
  EXPECT_TRUE(settings.email_verification_gates_login);
  EXPECT_EQ(settings.http_session_max_inactive_interval, 7200);
  EXPECT_EQ(settings.logout_url, "https://app.example/bye");
}

TEST(TenantSettings, EmailVerificationGatesLoginOnlyWhenVerifiedAndGated) {
  EXPECT_FALSE(parse(R"({"emailConfiguration":{"verifyEmail":true}})")
                   .email_verification_gates_login);  // behavior Allow by default
  EXPECT_FALSE(parse(R"({"emailConfiguration":{"unverified":{"behavior":"Gated"}}})")
                   .email_verification_gates_login);
  EXPECT_FALSE(
      parse(R"({"emailConfiguration":{"verifyEmail":true,"unverified":{"behavior":"Allow"}}})")
          .email_verification_gates_login);
}

}  // namespace
}  // namespace latchkey::domain
