// The refresh-token policies as pure functions of settings and time (no database, no sleep).
#include "domain/refresh_token_policy.hpp"

#include <gtest/gtest.h>

#include "fake_clock.hpp"

namespace latchkey::domain {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

JwtSettings settings(RefreshExpiration expiration, RefreshUsage usage = RefreshUsage::kReusable) {
  JwtSettings s;
  s.refresh_token_ttl = minutes(60);
  s.maximum_lifetime = minutes(180);
  s.expiration = expiration;
  s.usage = usage;
  return s;
}

class RefreshTokenPolicyTest : public ::testing::Test {
 protected:
  testing::FakeClock clock;
  const Instant insert = clock.now();
};

TEST_F(RefreshTokenPolicyTest, FixedExpiresAtStartPlusTtl) {
  const auto fixed = settings(RefreshExpiration::kFixed);
  EXPECT_EQ(refresh_token_expiry(fixed, insert, insert), insert + minutes(60));
  EXPECT_FALSE(refresh_token_expired(fixed, insert, insert, insert + minutes(59)));
  EXPECT_TRUE(refresh_token_expired(fixed, insert, insert, insert + minutes(60)));
}

TEST_F(RefreshTokenPolicyTest, FixedExchangeNeverMovesTheStart) {
  const auto fixed = settings(RefreshExpiration::kFixed, RefreshUsage::kOneTimeUse);
  clock.advance(minutes(30));
  EXPECT_EQ(start_after_exchange(fixed, insert, clock.now()), insert);
}

TEST_F(RefreshTokenPolicyTest, SlidingWindowExchangeMovesTheStartToNow) {
  const auto sliding = settings(RefreshExpiration::kSlidingWindow);
  clock.advance(minutes(50));
  const Instant start = start_after_exchange(sliding, insert, clock.now());
  EXPECT_EQ(start, clock.now());
  // Used every 50 minutes, a 60-minute sliding token outlives any fixed lifetime.
  Instant current = start;
  for (int i = 0; i < 10; ++i) {
    clock.advance(minutes(50));
    ASSERT_FALSE(refresh_token_expired(sliding, insert, current, clock.now()));
    current = start_after_exchange(sliding, current, clock.now());
  }
  clock.advance(minutes(60));
  EXPECT_TRUE(refresh_token_expired(sliding, insert, current, clock.now()));
}

TEST_F(RefreshTokenPolicyTest, SlidingWithMaximumLifetimeIsCappedAtInsertPlusMaximum) {
  const auto capped = settings(RefreshExpiration::kSlidingWindowWithMaximumLifetime);
  Instant current = insert;
  for (int i = 0; i < 3; ++i) {  // 150 minutes of use, each within the window
    clock.advance(minutes(50));
    ASSERT_FALSE(refresh_token_expired(capped, insert, current, clock.now()));
    current = start_after_exchange(capped, current, clock.now());
  }
  EXPECT_EQ(current, insert + minutes(150));
  // The window would reach 210 minutes; the maximum stops it at 180.
  EXPECT_EQ(refresh_token_expiry(capped, insert, current), insert + minutes(180));
  EXPECT_FALSE(refresh_token_expired(capped, insert, current, insert + minutes(179)));
  EXPECT_TRUE(refresh_token_expired(capped, insert, current, insert + minutes(180)));
}

TEST_F(RefreshTokenPolicyTest, OnlyOneTimeUseRotates) {
  EXPECT_TRUE(rotates_on_exchange(settings(RefreshExpiration::kFixed, RefreshUsage::kOneTimeUse)));
  EXPECT_FALSE(rotates_on_exchange(settings(RefreshExpiration::kFixed, RefreshUsage::kReusable)));
}

TEST_F(RefreshTokenPolicyTest, RetryOfTheLatestPredecessorInsideGraceGetsTheSuccessor) {
  auto s = settings(RefreshExpiration::kFixed, RefreshUsage::kOneTimeUse);
  s.grace_period = seconds(30);
  const Instant rotated = clock.now();
  EXPECT_EQ(judge_replay(s, rotated, true, rotated + seconds(30)), ReplayVerdict::kGraceSuccessor);
  EXPECT_EQ(judge_replay(s, rotated, true, rotated + seconds(31)), ReplayVerdict::kReuse);
}

TEST_F(RefreshTokenPolicyTest, GraceDoesNotCoverAnOlderPredecessor) {
  auto s = settings(RefreshExpiration::kFixed, RefreshUsage::kOneTimeUse);
  s.grace_period = seconds(30);
  const Instant rotated = clock.now();
  // Its successor was itself spent: it has no live successor to hand out.
  EXPECT_EQ(judge_replay(s, rotated, false, rotated + seconds(10)), ReplayVerdict::kReuse);
}

TEST_F(RefreshTokenPolicyTest, WithoutGraceAReplayAfterTheDuplicateWindowIsReuse) {
  const auto s = settings(RefreshExpiration::kFixed, RefreshUsage::kOneTimeUse);
  const Instant rotated = clock.now();
  EXPECT_EQ(judge_replay(s, rotated, true, rotated + kConcurrentDuplicateWindow + seconds(1)),
            ReplayVerdict::kReuse);
}

TEST_F(RefreshTokenPolicyTest, AConcurrentDuplicateIsRefusedNotTakenForReuse) {
  const auto s = settings(RefreshExpiration::kFixed, RefreshUsage::kOneTimeUse);
  const Instant rotated = clock.now();
  EXPECT_EQ(judge_replay(s, rotated, true, rotated), ReplayVerdict::kConcurrentDuplicate);
  // A request that read the row before the rotation committed may be judged "before" it.
  EXPECT_EQ(judge_replay(s, rotated, true, rotated - seconds(1)),
            ReplayVerdict::kConcurrentDuplicate);
  EXPECT_EQ(judge_replay(s, rotated, false, rotated + kConcurrentDuplicateWindow),
            ReplayVerdict::kConcurrentDuplicate);
}

TEST_F(RefreshTokenPolicyTest, EachRevocationPolicyFollowsItsFlag) {
  JwtSettings s;
  EXPECT_TRUE(revokes_on(s, RevocationReason::kPasswordChanged));
  EXPECT_TRUE(revokes_on(s, RevocationReason::kLoginPrevented));
  // Beyond FusionAuth (whose default is false): reuse detection is on unless turned off.
  EXPECT_TRUE(revokes_on(s, RevocationReason::kOneTimeTokenReuse));
  s.revoke_on_password_change = false;
  s.revoke_on_login_prevented = false;
  s.revoke_on_one_time_token_reuse = false;
  EXPECT_FALSE(revokes_on(s, RevocationReason::kPasswordChanged));
  EXPECT_FALSE(revokes_on(s, RevocationReason::kLoginPrevented));
  EXPECT_FALSE(revokes_on(s, RevocationReason::kOneTimeTokenReuse));
}

}  // namespace
}  // namespace latchkey::domain
