#include "services/login_service.hpp"

#include <gtest/gtest.h>

#include "core/base64.hpp"
#include "crypto/totp.hpp"
#include "service_fixture.hpp"

namespace latchkey::services {
namespace {

using testing::parse;

class LoginServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto app = f.applications.create(
        f.admin(), std::nullopt, parse(R"({"name":"App","roles":[{"name":"user","isDefault":true}],
                  "loginConfiguration":{"generateRefreshTokens":true}})"));
    ASSERT_TRUE(app);
    app_id = app->id.str();
  }

  Uuid add_user(const std::string& extra = "") {
    auto made = f.registrations.create(
        f.admin(), {std::nullopt, json::object{{"applicationId", app_id}},
                    parse(R"({"email":"ann@x.io","password":"password1")" + extra + "}"), false});
    EXPECT_TRUE(made);
    return made->user.user.id;
  }

  Result<LoginOutcome> login(const std::string& password, bool with_app = true) {
    LoginRequest request;
    request.login_id = "ann@x.io";
    request.password = Secret(password);
    if (with_app) request.application_id = app_id;
    return f.login.login(f.admin(), request);
  }

  void lock_after(int attempts) {
    ASSERT_TRUE(f.tenants.patch(
        f.admin(), f.default_tenant.id,
        parse(R"({"failedAuthenticationConfiguration":{"tooManyAttempts":)" +
              std::to_string(attempts) +
              R"(,"userActionId":"00000000-0000-4000-8000-00000000a11c","actionDuration":5,
                 "actionDurationUnit":"MINUTES"}})"),
        PatchStyle::kLegacyMerge));
  }

  testing::ServiceFixture f;
  std::string app_id;
};

TEST_F(LoginServiceTest, RegisteredUserGetsTokenRefreshTokenAndLastLoginInstant) {
  const Uuid user = add_user();
  const auto outcome = login("password1");
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->status, HttpStatus::kOk);
  ASSERT_TRUE(outcome->access_token);
  EXPECT_EQ(json::get_string(outcome->access_token->claims, "authenticationType"), "PASSWORD");
  EXPECT_EQ(json::get_string(outcome->access_token->claims, "applicationId"), app_id);
  ASSERT_TRUE(outcome->refresh_token);
  EXPECT_EQ(json::get_string(outcome->access_token->claims, "sid"),
            outcome->refresh_token->record.id.str());
  EXPECT_EQ(json::get_int(f.store->find_user(user)->data, "lastLoginInstant"),
            to_epoch_ms(f.clock.now()));
}

TEST_F(LoginServiceTest, WrongPasswordAndUnknownLoginIdAreTheSame404) {
  add_user();
  const auto wrong = login("password2");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().http_status(), HttpStatus::kNotFound);
  EXPECT_FALSE(wrong.error().has_body());
  LoginRequest unknown;
  unknown.login_id = "nobody@x.io";
  unknown.password = Secret("password1");
  const auto missing = f.login.login(f.admin(), unknown);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().http_status(), HttpStatus::kNotFound);
  EXPECT_FALSE(missing.error().has_body());
}

TEST_F(LoginServiceTest, UnregisteredUserGets202WithoutApplicationClaims) {
  ASSERT_TRUE(f.users.create(f.admin(), std::nullopt,
                             parse(R"({"email":"ann@x.io","password":"password1"})")));
  const auto outcome = login("password1");
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->status, HttpStatus::kAccepted);
  EXPECT_FALSE(outcome->access_token->claims.contains("applicationId"));
  EXPECT_FALSE(outcome->access_token->claims.contains("roles"));
  EXPECT_FALSE(outcome->refresh_token);
}

TEST_F(LoginServiceTest, LockoutRefusesEvenTheRightPasswordUntilItExpires) {
  add_user();
  lock_after(2);
  ASSERT_FALSE(login("bad-1"));
  ASSERT_FALSE(login("bad-2"));
  const auto locked = login("password1");
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, HttpStatus::kConflict);
  EXPECT_FALSE(locked->access_token);
  f.clock.advance(std::chrono::minutes(6));
  const auto later = login("password1");
  ASSERT_TRUE(later);
  EXPECT_EQ(later->status, HttpStatus::kOk);
}

TEST_F(LoginServiceTest, FailuresOutsideTheResetWindowDoNotAccumulate) {
  add_user();
  lock_after(2);
  ASSERT_FALSE(login("bad-1"));
  f.clock.advance(std::chrono::seconds(61));
  ASSERT_FALSE(login("bad-2"));
  const auto outcome = login("password1");
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->status, HttpStatus::kOk);
}

