#include "services/oauth/oauth_service.hpp"

#include <gtest/gtest.h>

#include "core/base64.hpp"
#include "crypto/digest.hpp"
#include "service_fixture.hpp"
#include "services/common/oauth_rules.hpp"

namespace latchkey::services {
namespace {

constexpr std::string_view kRedirect = "https://rp.example/cb";
constexpr std::string_view kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

class OAuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto made = f.applications.create(
        f.admin(), std::nullopt,
        testing::parse(R"({"name":"RP","loginConfiguration":{"allowTokenRefresh":true},
          "oauthConfiguration":{"authorizedRedirectURLs":["https://rp.example/cb"],
          "enabledGrants":["authorization_code","password","refresh_token"],
          "generateRefreshTokens":true,"clientAuthenticationPolicy":"Required"}})"));
    ASSERT_TRUE(made);
    app = *made;
    secret = *json::get_string(app.data, "oauthConfiguration.clientSecret");
    auto registered = f.registrations.create(
        f.admin(), {std::nullopt, json::object{{"applicationId", app.id.str()}},
                    json::object{{"email", "ann@x.io"}, {"password", "password1"}}, false});
    ASSERT_TRUE(registered);
    user = registered->user.user;
  }

  std::string code_for(const std::optional<std::string>& challenge = std::nullopt) {
    AuthorizeRequest request;
    request.client_id = app.id.str();
    request.redirect_uri = std::string(kRedirect);
    request.response_type = "code";
    request.scope = "openid offline_access";
    request.state = "s";
    if (challenge) {
      request.code_challenge = challenge;
      request.code_challenge_method = "S256";
    }
    auto params = oauth.check_client(request);
    EXPECT_TRUE(params);
    EXPECT_TRUE(oauth.check_request(*params));
    const auto found = store().find_user(user.id);
    auto [cookie, session] = oauth.start_session(*found);
    auto location = oauth.issue_code(*params, session);
    EXPECT_TRUE(location);
    const auto at = location->find("code=") + 5;
    return location->substr(at, location->find('&', at) - at);
  }

  Result<json::object> exchange(const std::string& code,
                                const std::optional<std::string>& verifier = std::nullopt) {
    OAuthTokenRequest request;
    request.grant_type = "authorization_code";
    request.client_id = app.id.str();
    request.client_secret = secret;
    request.code = code;
    request.redirect_uri = std::string(kRedirect);
    request.code_verifier = verifier;
    return oauth.token(request);
  }

  // A second user, registered for the application, with extra user JSON members.
  void add_user(const std::string& email, const std::string& extra) {
    auto made = f.registrations.create(
        f.admin(),
        {std::nullopt, json::object{{"applicationId", app.id.str()}},
         testing::parse(R"({"email":")" + email + R"(","password":"password1")" + extra + "}"),
         false});
    ASSERT_TRUE(made);
  }

  Result<json::object> password_grant(const std::string& login_id) {
    OAuthTokenRequest request;
    request.grant_type = "password";
    request.client_id = app.id.str();
    request.client_secret = secret;
    request.login_id = login_id;
    request.password = "password1";
    return oauth.token(request);
  }

  store::Store& store() { return *f.store; }

  testing::ServiceFixture f;
  OAuthService oauth{*f.store,         f.config, f.clock, f.tokens,
                     f.refresh_tokens, f.login,  f.vault, f.revoked_access_tokens};
  domain::Application app{*Uuid::parse("00000000-0000-0000-0000-000000000001"),
                          *Uuid::parse("00000000-0000-0000-0000-000000000001"),
                          "",
                          true,
                          {}};
  domain::User user{*Uuid::parse("00000000-0000-0000-0000-000000000001"),
                    *Uuid::parse("00000000-0000-0000-0000-000000000001"),
                    {},
                    {},
                    true,
                    {},
                    {},
                    {}};
  std::string secret;
};

std::string reason(const Result<json::object>& result) {
  return result ? "" : result.error().oauth_error()->reason;
}

TEST_F(OAuthServiceTest, CodeExchangesOnceAndReplayRevokesItsRefreshToken) {
  const auto code = code_for();
  const auto first = exchange(code);
  ASSERT_TRUE(first) << first.error().log_detail();
  const std::string refresh = std::string(first->at("refresh_token").as_string());
  EXPECT_TRUE(f.refresh_tokens.find_by_value(refresh));

  const auto replay = exchange(code);
  EXPECT_EQ(reason(replay), "auth_code_not_found");
  // RFC 6749 §4.1.2: what the first exchange issued is revoked.
  EXPECT_FALSE(f.refresh_tokens.find_by_value(refresh));
}

