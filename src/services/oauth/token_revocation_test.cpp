// POST /oauth2/revoke.
#include <gtest/gtest.h>

#include "oauth_test_fixture.hpp"

namespace latchkey::services {
namespace {

TEST_F(OAuthTest, RevokedAccessTokenNoLongerValidatesButItsRefreshTokenLives) {
  const auto granted = password_grant("ann@x.io");
  ASSERT_TRUE(granted);
  const std::string access(granted->at("access_token").as_string());
  ASSERT_TRUE(f.tokens.validate(access));
  ASSERT_TRUE(revoke(app, secret, access, "access_token"));
  EXPECT_FALSE(f.tokens.validate(access));
  // Idempotent (RFC 7009 §2.2), and nothing else is touched.
  EXPECT_TRUE(revoke(app, secret, access));
  EXPECT_TRUE(password_grant("ann@x.io"));
}

TEST_F(OAuthTest, WithoutAHintAJwtIsRevokedAsAnAccessToken) {
  const auto granted = password_grant("ann@x.io");
  ASSERT_TRUE(granted);
  const std::string access(granted->at("access_token").as_string());
  ASSERT_TRUE(revoke(app, secret, access));
  EXPECT_FALSE(f.tokens.validate(access));
}

TEST_F(OAuthTest, AnotherClientMayNotRevokeAnAccessToken) {
  auto made = f.applications.create(
      f.admin(), std::nullopt,
      testing::parse(R"({"name":"Other","oauthConfiguration":{"enabledGrants":["password"]}})"));
  ASSERT_TRUE(made);
  const auto other_secret = *json::get_string(made->data, "oauthConfiguration.clientSecret");
  const auto granted = password_grant("ann@x.io");
  ASSERT_TRUE(granted);
  const std::string access(granted->at("access_token").as_string());
  const auto refused = revoke(*made, other_secret, access, "access_token");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().http_status(), HttpStatus::kBadRequest);
  EXPECT_EQ(refused.error().oauth_error()->reason, "client_id_mismatch");
  EXPECT_TRUE(f.tokens.validate(access));
}

TEST_F(OAuthTest, AnAccessTokenWithoutAJtiCannotBeRevoked) {
  auto vended = f.tokens.vend(f.default_tenant, json::object{{"aud", app.id.str()}, {"jti", 7}},
                              std::nullopt, std::nullopt);
  ASSERT_TRUE(vended);
  const auto refused = revoke(app, secret, vended->token, "access_token");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().oauth_error()->error, "unsupported_token_type");
  EXPECT_TRUE(f.tokens.validate(vended->token));
}

TEST_F(OAuthTest, UnknownAndExpiredTokensAreAnswered200) {
  EXPECT_TRUE(revoke(app, secret, "not-a-token", "access_token"));
  const auto granted = password_grant("ann@x.io");
  ASSERT_TRUE(granted);
  f.clock.advance(std::chrono::hours(2));
  EXPECT_TRUE(revoke(app, secret, std::string(granted->at("access_token").as_string())));
  EXPECT_EQ(f.revoked_access_tokens.size(), 0U);  // nothing worth remembering
}

}  // namespace
}  // namespace latchkey::services
