#include "services/users/login_service.hpp"

#include <gtest/gtest.h>

#include "login_answer.hpp"

#include <thread>
#include <vector>

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

  Result<testing::LoginAnswer> login(const std::string& password, bool with_app = true) {
    LoginRequest request;
    request.login_id = "ann@x.io";
    request.password = Secret(password);
    if (with_app) request.application_id = app_id;
    return testing::answer(f.login.login(f.admin(), request));
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
  const auto missing = testing::answer(f.login.login(f.admin(), unknown));
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
  const auto refused = testing::answer(f.login.two_factor_login(wrong));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().http_status(), HttpStatus::kInvalidTwoFactorCode);

  TwoFactorLoginRequest right{
      id, crypto::totp(secret, f.clock.now()), std::nullopt, std::nullopt, false, {}};
  const auto done = testing::answer(f.login.two_factor_login(right));
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, HttpStatus::kOk);
  EXPECT_TRUE(done->access_token);
  const auto again = testing::answer(f.login.two_factor_login(right));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().http_status(), HttpStatus::kNotFound);
}

TEST_F(LoginServiceTest, ATwoFactorIdExpires) {
  add_user(R"(,"twoFactor":{"methods":[{"method":"authenticator","secret":"MTIzNDU2Nzg5MDEy"}]})");
  const auto first = login("password1");
  ASSERT_TRUE(first);
  f.clock.advance(std::chrono::seconds(301));
  const auto late =
      testing::answer(f.login.two_factor_login({*json::get_string(first->body, "twoFactorId"),
                                                crypto::totp("123456789012", f.clock.now()),
                                                std::nullopt,
                                                std::nullopt,
                                                false,
                                                {}}));
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
  const auto outcome = testing::answer(f.login.login(f.admin(), request));
  ASSERT_TRUE(outcome);
  EXPECT_FALSE(outcome->access_token);
  EXPECT_FALSE(outcome->refresh_token);
  EXPECT_FALSE(outcome->body.contains("token"));
}

constexpr std::string_view kTotpSecret = "12345678901234567890";

std::string authenticator_extra() {
  return R"(,"twoFactor":{"methods":[{"method":"authenticator","secret":")" +
         base64::encode(kTotpSecret) + R"("}]})";
}

TwoFactorLoginRequest second_factor(const Result<testing::LoginAnswer>& first, std::string code) {
  return {*json::get_string(first->body, "twoFactorId"),
          std::move(code),
          std::nullopt,
          std::nullopt,
          false,
          {}};
}

// The `nth` six-digit code that is none of the codes of the window around `now`.
std::string wrong_code(Instant now, int nth = 0) {
  for (int n = nth * 1000;; ++n) {
    std::string candidate = std::to_string(100000 + n);
    bool valid = false;
    for (int step = -1; step <= 1; ++step) {
      valid |= crypto::totp(kTotpSecret, now + std::chrono::seconds(30 * step)) == candidate;
    }
    if (!valid) return candidate;
  }
}

TEST_F(LoginServiceTest, LockoutWorksWithTheCountingFieldsAloneWithoutAUserAction) {
  add_user();
  ASSERT_TRUE(f.tenants.patch(
      f.admin(), f.default_tenant.id,
      parse(R"({"failedAuthenticationConfiguration":{"tooManyAttempts":2,"userActionId":null}})"),
      PatchStyle::kLegacyMerge));
  ASSERT_FALSE(login("bad-1"));
  ASSERT_FALSE(login("bad-2"));
  const auto locked = login("password1");
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, HttpStatus::kConflict);
  const auto& action = locked->body.at("actions").as_array().at(0).as_object();
  EXPECT_FALSE(action.contains("actionId"));
  // FusionAuth's default duration: 3 minutes.
  EXPECT_EQ(json::get_int(action, "expiry"), to_epoch_ms(f.clock.now() + std::chrono::minutes(3)));
}