TEST_F(OAuthServiceTest, ExpiredCodeIsRefused) {
  const auto code = code_for();
  f.clock.advance(std::chrono::seconds(31));
  EXPECT_EQ(reason(exchange(code)), "auth_code_not_found");
}

TEST_F(OAuthServiceTest, PkceVerifierIsChecked) {
  const auto challenge = base64::encode_url(crypto::sha256(kVerifier));
  const auto code = code_for(challenge);
  EXPECT_EQ(reason(exchange(code)), "missing_code_verifier");
  EXPECT_EQ(reason(exchange(code, std::string(43, 'a'))), "invalid_pkce_code_verifier");
  EXPECT_TRUE(exchange(code, std::string(kVerifier)));
}

TEST_F(OAuthServiceTest, WrongSecretIsA401) {
  const auto code = code_for();
  secret += "x";
  const auto refused = exchange(code);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().http_status(), HttpStatus::kUnauthorized);
  EXPECT_EQ(refused.error().oauth_error()->reason, "invalid_client_authentication");
}

TEST_F(OAuthServiceTest, UnregisteredRedirectUriIsRefusedBeforeAnythingElse) {
  AuthorizeRequest request;
  request.client_id = app.id.str();
  request.redirect_uri = "https://rp.example/cb/../evil";
  const auto refused = oauth.check_client(request);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().oauth_error()->reason, "invalid_redirect_uri");
}

TEST_F(OAuthServiceTest, EndedSessionIsGone) {
  const auto found = store().find_user(user.id);
  auto [cookie, session] = oauth.start_session(*found);
  EXPECT_TRUE(oauth.find_session(cookie));
  oauth.end_session(cookie);
  EXPECT_FALSE(oauth.find_session(cookie));
}

TEST_F(OAuthServiceTest, PasswordGrantNeedingASecondFactorCarriesTheTwoFactorIdAndMethods) {
  add_user("bob@x.io", R"(,"twoFactor":{"methods":[{"id":"AB12","method":"authenticator",
           "secret":"MTIzNDU2Nzg5MDEyMzQ1Njc4OTA="}]})");
  const auto refused = password_grant("bob@x.io");
  ASSERT_FALSE(refused);
  const auto& error = *refused.error().oauth_error();
  EXPECT_EQ(refused.error().http_status(), HttpStatus::kBadRequest);
  EXPECT_EQ(error.error, "two_factor_required");
  EXPECT_EQ(error.reason, "multi_factor_challenge_required");
  const auto id = json::get_string(error.members, "two_factor_id");
  ASSERT_TRUE(id);
  EXPECT_FALSE(id->empty());
  const auto* methods = json::get_array(error.members, "two_factor_methods");
  ASSERT_NE(methods, nullptr);
  ASSERT_EQ(methods->size(), 1U);
  EXPECT_EQ(json::get_string(methods->at(0).as_object(), "id"), "AB12");
  // Security: the authenticator's secret never leaves in an error.
  EXPECT_EQ(json::serialize(error.members).find("secret"), std::string::npos);

  // The id is the Login API's: it completes the login through /api/two-factor/login.
  TwoFactorLoginRequest second;
  second.two_factor_id = *id;
  second.code = "000000";
  const auto attempt = f.login.two_factor_login(second);
  ASSERT_FALSE(attempt);
  EXPECT_NE(attempt.error().http_status(), HttpStatus::kNotFound);  // known id, wrong code
}

TEST_F(OAuthServiceTest, PasswordGrantNeedingAPasswordChangeCarriesTheChangePasswordId) {
  add_user("cat@x.io", R"(,"passwordChangeRequired":true)");
  const auto refused = password_grant("cat@x.io");
  ASSERT_FALSE(refused);
  const auto& error = *refused.error().oauth_error();
  EXPECT_EQ(error.error, "change_password_required");
  EXPECT_EQ(error.reason, "change_password_administrative");
  const auto id = json::get_string(error.members, "change_password_id");
  ASSERT_TRUE(id);
  EXPECT_GE(id->size(), 32U);
  EXPECT_FALSE(error.members.contains("two_factor_id"));
}

