// grant_type=password: the Login API outcome in OAuth words.
#include <gtest/gtest.h>

#include "login_answer.hpp"
#include "oauth_test_fixture.hpp"

namespace latchkey::services {
namespace {

TEST_F(OAuthTest, PasswordGrantNeedingASecondFactorCarriesTheTwoFactorIdAndMethods) {
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
  const auto attempt = testing::answer(f.login.two_factor_login(second));
  ASSERT_FALSE(attempt);
  EXPECT_NE(attempt.error().http_status(), HttpStatus::kNotFound);  // known id, wrong code
}

TEST_F(OAuthTest, PasswordGrantNeedingAPasswordChangeCarriesTheChangePasswordId) {
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

TEST_F(OAuthTest, SuccessfulPasswordGrantHasNoExtraMembers) {
  const auto granted = password_grant("ann@x.io");
  ASSERT_TRUE(granted) << granted.error().log_detail();
  EXPECT_FALSE(granted->contains("two_factor_id"));
}

}  // namespace
}  // namespace latchkey::services
