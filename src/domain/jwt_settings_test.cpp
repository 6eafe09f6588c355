#include "domain/jwt_settings.hpp"

#include <gtest/gtest.h>

#include "domain/time_to_live.hpp"

namespace latchkey::domain {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const Uuid kTenantKey = *Uuid::parse("11111111-1111-4111-8111-111111111111");
const Uuid kTenantIdKey = *Uuid::parse("22222222-2222-4222-8222-222222222222");
const Uuid kAppKey = *Uuid::parse("33333333-3333-4333-8333-333333333333");

JwtConfiguration block(std::string_view text) {
  const auto object = *json::parse_object(text);
  return parse_jwt_configuration(&object);
}

TEST(JwtSettings, WithoutAnyBlockTheDefaultsAreFusionAuths) {
  const auto settings = effective_jwt_settings(parse_jwt_configuration(nullptr), nullptr);
  EXPECT_EQ(settings.access_token_ttl, seconds(3600));
  EXPECT_EQ(settings.refresh_token_ttl, minutes(43200));
  EXPECT_EQ(settings.expiration, RefreshExpiration::kFixed);
  EXPECT_EQ(settings.maximum_lifetime, minutes(43200));
  EXPECT_EQ(settings.usage, RefreshUsage::kReusable);
  EXPECT_EQ(settings.grace_period, seconds(0));
  EXPECT_TRUE(settings.revoke_on_password_change);
  EXPECT_TRUE(settings.revoke_on_login_prevented);
  EXPECT_TRUE(settings.revoke_on_one_time_token_reuse);
  EXPECT_FALSE(settings.access_token_key_id);
  EXPECT_FALSE(settings.id_token_key_id);
}

TEST(JwtSettings, ReadsEveryMemberOfTheTenantsBlock) {
  const auto settings = effective_jwt_settings(
      block(R"({"timeToLiveInSeconds":60,"refreshTokenTimeToLiveInMinutes":90,
                "refreshTokenExpirationPolicy":"SlidingWindowWithMaximumLifetime",
                "refreshTokenSlidingWindowConfiguration":{"maximumTimeToLiveInMinutes":120},
                "refreshTokenUsagePolicy":"OneTimeUse",
                "refreshTokenOneTimeUseConfiguration":{"gracePeriodInSeconds":30},
                "refreshTokenRevocationPolicy":{"onPasswordChanged":false,
                  "onLoginPrevented":false,"onOneTimeTokenReuse":false},
                "accessTokenKeyId":"11111111-1111-4111-8111-111111111111",
                "idTokenKeyId":"22222222-2222-4222-8222-222222222222"})"),
      nullptr);
  EXPECT_EQ(settings.access_token_ttl, seconds(60));
  EXPECT_EQ(settings.refresh_token_ttl, minutes(90));
  EXPECT_EQ(settings.expiration, RefreshExpiration::kSlidingWindowWithMaximumLifetime);
  EXPECT_EQ(settings.maximum_lifetime, minutes(120));
  EXPECT_EQ(settings.usage, RefreshUsage::kOneTimeUse);
  EXPECT_EQ(settings.grace_period, seconds(30));
  EXPECT_FALSE(settings.revoke_on_password_change);
  EXPECT_FALSE(settings.revoke_on_login_prevented);
  EXPECT_FALSE(settings.revoke_on_one_time_token_reuse);
  EXPECT_EQ(settings.access_token_key_id, kTenantKey);
  EXPECT_EQ(settings.id_token_key_id, kTenantIdKey);
}

TEST(JwtSettings, UnusableValuesLeaveTheDefaults) {
  const auto config = block(
      R"({"timeToLiveInSeconds":0,"refreshTokenTimeToLiveInMinutes":-5,
          "refreshTokenExpirationPolicy":"Sometimes",
          "refreshTokenOneTimeUseConfiguration":{"gracePeriodInSeconds":-1},
          "accessTokenKeyId":"not-a-uuid"})");
  EXPECT_FALSE(config.access_token_ttl);
  EXPECT_FALSE(config.refresh_token_ttl);
  EXPECT_FALSE(config.expiration);
  EXPECT_FALSE(config.grace_period);
  EXPECT_FALSE(config.access_token_key_id);
  EXPECT_EQ(config.access_token_key_id_text, "not-a-uuid");  // as written, for "names this key"
  const auto settings = effective_jwt_settings(config, nullptr);
  EXPECT_EQ(settings.access_token_ttl, seconds(3600));
  EXPECT_EQ(settings.refresh_token_ttl, minutes(43200));
  EXPECT_EQ(settings.expiration, RefreshExpiration::kFixed);
  EXPECT_EQ(settings.grace_period, seconds(0));
}

TEST(JwtSettings, LifetimesAreClampedAndAnyOtherUsageIsReusable) {
  const auto config = block(
      R"({"timeToLiveInSeconds":99999999999,"refreshTokenUsagePolicy":"Whatever",
          "refreshTokenOneTimeUseConfiguration":{"gracePeriodInSeconds":100000}})");
  EXPECT_EQ(config.access_token_ttl, seconds(kMaxTimeToLive));
  EXPECT_EQ(config.usage, RefreshUsage::kReusable);
  EXPECT_EQ(config.grace_period, seconds(86400));
}

TEST(JwtSettings, ADisabledApplicationBlockChangesNothing) {
  const auto tenant = block(R"({"timeToLiveInSeconds":60})");
  const auto app = block(R"({"enabled":false,"timeToLiveInSeconds":5})");
  EXPECT_EQ(effective_jwt_settings(tenant, &app).access_token_ttl, seconds(60));
}

TEST(JwtSettings, AnEnabledApplicationOverlaysOnlyWhatItSets) {
  const auto tenant = block(R"({"timeToLiveInSeconds":60,"refreshTokenUsagePolicy":"OneTimeUse",
      "accessTokenKeyId":"11111111-1111-4111-8111-111111111111",
      "idTokenKeyId":"22222222-2222-4222-8222-222222222222"})");
  const auto app = block(R"({"enabled":true,"refreshTokenTimeToLiveInMinutes":5,
      "accessTokenKeyId":"33333333-3333-4333-8333-333333333333"})");
  const auto settings = effective_jwt_settings(tenant, &app);
  EXPECT_EQ(settings.access_token_ttl, seconds(60));  // the tenant's
  EXPECT_EQ(settings.usage, RefreshUsage::kOneTimeUse);
  EXPECT_EQ(settings.refresh_token_ttl, minutes(5));  // the application's
  EXPECT_EQ(settings.access_token_key_id, kAppKey);
  EXPECT_EQ(settings.id_token_key_id, kTenantIdKey);  // no key of its own: the tenant's
}

TEST(JwtSettings, ExpirationPoliciesPrintAsFusionAuthNamesThem) {
  EXPECT_EQ(to_string(RefreshExpiration::kFixed), "Fixed");
  EXPECT_EQ(to_string(RefreshExpiration::kSlidingWindow), "SlidingWindow");
  EXPECT_EQ(to_string(RefreshExpiration::kSlidingWindowWithMaximumLifetime),
            "SlidingWindowWithMaximumLifetime");
}

}  // namespace
}  // namespace latchkey::domain