TEST_F(LoginServiceTest, ExpiredUserIsGone) {
  add_user(R"(,"expiry":1)");
  const auto outcome = login("password1");
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().http_status(), HttpStatus::kGone);
}

TEST_F(LoginServiceTest, PasswordChangeRequiredIs203WithoutTokens) {
  add_user(R"(,"passwordChangeRequired":true)");
  const auto outcome = login("password1");
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->status, HttpStatus::kNonAuthoritative);
  EXPECT_TRUE(outcome->body.contains("changePasswordId"));
  EXPECT_FALSE(outcome->access_token);
}

TEST_F(LoginServiceTest, TwoFactorCompletesOnceWithAValidCode) {
  const std::string secret = "12345678901234567890";
  add_user(R"(,"twoFactor":{"methods":[{"method":"authenticator","secret":")" +
           base64::encode(secret) + R"("}]})");
  const auto first = login("password1");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, HttpStatus::kTwoFactorRequired);
  const std::string id = *json::get_string(first->body, "twoFactorId");
  EXPECT_EQ(json::serialize(first->body).find("secret"), std::string::npos);

  TwoFactorLoginRequest wrong{id, "000000", std::nullopt, std::nullopt, false, {}};
  if (crypto::totp(secret, f.clock.now()) == "000000") wrong.code = "111111";
  const auto refused = f.login.two_factor_login(wrong);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().http_status(), HttpStatus::kInvalidTwoFactorCode);

  TwoFactorLoginRequest right{
      id, crypto::totp(secret, f.clock.now()), std::nullopt, std::nullopt, false, {}};
  const auto done = f.login.two_factor_login(right);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, HttpStatus::kOk);
  EXPECT_TRUE(done->access_token);
  const auto again = f.login.two_factor_login(right);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().http_status(), HttpStatus::kNotFound);
}

TEST_F(LoginServiceTest, ATwoFactorIdExpires) {
  add_user(R"(,"twoFactor":{"methods":[{"method":"authenticator","secret":"MTIzNDU2Nzg5MDEy"}]})");
  const auto first = login("password1");
  ASSERT_TRUE(first);
  f.clock.advance(std::chrono::seconds(301));
  const auto late = f.login.two_factor_login({*json::get_string(first->body, "twoFactorId"),
                                              crypto::totp("123456789012", f.clock.now()),
                                              std::nullopt,
                                              std::nullopt,
                                              false,
                                              {}});
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().http_status(), HttpStatus::kNotFound);
}

TEST_F(LoginServiceTest, ChangingThePasswordRevokesTheUsersRefreshTokens) {
  const Uuid user = add_user();
  const auto outcome = login("password1");
  ASSERT_TRUE(outcome && outcome->refresh_token);
  ASSERT_TRUE(f.store->find_refresh_token(outcome->refresh_token->record.id));
  ASSERT_TRUE(f.users.patch(f.admin(), user, parse(R"({"password":"password2"})"),
                            PatchStyle::kLegacyMerge));
  EXPECT_FALSE(f.store->find_refresh_token(outcome->refresh_token->record.id));
  EXPECT_TRUE(login("password2"));
}

TEST_F(LoginServiceTest, DeactivatingAUserRevokesItsRefreshTokens) {
  const Uuid user = add_user();
  const auto outcome = login("password1");
  ASSERT_TRUE(outcome && outcome->refresh_token);
  ASSERT_TRUE(f.users.remove(f.admin(), user, false));
  EXPECT_FALSE(f.store->find_refresh_token(outcome->refresh_token->record.id));
}

TEST_F(LoginServiceTest, LockoutRevokesTheUsersRefreshTokens) {
  add_user();
  const auto outcome = login("password1");
  ASSERT_TRUE(outcome && outcome->refresh_token);
  lock_after(1);
  ASSERT_FALSE(login("bad-1"));
  EXPECT_FALSE(f.store->find_refresh_token(outcome->refresh_token->record.id));
}

TEST_F(LoginServiceTest, NoJwtIssuesNothing) {
  add_user();
  LoginRequest request;
  request.login_id = "ann@x.io";
  request.password = Secret("password1");
  request.application_id = app_id;
  request.no_jwt = true;
  const auto outcome = f.login.login(f.admin(), request);
  ASSERT_TRUE(outcome);
  EXPECT_FALSE(outcome->access_token);
  EXPECT_FALSE(outcome->refresh_token);
  EXPECT_FALSE(outcome->body.contains("token"));
}

}  // namespace
}  // namespace latchkey::services
