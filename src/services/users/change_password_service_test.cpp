#include "services/users/change_password_service.hpp"

#include <gtest/gtest.h>

#include "login_answer.hpp"

#include "service_fixture.hpp"

namespace latchkey::services {
namespace {

using testing::parse;

class ChangePasswordServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto app = f.applications.create(
        f.admin(), std::nullopt,
        parse(R"({"name":"App","loginConfiguration":{"generateRefreshTokens":true}})"));
    ASSERT_TRUE(app);
    app_id = app->id.str();
    auto made =
        f.registrations.create(f.admin(), {std::nullopt, json::object{{"applicationId", app_id}},
                                           parse(R"({"email":"ann@x.io","password":"password1",
                              "passwordChangeRequired":true})"),
                                           false});
    ASSERT_TRUE(made);
    user_id = made->user.user.id;
  }

  Result<testing::LoginAnswer> login(const std::string& password) {
    LoginRequest request;
    request.login_id = "ann@x.io";
    request.password = Secret(password);
    request.application_id = app_id;
    return testing::answer(f.login.login(f.admin(), request));
  }

  // The changePasswordId of a 203 login.
  std::string pending_id() {
    const auto outcome = login("password1");
    EXPECT_TRUE(outcome);
    EXPECT_EQ(outcome->status, HttpStatus::kNonAuthoritative);
    return json::get_string(outcome->body, "changePasswordId").value_or("");
  }

  Result<ChangePasswordOutcome> change(const std::string& id, const std::string& password) {
    ChangePasswordRequest request;
    request.change_password_id = id;
    request.password = Secret(password);
    return service.change_by_id(request);
  }

  testing::ServiceFixture f;
  ChangePasswordService service{*f.store, f.config, f.clock, f.hasher, f.vault, f.refresh_tokens};
  std::string app_id;
  Uuid user_id = *Uuid::parse("00000000-0000-4000-8000-000000000000");
};

TEST_F(ChangePasswordServiceTest, LoginIdIsStoredOnlyAsItsKeyedHash) {
  const std::string id = pending_id();
  ASSERT_FALSE(id.empty());
  EXPECT_FALSE(f.store->find_password_change(id));
  const auto stored = f.store->find_password_change(f.vault.lookup_hash(id));
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->user_id, user_id);
  EXPECT_EQ(stored->kind, "change");
}

TEST_F(ChangePasswordServiceTest, ChangeRehashesClearsTheFlagAndStampsTheInstant) {
  const std::string id = pending_id();
  f.clock.advance(std::chrono::seconds(5));
  const auto changed = change(id, "brand-new-pass");
  ASSERT_TRUE(changed);
  ASSERT_TRUE(changed->one_time_password);
  const auto user = f.store->find_user(user_id);
  ASSERT_TRUE(user);
  EXPECT_EQ(json::get_bool(user->data, "passwordChangeRequired"), false);
  EXPECT_EQ(json::get_int(user->data, "passwordLastUpdateInstant"), to_epoch_ms(f.clock.now()));
  EXPECT_EQ(user->password->scheme, "salted-pbkdf2-hmac-sha256");
  EXPECT_EQ(login("password1").error().http_status(), HttpStatus::kNotFound);
  const auto fresh = login("brand-new-pass");
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->status, HttpStatus::kOk);
}

TEST_F(ChangePasswordServiceTest, AnIdChangesThePasswordOnlyOnce) {
  const std::string id = pending_id();
  ASSERT_TRUE(change(id, "brand-new-pass"));
  const auto again = change(id, "another-pass-1");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().http_status(), HttpStatus::kNotFound);
}

TEST_F(ChangePasswordServiceTest, AnIdExpiresAfterTheTenantsTimeToLive) {
  ASSERT_TRUE(f.tenants.patch(
      f.admin(), f.default_tenant.id,
      parse(R"({"externalIdentifierConfiguration":{"changePasswordIdTimeToLiveInSeconds":30}})"),
      PatchStyle::kLegacyMerge));
  const std::string id = pending_id();
  f.clock.advance(std::chrono::seconds(29));
  EXPECT_TRUE(service.pending_user(id));
  f.clock.advance(std::chrono::seconds(1));
  EXPECT_FALSE(service.pending_user(id));
  const auto late = change(id, "brand-new-pass");
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().http_status(), HttpStatus::kNotFound);
}

TEST_F(ChangePasswordServiceTest, UnknownIdIs404AndBlankPasswordIs400) {
  EXPECT_EQ(change("no-such-id", "brand-new-pass").error().http_status(), HttpStatus::kNotFound);
  const auto blank = change(pending_id(), "");
  ASSERT_FALSE(blank);
  EXPECT_TRUE(blank.error().has_field_error("password", "[blank]password"));
}

TEST_F(ChangePasswordServiceTest, TenantLengthRulesRefuseAndKeepTheIdUsable) {
  ASSERT_TRUE(
      f.tenants.patch(f.admin(), f.default_tenant.id,
                      parse(R"({"passwordValidationRules":{"minLength":10,"maxLength":12}})"),
                      PatchStyle::kLegacyMerge));
  const std::string id = pending_id();
  const auto short_one = change(id, "123456789");
  ASSERT_FALSE(short_one);
  EXPECT_TRUE(short_one.error().has_field_error("password", "[tooShort]password"));
  const auto long_one = change(id, "1234567890123");
  ASSERT_FALSE(long_one);
  EXPECT_TRUE(long_one.error().has_field_error("password", "[tooLong]password"));
  EXPECT_TRUE(change(id, "1234567890"));
}

