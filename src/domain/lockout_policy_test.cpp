#include "domain/lockout_policy.hpp"

#include <gtest/gtest.h>

namespace latchkey::domain {
namespace {

using std::chrono::seconds;

json::object tenant(std::string_view failed) {
  return *json::parse_object(R"({"failedAuthenticationConfiguration":)" + std::string(failed) +
                             "}");
}

std::optional<Error> validate(std::string_view failed) {
  Validation validation;
  validate_lockout_policy(tenant(failed), validation);
  return validation.take();
}

constexpr const char* kDuration = "tenant.failedAuthenticationConfiguration.actionDuration";

TEST(LockoutPolicy, DefaultsAreFusionAuths) {
  const auto policy = lockout_policy(json::object{});
  EXPECT_EQ(policy.too_many_attempts, 5);
  EXPECT_EQ(policy.reset_count, seconds(60));
  EXPECT_EQ(policy.lock_duration, seconds(180));
  EXPECT_FALSE(policy.cancel_on_password_reset);
  EXPECT_FALSE(policy.user_action_id);
}

TEST(LockoutPolicy, ReadsEveryFieldAndEveryUnit) {
  const auto policy = lockout_policy(tenant(
      R"({"tooManyAttempts":3,"resetCountInSeconds":120,"actionDuration":2,
          "actionDurationUnit":"HOURS","actionCancelPolicy":{"onPasswordReset":true},
          "userActionId":"00000000-0000-4000-8000-00000000a11c"})"));
  EXPECT_EQ(policy.too_many_attempts, 3);
  EXPECT_EQ(policy.reset_count, seconds(120));
  EXPECT_EQ(policy.lock_duration, seconds(7200));
  EXPECT_TRUE(policy.cancel_on_password_reset);
  EXPECT_EQ(policy.user_action_id, "00000000-0000-4000-8000-00000000a11c");
  EXPECT_EQ(lock_duration_of(1, "WEEKS"), seconds(604'800));
  EXPECT_EQ(lock_duration_of(1, "YEARS"), seconds(31'556'952));
  EXPECT_EQ(lock_duration_of(1, "FORTNIGHTS"), std::nullopt);
}

TEST(LockoutPolicy, AHugeDurationNeverOverflows) {
  EXPECT_EQ(lock_duration_of(9'223'372'036'854'775'807, "YEARS"), std::nullopt);
  EXPECT_EQ(lock_duration_of(100, "YEARS"), kMaxLockDuration);
  EXPECT_EQ(lock_duration_of(101, "YEARS"), std::nullopt);
  EXPECT_EQ(lock_duration_of(0, "MINUTES"), std::nullopt);
  // A stored value beyond the range (written before validation existed) is clamped.
  const auto policy = lockout_policy(
      tenant(R"({"actionDuration":9223372036854775807,"actionDurationUnit":"YEARS"})"));
  EXPECT_EQ(policy.lock_duration, kMaxLockDuration);
  EXPECT_EQ(lockout_policy(tenant(R"({"actionDuration":1e300})")).lock_duration, kMaxLockDuration);
}

TEST(ValidateLockoutPolicy, RefusesOutOfRangeDurationsWithFieldErrors) {
  auto error = validate(R"({"actionDuration":9223372036854775807,"actionDurationUnit":"YEARS"})");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->http_status(), HttpStatus::kBadRequest);
  EXPECT_TRUE(error->has_field_error(kDuration, std::string("[tooLarge]") + kDuration));
  error = validate(R"({"actionDuration":18446744073709551615})");
  ASSERT_TRUE(error);
  EXPECT_TRUE(error->has_field_error(kDuration, std::string("[tooLarge]") + kDuration));
  error = validate(R"({"actionDuration":1e300})");
  ASSERT_TRUE(error);
  EXPECT_TRUE(error->has_field_error(kDuration, std::string("[tooLarge]") + kDuration));
  error = validate(R"({"actionDuration":0})");
  ASSERT_TRUE(error);
  EXPECT_TRUE(error->has_field_error(kDuration, std::string("[tooSmall]") + kDuration));
  error = validate(R"({"actionDuration":{"x":1}})");
  ASSERT_TRUE(error);
  EXPECT_TRUE(error->has_field_error(kDuration, std::string("[couldNotConvert]") + kDuration));
}

TEST(ValidateLockoutPolicy, RefusesNonPositiveCountsAndUnknownUnits) {
  const auto error = validate(
      R"({"tooManyAttempts":0,"resetCountInSeconds":-5,"actionDurationUnit":"FORTNIGHTS"})");
  ASSERT_TRUE(error);
  const std::string prefix = "tenant.failedAuthenticationConfiguration.";
  EXPECT_TRUE(error->has_field_error(prefix + "tooManyAttempts",
                                     "[tooSmall]" + prefix + "tooManyAttempts"));
  EXPECT_TRUE(error->has_field_error(prefix + "resetCountInSeconds",
                                     "[tooSmall]" + prefix + "resetCountInSeconds"));
  EXPECT_TRUE(error->has_field_error(prefix + "actionDurationUnit",
                                     "[invalid]" + prefix + "actionDurationUnit"));
  EXPECT_TRUE(error->has_field_error(prefix + "tooManyAttempts",
                                     "[tooSmall]" + prefix + "tooManyAttempts"));
  EXPECT_FALSE(validate(R"({"tooManyAttempts":2147483648})") == std::nullopt);
}

TEST(ValidateLockoutPolicy, AcceptsFusionAuthsDefaultsAndJacksonCoercions) {
  EXPECT_FALSE(validate(R"({"tooManyAttempts":5,"resetCountInSeconds":60,"actionDuration":3,
                            "actionDurationUnit":"MINUTES"})"));
  EXPECT_FALSE(validate(R"({"tooManyAttempts":"5","actionDuration":3.0})"));
  EXPECT_FALSE(validate(R"({"actionDuration":100,"actionDurationUnit":"YEARS"})"));
  EXPECT_FALSE(validate("{}"));
}

}  // namespace
}  // namespace latchkey::domain
