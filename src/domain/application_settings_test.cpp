#include "domain/application_settings.hpp"

#include <gtest/gtest.h>

#include <set>

namespace latchkey::domain {
namespace {

ApplicationSettings parse(std::string_view text) {
  return parse_application_settings(*json::parse_object(text));
}

OAuthConfiguration oauth(std::string_view text) {
  return parse_application_settings(json::object{{"oauthConfiguration", *json::parse_object(text)}})
      .oauth;
}

TEST(ApplicationSettings, AnEmptyDocumentGetsFusionAuthsDefaults) {
  const auto settings = parse_application_settings(json::object{});
  EXPECT_FALSE(settings.jwt.enabled);
  EXPECT_TRUE(settings.login.require_authentication);
  EXPECT_FALSE(settings.login.generate_refresh_tokens);
  EXPECT_FALSE(settings.login.allow_token_refresh);
  EXPECT_FALSE(settings.verify_registration);
  const auto& o = settings.oauth;
  EXPECT_TRUE(o.client_secret.empty());
  EXPECT_TRUE(o.authorized_redirect_urls.empty());
  EXPECT_TRUE(o.enabled_grants.empty());
  EXPECT_EQ(o.client_authentication, ClientAuthentication::kRequired);
  EXPECT_EQ(o.pkce, PkcePolicy::kNotRequired);
  EXPECT_EQ(o.unknown_scope, UnknownScopePolicy::kReject);
  EXPECT_EQ(o.scope_handling, ScopeHandling::kStrict);
  EXPECT_FALSE(o.require_registration);
  EXPECT_FALSE(o.generate_refresh_tokens);
  EXPECT_EQ(o.logout_url, "");
}

TEST(ApplicationSettings, ReadsEveryMember) {
  const auto settings = parse(R"({
    "jwtConfiguration":{"enabled":true,"timeToLiveInSeconds":5},
    "loginConfiguration":{"requireAuthentication":false,"generateRefreshTokens":true,
                          "allowTokenRefresh":true},
    "verifyRegistration":true,
    "oauthConfiguration":{"clientSecret":"s3cret",
      "authorizedRedirectURLs":["https://a.example/cb",7,"com.example:/cb"],
      "enabledGrants":["authorization_code","refresh_token"],
      "clientAuthenticationPolicy":"NotRequiredWhenUsingPKCE",
      "proofKeyForCodeExchangePolicy":"Required","unknownScopePolicy":"Remove",
      "scopeHandlingPolicy":"Compatibility","requireRegistration":true,
      "generateRefreshTokens":true,"logoutURL":"https://a.example/bye"}})");
  EXPECT_TRUE(settings.jwt.enabled);
  EXPECT_EQ(settings.jwt.access_token_ttl, std::chrono::seconds(5));
  EXPECT_FALSE(settings.login.require_authentication);
  EXPECT_TRUE(settings.login.generate_refresh_tokens);
  EXPECT_TRUE(settings.login.allow_token_refresh);
  EXPECT_TRUE(settings.verify_registration);
  const auto& o = settings.oauth;
  EXPECT_EQ(o.client_secret.reveal(), "s3cret");
  EXPECT_EQ(o.authorized_redirect_urls,
            (std::vector<std::string>{"https://a.example/cb", "com.example:/cb"}));
  EXPECT_EQ(o.enabled_grants, (std::vector<std::string>{"authorization_code", "refresh_token"}));
  EXPECT_EQ(o.client_authentication, ClientAuthentication::kNotRequiredWhenUsingPkce);
  EXPECT_EQ(o.pkce, PkcePolicy::kRequired);
  EXPECT_EQ(o.unknown_scope, UnknownScopePolicy::kRemove);
  EXPECT_EQ(o.scope_handling, ScopeHandling::kCompatibility);
  EXPECT_TRUE(o.require_registration);
  EXPECT_TRUE(o.generate_refresh_tokens);
  EXPECT_EQ(o.logout_url, "https://a.example/bye");
}

TEST(ApplicationSettings, CustomScopesAreTheNamesOfTheApplicationsScopes) {
  const auto settings = parse(R"({"scopes":[{"id":"x","name":"balance:read"},{"id":"y"},7,
                                            {"name":"transactions.read"}]})");
  EXPECT_EQ(settings.oauth.custom_scopes,
            (std::vector<std::string>{"balance:read", "transactions.read"}));
  EXPECT_TRUE(parse("{}").oauth.custom_scopes.empty());
}

TEST(ApplicationSettings, ClientAuthenticationPrefersThePolicyOverTheOlderFlag) {
  EXPECT_EQ(oauth(R"({"requireClientAuthentication":false})").client_authentication,
            ClientAuthentication::kNotRequired);
  EXPECT_EQ(oauth(R"({"requireClientAuthentication":true})").client_authentication,
            ClientAuthentication::kRequired);
  EXPECT_EQ(
      oauth(R"({"requireClientAuthentication":false,"clientAuthenticationPolicy":"Required"})")
          .client_authentication,
      ClientAuthentication::kRequired);
  EXPECT_EQ(oauth(R"({"clientAuthenticationPolicy":"NotRequired"})").client_authentication,
            ClientAuthentication::kNotRequired);
  EXPECT_EQ(oauth(R"({"clientAuthenticationPolicy":"Bogus"})").client_authentication,
            ClientAuthentication::kRequired);
}

TEST(ApplicationSettings, UnknownPolicyNamesReadAsTheDefaults) {
  const auto o = oauth(R"({"proofKeyForCodeExchangePolicy":"Bogus","unknownScopePolicy":"Bogus",
                           "scopeHandlingPolicy":"Bogus"})");
  EXPECT_EQ(o.pkce, PkcePolicy::kNotRequired);
  EXPECT_EQ(o.unknown_scope, UnknownScopePolicy::kReject);
  EXPECT_EQ(o.scope_handling, ScopeHandling::kStrict);
  EXPECT_EQ(
      oauth(R"({"proofKeyForCodeExchangePolicy":"NotRequiredWhenUsingClientAuthentication"})").pkce,
      PkcePolicy::kNotRequiredWhenUsingClientAuthentication);
  EXPECT_EQ(oauth(R"({"unknownScopePolicy":"Allow"})").unknown_scope, UnknownScopePolicy::kAllow);
}

}  // namespace
}  // namespace latchkey::domain

namespace latchkey::domain {
namespace {

TEST(ApplicationSettings, RolesAreTheNamedOnesAndTheDefaultsAmongThem) {
  const auto parsed = *json::parse_object(R"({"roles": [
      {"name": "user", "isDefault": true}, {"name": "admin"}, {"isDefault": true},
      "not-an-object", {"name": "editor", "isDefault": true}]})");
  const auto settings = parse_application_settings(parsed);
  EXPECT_EQ(settings.role_names, (std::set<std::string>{"admin", "editor", "user"}));
  EXPECT_EQ(settings.default_role_names, (std::set<std::string>{"editor", "user"}));
  EXPECT_TRUE(parse_application_settings(json::object{}).role_names.empty());
}

}  // namespace
}  // namespace latchkey::domain