TEST_F(ChangePasswordServiceTest, WrongCurrentPasswordIs404WithoutAnApiKey) {
  const std::string id = pending_id();
  ChangePasswordRequest request;
  request.change_password_id = id;
  request.current_password = Secret("wrong-one");
  request.password = Secret("brand-new-pass");
  EXPECT_EQ(service.change_by_id(request).error().http_status(), HttpStatus::kNotFound);
  request.current_password = Secret("password1");
  EXPECT_TRUE(service.change_by_id(request));
}

TEST_F(ChangePasswordServiceTest, ByLoginIdChecksTheCurrentPassword) {
  ChangePasswordRequest request;
  request.login_id = "ann@x.io";
  request.current_password = Secret("wrong-one");
  request.password = Secret("brand-new-pass");
  const auto wrong = service.change_by_login_id(f.admin(), request);
  ASSERT_FALSE(wrong);
  EXPECT_TRUE(wrong.error().has_field_error("currentPassword", "[invalid]currentPassword"));
  request.login_id = "nobody@x.io";
  EXPECT_EQ(service.change_by_login_id(f.admin(), request).error().http_status(),
            HttpStatus::kNotFound);
  request.login_id = "ann@x.io";
  request.current_password = Secret("password1");
  const auto done = service.change_by_login_id(f.admin(), request);
  ASSERT_TRUE(done);
  EXPECT_FALSE(done->one_time_password);
  EXPECT_EQ(login("brand-new-pass")->status, HttpStatus::kOk);
}

TEST_F(ChangePasswordServiceTest, CompletedChangeVoidsTheUsersOtherIds) {
  const std::string first = pending_id();
  const std::string second = pending_id();
  ASSERT_NE(first, second);
  ASSERT_TRUE(change(second, "brand-new-pass"));
  EXPECT_FALSE(service.pending_user(first));
}

TEST_F(ChangePasswordServiceTest, CompletedChangeRevokesRefreshTokens) {
  ASSERT_TRUE(f.users.patch(f.admin(), user_id, parse(R"({"passwordChangeRequired":false})"),
                            PatchStyle::kLegacyMerge));
  ASSERT_TRUE(login("password1"));
  EXPECT_EQ(f.store->list_refresh_tokens(user_id).size(), 1U);
  ChangePasswordRequest request;
  request.login_id = "ann@x.io";
  request.password = Secret("brand-new-pass");
  ASSERT_TRUE(service.change_by_login_id(f.admin(), request));
  EXPECT_TRUE(f.store->list_refresh_tokens(user_id).empty());
}

TEST_F(ChangePasswordServiceTest, OneTimePasswordLogsInOnceWithinItsLifetime) {
  const auto changed = change(pending_id(), "brand-new-pass");
  ASSERT_TRUE(changed && changed->one_time_password);
  LoginRequest request;
  request.one_time_password = Secret(*changed->one_time_password);
  request.application_id = app_id;
  const auto first = testing::answer(f.login.login(f.admin(), request));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, HttpStatus::kOk);
  EXPECT_TRUE(first->access_token);
  const auto second = testing::answer(f.login.login(f.admin(), request));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().http_status(), HttpStatus::kNotFound);
}

TEST_F(ChangePasswordServiceTest, OneTimePasswordExpires) {
  const auto changed = change(pending_id(), "brand-new-pass");
  ASSERT_TRUE(changed && changed->one_time_password);
  f.clock.advance(std::chrono::seconds(61));
  LoginRequest request;
  request.one_time_password = Secret(*changed->one_time_password);
  request.application_id = app_id;
  EXPECT_EQ(testing::answer(f.login.login(f.admin(), request)).error().http_status(),
            HttpStatus::kNotFound);
}

TEST_F(ChangePasswordServiceTest, AChangePasswordIdIsNotAOneTimePassword) {
  LoginRequest request;
  request.one_time_password = Secret(pending_id());
  request.application_id = app_id;
  EXPECT_EQ(testing::answer(f.login.login(f.admin(), request)).error().http_status(),
            HttpStatus::kNotFound);
}

TEST_F(ChangePasswordServiceTest, APasswordResetEndsALockOnlyWhenTheTenantSaysSo) {
  const auto lock = [&] {
    f.store->update_login_failures(user_id,
                                   {0, std::nullopt, f.clock.now() + std::chrono::minutes(3)});
  };
  const std::string first = pending_id();
  lock();
  ASSERT_TRUE(change(first, "password2"));
  EXPECT_TRUE(f.store->find_user(user_id)->failures.locked_until);  // the default: no cancel

  ASSERT_TRUE(f.tenants.patch(
      f.admin(), f.default_tenant.id,
      parse(
          R"({"failedAuthenticationConfiguration":{"actionCancelPolicy":{"onPasswordReset":true}}})"),
      PatchStyle::kLegacyMerge));
  f.store->update_login_failures(user_id, {});
  auto user = *f.store->find_user(user_id);
  user.data["passwordChangeRequired"] = true;
  ASSERT_TRUE(f.store->update_user(user));
  const auto again = login("password2");
  ASSERT_TRUE(again && again->status == HttpStatus::kNonAuthoritative);
  const std::string second = *json::get_string(again->body, "changePasswordId");
  lock();
  ASSERT_TRUE(change(second, "password3"));
  EXPECT_FALSE(f.store->find_user(user_id)->failures.locked_until);
}

}  // namespace
}  // namespace latchkey::services