TEST_F(LoginServiceTest, ConcurrentWrongPasswordsAreAllCounted) {
  const Uuid user = add_user();
  ASSERT_TRUE(
      f.tenants.patch(f.admin(), f.default_tenant.id,
                      parse(R"({"failedAuthenticationConfiguration":{"tooManyAttempts":100}})"),
                      PatchStyle::kLegacyMerge));
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([this] { (void)login("bad-password"); });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(f.store->find_user(user)->failures.count, 8);
}

TEST_F(LoginServiceTest, AnAcceptedTotpCodeCannotBeUsedAgainInItsWindow) {
  add_user(authenticator_extra());
  const std::string code = crypto::totp(kTotpSecret, f.clock.now());
  const auto first = login("password1");
  ASSERT_TRUE(first && first->status == HttpStatus::kTwoFactorRequired);
  ASSERT_TRUE(testing::answer(f.login.two_factor_login(second_factor(first, code))));
  // RFC 6238 §5.2: a fresh login, the same (still valid) code, ten seconds later.
  f.clock.advance(std::chrono::seconds(10));
  const auto second = login("password1");
  ASSERT_TRUE(second && second->status == HttpStatus::kTwoFactorRequired);
  const auto replayed = testing::answer(f.login.two_factor_login(second_factor(second, code)));
  ASSERT_FALSE(replayed);
  EXPECT_EQ(replayed.error().http_status(), HttpStatus::kInvalidTwoFactorCode);
  // So is the previous step's code, which the window would otherwise still accept.
  const auto older = testing::answer(f.login.two_factor_login(
      second_factor(second, crypto::totp(kTotpSecret, f.clock.now() - std::chrono::seconds(30)))));
  ASSERT_FALSE(older);
  EXPECT_EQ(older.error().http_status(), HttpStatus::kInvalidTwoFactorCode);
  // The next step's code is new, and completes the login.
  f.clock.advance(std::chrono::seconds(30));
  const auto next = testing::answer(
      f.login.two_factor_login(second_factor(second, crypto::totp(kTotpSecret, f.clock.now()))));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, HttpStatus::kOk);
}

TEST_F(LoginServiceTest, ATwoFactorIdDiesAfterFiveWrongCodesAndThenAnswersAsUnknown) {
  add_user(authenticator_extra());
  const auto first = login("password1");
  ASSERT_TRUE(first && first->status == HttpStatus::kTwoFactorRequired);
  for (int i = 1; i <= kMaxTwoFactorFailures; ++i) {
    const auto wrong = testing::answer(
        f.login.two_factor_login(second_factor(first, wrong_code(f.clock.now(), i))));
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().http_status(), HttpStatus::kInvalidTwoFactorCode) << "attempt " << i;
  }
  const auto right = testing::answer(
      f.login.two_factor_login(second_factor(first, crypto::totp(kTotpSecret, f.clock.now()))));
  ASSERT_FALSE(right);
  EXPECT_EQ(right.error().http_status(), HttpStatus::kNotFound);
  EXPECT_FALSE(right.error().has_body());
}

TEST_F(LoginServiceTest, TheSameWrongCodeAgainIsNotCountedTwice) {
  // fetch() retries a 421 once on a fresh connection: one mistyped code must not cost two.
  add_user(authenticator_extra());
  const auto first = login("password1");
  ASSERT_TRUE(first && first->status == HttpStatus::kTwoFactorRequired);
  for (int i = 0; i < 2 * kMaxTwoFactorFailures; ++i) {
    const auto wrong =
        testing::answer(f.login.two_factor_login(second_factor(first, wrong_code(f.clock.now()))));
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().http_status(), HttpStatus::kInvalidTwoFactorCode);
  }
  const auto right = testing::answer(
      f.login.two_factor_login(second_factor(first, crypto::totp(kTotpSecret, f.clock.now()))));
  ASSERT_TRUE(right);
  EXPECT_EQ(right->status, HttpStatus::kOk);
}