TEST_F(OAuthServiceTest, SuccessfulPasswordGrantHasNoExtraMembers) {
  const auto granted = password_grant("ann@x.io");
  ASSERT_TRUE(granted) << granted.error().log_detail();
  EXPECT_FALSE(granted->contains("two_factor_id"));
}

Status revoke(OAuthService& oauth, const domain::Application& client, const std::string& secret,
              const std::string& token, std::optional<std::string> hint = std::nullopt) {
  OAuthTokenCheck check;
  check.client_id = client.id.str();
  check.client_secret = secret;
  check.token = token;
  check.token_type_hint = std::move(hint);
  return oauth.revoke(check);
}

TEST_F(OAuthServiceTest, RevokedAccessTokenNoLongerValidatesButItsRefreshTokenLives) {
  const auto granted = password_grant("ann@x.io");
  ASSERT_TRUE(granted);
  const std::string access(granted->at("access_token").as_string());
  ASSERT_TRUE(f.tokens.validate(access));
  ASSERT_TRUE(revoke(oauth, app, secret, access, "access_token"));
  EXPECT_FALSE(f.tokens.validate(access));
  // Idempotent (RFC 7009 §2.2), and nothing else is touched.
  EXPECT_TRUE(revoke(oauth, app, secret, access));
  EXPECT_TRUE(password_grant("ann@x.io"));
}

TEST_F(OAuthServiceTest, WithoutAHintAJwtIsRevokedAsAnAccessToken) {
  const auto granted = password_grant("ann@x.io");
  ASSERT_TRUE(granted);
  const std::string access(granted->at("access_token").as_string());
  ASSERT_TRUE(revoke(oauth, app, secret, access));
  EXPECT_FALSE(f.tokens.validate(access));
}

TEST_F(OAuthServiceTest, AnotherClientMayNotRevokeAnAccessToken) {
  auto made = f.applications.create(
      f.admin(), std::nullopt,
      testing::parse(R"({"name":"Other","oauthConfiguration":{"enabledGrants":["password"]}})"));
  ASSERT_TRUE(made);
  const auto other_secret = *json::get_string(made->data, "oauthConfiguration.clientSecret");
  const auto granted = password_grant("ann@x.io");
  ASSERT_TRUE(granted);
  const std::string access(granted->at("access_token").as_string());
  const auto refused = revoke(oauth, *made, other_secret, access, "access_token");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().http_status(), HttpStatus::kBadRequest);
  EXPECT_EQ(refused.error().oauth_error()->reason, "client_id_mismatch");
  EXPECT_TRUE(f.tokens.validate(access));
}

TEST_F(OAuthServiceTest, AnAccessTokenWithoutAJtiCannotBeRevoked) {
  auto vended = f.tokens.vend(f.default_tenant, json::object{{"aud", app.id.str()}, {"jti", 7}},
                              std::nullopt, std::nullopt);
  ASSERT_TRUE(vended);
  const auto refused = revoke(oauth, app, secret, vended->token, "access_token");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().oauth_error()->error, "unsupported_token_type");
  EXPECT_TRUE(f.tokens.validate(vended->token));
}

TEST_F(OAuthServiceTest, UnknownAndExpiredTokensAreAnswered200) {
  EXPECT_TRUE(revoke(oauth, app, secret, "not-a-token", "access_token"));
  const auto granted = password_grant("ann@x.io");
  ASSERT_TRUE(granted);
  f.clock.advance(std::chrono::hours(2));
  EXPECT_TRUE(revoke(oauth, app, secret, std::string(granted->at("access_token").as_string())));
  EXPECT_EQ(f.revoked_access_tokens.size(), 0U);  // nothing worth remembering
}

AuthorizeParams checked(OAuthService& oauth, const domain::Application& app,
                        std::optional<std::string> max_age) {
  AuthorizeRequest request;
  request.client_id = app.id.str();
  request.redirect_uri = std::string(kRedirect);
  request.response_type = "code";
  request.scope = "openid offline_access";
  request.state = "s";
  request.max_age = std::move(max_age);
  auto params = oauth.check_client(request);
  EXPECT_TRUE(params);
  return *params;
}

