// SSO sessions, max_age and logout.
#include <gtest/gtest.h>

#include "oauth_test_fixture.hpp"

namespace latchkey::services {
namespace {

TEST_F(OAuthTest, EndedSessionIsGone) {
  const auto found = store().find_user(user.id);
  auto [cookie, session] = sessions.start(*found);
  EXPECT_TRUE(sessions.find(cookie));
  sessions.end(cookie);
  EXPECT_FALSE(sessions.find(cookie));
}

TEST_F(OAuthTest, ASessionOlderThanMaxAgeMustSignInAgain) {
  const auto found = store().find_user(user.id);
  auto [cookie, session] = sessions.start(*found);
  EXPECT_TRUE(sessions.within_max_age(session, checked(std::nullopt)));
  EXPECT_TRUE(sessions.within_max_age(session, checked("60")));
  // OpenID Connect Core §3.1.2.1: max_age=0 is a sign-in now, even a millisecond later.
  EXPECT_FALSE(sessions.within_max_age(session, checked("0")));
  f.clock.advance(std::chrono::seconds(61));
  EXPECT_FALSE(sessions.within_max_age(session, checked("60")));
  EXPECT_TRUE(sessions.within_max_age(session, checked("61")));
  EXPECT_TRUE(sessions.within_max_age(session, checked("9999999999")));
}

TEST_F(OAuthTest, LogoutRevokesTheRefreshTokensOfThatSessionOnly) {
  const auto found = store().find_user(user.id);
  auto [cookie, session] = sessions.start(*found);
  const auto params = checked(std::nullopt);
  const auto location = codes.issue(params, session);
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
  const auto elsewhere = token_endpoint.token(grant);
  ASSERT_TRUE(elsewhere) << elsewhere.error().log_detail();
  const std::string session_token(through_session->at("refresh_token").as_string());
  const std::string other_token(elsewhere->at("refresh_token").as_string());

  sessions.logout(cookie, std::nullopt);
  EXPECT_FALSE(sessions.find(cookie));
  EXPECT_FALSE(f.refresh_tokens.find_by_value(session_token));
  EXPECT_TRUE(f.refresh_tokens.find_by_value(other_token));
}

}  // namespace
}  // namespace latchkey::services
