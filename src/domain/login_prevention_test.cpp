#include "domain/login_prevention.hpp"

#include <gtest/gtest.h>

#include <optional>

namespace latchkey::domain {
namespace {

const Uuid kTenant = *Uuid::parse("11111111-1111-4111-8111-111111111111");
const Uuid kOtherTenant = *Uuid::parse("22222222-2222-4222-8222-222222222222");
const Instant kNow = from_epoch_ms(1'700'000'000'000);

// One state of the world, described by what differs from a healthy login.
struct Case {
  const char* name;
  bool user_exists = true;
  bool user_active = true;
  std::optional<std::int64_t> locked_for_ms = std::nullopt;  // from now; < 0: a lock ran out
  std::optional<std::int64_t> expiry_in_ms = std::nullopt;   // from now
  bool password_change = false;
  bool application_requested = true;
  bool application_exists = true;
  bool application_active = true;
  bool application_in_other_tenant = false;
  bool registration_required = false;
  bool registered = true;
  LoginStage stage = LoginStage::kCredentials;
  LoginPrevention expected = LoginPrevention::kNone;
};

const Case kCases[] = {
    {.name = "healthy"},
    {.name = "no user", .user_exists = false, .expected = LoginPrevention::kUserNotFound},
    {.name = "user of another tenant",
     .application_in_other_tenant = true,
     .expected = LoginPrevention::kUserNotFound},
    {.name = "inactive", .user_active = false, .expected = LoginPrevention::kUserInactive},
    {.name = "inactive beats locked",
     .user_active = false,
     .locked_for_ms = 60'000,
     .expected = LoginPrevention::kUserInactive},
    {.name = "locked", .locked_for_ms = 60'000, .expected = LoginPrevention::kLocked},
    {.name = "lock ran out", .locked_for_ms = -1},
    {.name = "lock ends exactly now", .locked_for_ms = 0},
    {.name = "locked beats expired",
     .locked_for_ms = 60'000,
     .expiry_in_ms = -1,
     .expected = LoginPrevention::kLocked},
    {.name = "expired", .expiry_in_ms = -1, .expected = LoginPrevention::kExpired},
    {.name = "expires exactly now", .expiry_in_ms = 0, .expected = LoginPrevention::kExpired},
    {.name = "expires later", .expiry_in_ms = 1},
    {.name = "application gone",
     .application_exists = false,
     .expected = LoginPrevention::kApplicationInactive},
    {.name = "application inactive",
     .application_active = false,
     .expected = LoginPrevention::kApplicationInactive},
    {.name = "no application asked for",
     .application_requested = false,
     .application_exists = false},
    {.name = "registration required, absent",
     .registration_required = true,
     .registered = false,
     .expected = LoginPrevention::kRegistrationRequired},
    {.name = "registration required, present", .registration_required = true},
    {.name = "unregistered, not required", .registered = false},
    {.name = "password change",
     .password_change = true,
     .expected = LoginPrevention::kPasswordChangeRequired},
    {.name = "password change on a continuation",
     .password_change = true,
     .stage = LoginStage::kContinuation},
    {.name = "expired beats password change",
     .expiry_in_ms = -1,
     .password_change = true,
     .expected = LoginPrevention::kExpired},
    {.name = "locked on a continuation",
     .locked_for_ms = 1,
     .stage = LoginStage::kContinuation,
     .expected = LoginPrevention::kLocked},
    {.name = "inactive on a continuation",
     .user_active = false,
     .stage = LoginStage::kContinuation,
     .expected = LoginPrevention::kUserInactive},
};

class LoginPreventionTable : public ::testing::TestWithParam<Case> {};

TEST_P(LoginPreventionTable, DecidesTheFirstRuleThatHolds) {
  const Case& c = GetParam();
  const Uuid user_id = *Uuid::parse("33333333-3333-4333-8333-333333333333");
  const Uuid app_id = *Uuid::parse("44444444-4444-4444-8444-444444444444");
  domain::User user{user_id,       kTenant, std::nullopt, std::nullopt,
                    c.user_active, {},      std::nullopt, {}};
  if (c.locked_for_ms) {
    user.failures.locked_until = kNow + std::chrono::milliseconds(*c.locked_for_ms);
  }
  if (c.expiry_in_ms) user.data["expiry"] = to_epoch_ms(kNow) + *c.expiry_in_ms;
  if (c.password_change) user.data["passwordChangeRequired"] = true;
  const domain::Application application{app_id,
                                        c.application_in_other_tenant ? kOtherTenant : kTenant,
                                        "App",
                                        c.application_active,
                                        {}};
  const domain::Registration registration{user_id, user_id, app_id, {}};

  const LoginAttempt attempt{c.user_exists ? &user : nullptr,
                             c.application_exists ? &application : nullptr,
                             c.registered ? &registration : nullptr,
                             c.application_requested,
                             c.registration_required,
                             c.stage,
                             kNow};
  EXPECT_EQ(login_prevention(attempt), c.expected)
      << c.name << ": got " << to_string(login_prevention(attempt)) << ", expected "
      << to_string(c.expected);
}

INSTANTIATE_TEST_SUITE_P(States, LoginPreventionTable, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           std::string name;
                           for (const char* p = param_info.param.name; *p != '\0'; ++p) {
                             name += std::isalnum(static_cast<unsigned char>(*p)) ? *p : '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace latchkey::domain