TEST_F(LoginServiceTest, TwoFactorCompletionChecksLockAndExpiryLikeTheLoginApi) {
  const Uuid user = add_user(authenticator_extra());
  const auto first = login("password1");
  ASSERT_TRUE(first && first->status == HttpStatus::kTwoFactorRequired);
  f.store->update_login_failures(user, {0, std::nullopt, f.clock.now() + std::chrono::minutes(1)});
  const auto locked = testing::answer(
      f.login.two_factor_login(second_factor(first, crypto::totp(kTotpSecret, f.clock.now()))));
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, HttpStatus::kConflict);
  EXPECT_FALSE(locked->access_token);

  f.store->update_login_failures(user, {});
  auto record = *f.store->find_user(user);
  record.data["expiry"] = to_epoch_ms(f.clock.now()) - 1;
  ASSERT_TRUE(f.store->update_user(record));
  const auto expired = testing::answer(
      f.login.two_factor_login(second_factor(first, crypto::totp(kTotpSecret, f.clock.now()))));
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().http_status(), HttpStatus::kGone);
}

TEST_F(LoginServiceTest, WrongSecondFactorsCountTowardTheLockout) {
  const Uuid user = add_user(authenticator_extra());
  lock_after(3);
  const auto first = login("password1");
  ASSERT_TRUE(first && first->status == HttpStatus::kTwoFactorRequired);
  for (int i = 0; i < 3; ++i) {
    ASSERT_FALSE(testing::answer(
        f.login.two_factor_login(second_factor(first, wrong_code(f.clock.now(), i)))));
  }
  EXPECT_TRUE(f.store->find_user(user)->failures.locked_until);
  const auto locked = login("password1");
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, HttpStatus::kConflict);
}

TEST_F(LoginServiceTest, TheThrottleRefusesEvenTheRightPasswordWith429AndRetryAfter) {
  add_user();
  LoginThrottle throttle{LoginThrottleSettings{3, 100, std::chrono::seconds(60)}};
  LoginService login_service{*f.store,         f.config, f.clock, f.hasher, f.tokens,
                             f.refresh_tokens, f.vault,  f.users, f.events, throttle};
  LoginRequest request;
  request.login_id = "ANN@x.io";  // the user is counted, however the login id is spelled
  request.application_id = app_id;
  request.client_address = "203.0.113.9";
  for (int i = 0; i < 3; ++i) {
    request.password = Secret("bad-password");
    const auto wrong = testing::answer(login_service.login(f.admin(), request));
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().http_status(), HttpStatus::kNotFound);
  }
  request.password = Secret("password1");
  const auto throttled = testing::answer(login_service.login(f.admin(), request));
  ASSERT_FALSE(throttled);
  EXPECT_EQ(throttled.error().http_status(), HttpStatus::kTooManyRequests);
  EXPECT_EQ(throttled.error().retry_after(), std::chrono::seconds(20));
  // The throttle counted these failures, not the tenant's lockout (5 by default).
  EXPECT_FALSE(f.store->find_user_by_email(f.default_tenant.id, "ann@x.io")->failures.locked_until);
  f.clock.advance(std::chrono::seconds(20));
  const auto later = testing::answer(login_service.login(f.admin(), request));
  ASSERT_TRUE(later);
  EXPECT_EQ(later->status, HttpStatus::kOk);
}

TEST_F(LoginServiceTest, AOneTimePasswordForALockedUserIs409AsTheLoginApiSays) {
  const Uuid user = add_user();
  // What the Change Password API's 200 hands back.
  const std::string value = "one-time-password-value";
  f.store->insert_password_change({f.vault.lookup_hash(value), "otp", user,
                                   f.clock.now() + std::chrono::minutes(1), json::object{}});
  f.store->update_login_failures(user, {0, std::nullopt, f.clock.now() + std::chrono::minutes(1)});
  LoginRequest request;
  request.one_time_password = Secret(value);
  request.application_id = app_id;
  const auto outcome = testing::answer(f.login.login(f.admin(), request));
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->status, HttpStatus::kConflict);
}

}  // namespace
}  // namespace latchkey::services