TEST_F(OAuthServiceTest, ASessionOlderThanMaxAgeMustSignInAgain) {
  const auto found = store().find_user(user.id);
  auto [cookie, session] = oauth.start_session(*found);
  EXPECT_TRUE(oauth.session_within_max_age(session, checked(oauth, app, std::nullopt)));
  EXPECT_TRUE(oauth.session_within_max_age(session, checked(oauth, app, "60")));
  // OpenID Connect Core §3.1.2.1: max_age=0 is a sign-in now, even a millisecond later.
  EXPECT_FALSE(oauth.session_within_max_age(session, checked(oauth, app, "0")));
  f.clock.advance(std::chrono::seconds(61));
  EXPECT_FALSE(oauth.session_within_max_age(session, checked(oauth, app, "60")));
  EXPECT_TRUE(oauth.session_within_max_age(session, checked(oauth, app, "61")));
  EXPECT_TRUE(oauth.session_within_max_age(session, checked(oauth, app, "9999999999")));
}

TEST_F(OAuthServiceTest, AMalformedMaxAgeIsARedirectableInvalidRequest) {
  const auto params = checked(oauth, app, "-5");
  const auto refused = oauth.check_request(params);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().oauth_error()->error, "invalid_request");
  EXPECT_EQ(refused.error().oauth_error()->reason, "invalid_max_age");
}

TEST_F(OAuthServiceTest, TheCodeRedirectNamesTheIssuer) {
  const auto params = checked(oauth, app, std::nullopt);
  EXPECT_EQ(params.issuer, issuer_of(*f.config.current()->settings(f.default_tenant)));
  const auto found = store().find_user(user.id);
  auto [cookie, session] = oauth.start_session(*found);
  const auto location = oauth.issue_code(params, session);
  ASSERT_TRUE(location);
  EXPECT_NE(location->find("&iss=" + services::oauth::url_encode(params.issuer)), std::string::npos)
      << *location;
}

TEST_F(OAuthServiceTest, LogoutRevokesTheRefreshTokensOfThatSessionOnly) {
  const auto found = store().find_user(user.id);
  auto [cookie, session] = oauth.start_session(*found);
  const auto params = checked(oauth, app, std::nullopt);
  const auto location = oauth.issue_code(params, session);
  ASSERT_TRUE(location);
  const auto at = location->find("code=") + 5;
  const auto through_session = exchange(location->substr(at, location->find('&', at) - at));
  ASSERT_TRUE(through_session) << through_session.error().log_detail();
  OAuthTokenRequest grant;
  grant.grant_type = "password";
  grant.client_id = app.id.str();
  grant.client_secret = secret;
  grant.login_id = "ann@x.io";
  grant.password = "password1";
  grant.scope = "offline_access";
  const auto elsewhere = oauth.token(grant);
  ASSERT_TRUE(elsewhere) << elsewhere.error().log_detail();
  const std::string session_token(through_session->at("refresh_token").as_string());
  const std::string other_token(elsewhere->at("refresh_token").as_string());

  oauth.logout_session(cookie, std::nullopt);
  EXPECT_FALSE(oauth.find_session(cookie));
  EXPECT_FALSE(f.refresh_tokens.find_by_value(session_token));
  EXPECT_TRUE(f.refresh_tokens.find_by_value(other_token));
}

TEST(OAuthClaims, CompatibilityUserinfoHasTheWholeTableWhateverTheScopes) {
  const domain::User user{*Uuid::parse("00000000-0000-0000-0000-000000000001"),
                          *Uuid::parse("00000000-0000-0000-0000-000000000001"),
                          "ann@x.io",
                          "ann",
                          true,
                          testing::parse(R"({"firstName":"Ann","middleName":"B","lastName":"Lee",
                            "fullName":"Ann B Lee","birthDate":"1980-02-03","verified":true,
                            "mobilePhone":"555","imageUrl":"https://x.io/a.png"})"),
                          {},
                          {}};
  const auto claims = compatibility_userinfo_claims(user);
  EXPECT_EQ(json::serialize(claims),
            json::serialize(testing::parse(R"({"birthdate":"1980-02-03","email":"ann@x.io",
              "email_verified":true,"family_name":"Lee","given_name":"Ann","middle_name":"B",
              "name":"Ann B Lee","phone_number":"555","picture":"https://x.io/a.png",
              "preferred_username":"ann"})")));
  // Strict without scopes gives none of them.
  EXPECT_TRUE(user_claims(user, {}, false).empty());
}

}  // namespace
}  // namespace latchkey::services
