#include "services/users/login_throttle.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "fake_clock.hpp"

namespace latchkey::services {
namespace {

using std::chrono::seconds;

LoginThrottleSettings settings(int per_id, int per_address, int window_seconds = 60,
                               std::size_t max_entries = 65'536) {
  return {per_id, per_address, seconds(window_seconds), max_entries};
}

TEST(LoginThrottle, AllowsTheBurstThenRefusesWithRetryAfter) {
  testing::FakeClock clock;
  LoginThrottle throttle(settings(3, 100));
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(throttle.retry_after("ann", "10.0.0.1", clock.now())) << "attempt " << i + 1;
    throttle.record_failure("ann", "10.0.0.1", clock.now());
  }
  // Three failures in a 60 s window: the fourth waits until one has decayed (60 / 3 s).
  EXPECT_EQ(throttle.retry_after("ann", "10.0.0.1", clock.now()), seconds(20));
  EXPECT_EQ(throttle.retry_after("ann", "10.0.0.2", clock.now()), seconds(20));
  EXPECT_FALSE(throttle.retry_after("bob", "10.0.0.1", clock.now()));
  clock.advance(std::chrono::milliseconds(19'500));
  EXPECT_EQ(throttle.retry_after("ann", "", clock.now()), seconds(1));  // rounded up
  clock.advance(std::chrono::milliseconds(500));
  EXPECT_FALSE(throttle.retry_after("ann", "", clock.now()));
  throttle.record_failure("ann", "", clock.now());
  EXPECT_EQ(throttle.retry_after("ann", "", clock.now()), seconds(20));
}

TEST(LoginThrottle, ASteadyGuesserGetsTheLimitPerWindow) {
  testing::FakeClock clock;
  LoginThrottle throttle(settings(10, 1000));
  int attempts = 0;
  for (int second = 0; second < 600; ++second) {
    for (int i = 0; i < 5; ++i) {
      if (throttle.retry_after("ann", "", clock.now())) break;
      throttle.record_failure("ann", "", clock.now());
      ++attempts;
    }
    clock.advance(seconds(1));
  }
  // Ten minutes: the burst of 10, then one every 6 s.
  EXPECT_LE(attempts, 10 + 100);
  EXPECT_GE(attempts, 100);
}

TEST(LoginThrottle, CountsPerAddressAcrossLoginIds) {
  testing::FakeClock clock;
  LoginThrottle throttle(settings(100, 4));
  for (int i = 0; i < 4; ++i) {
    throttle.record_failure("user" + std::to_string(i), "203.0.113.9", clock.now());
  }
  EXPECT_TRUE(throttle.retry_after("fresh", "203.0.113.9", clock.now()));
  EXPECT_FALSE(throttle.retry_after("fresh", "203.0.113.10", clock.now()));
}

TEST(LoginThrottle, SuccessForgetsTheLoginIdButNotTheAddress) {
  testing::FakeClock clock;
  LoginThrottle throttle(settings(2, 2));
  throttle.record_failure("ann", "10.0.0.1", clock.now());
  throttle.record_failure("ann", "10.0.0.1", clock.now());
  throttle.record_success("ann");
  EXPECT_FALSE(throttle.retry_after("ann", "", clock.now()));
  EXPECT_TRUE(throttle.retry_after("", "10.0.0.1", clock.now()));
}

TEST(LoginThrottle, ZeroWindowOrZeroLimitDisables) {
  testing::FakeClock clock;
  LoginThrottle off(settings(1, 1, 0));
  EXPECT_FALSE(off.enabled());
  off.record_failure("ann", "10.0.0.1", clock.now());
  off.record_failure("ann", "10.0.0.1", clock.now());
  EXPECT_FALSE(off.retry_after("ann", "10.0.0.1", clock.now()));
  LoginThrottle addresses_only(settings(0, 1));
  addresses_only.record_failure("ann", "10.0.0.1", clock.now());
  EXPECT_FALSE(addresses_only.retry_after("ann", "10.0.0.2", clock.now()));
  EXPECT_TRUE(addresses_only.retry_after("ann", "10.0.0.1", clock.now()));
}

TEST(LoginThrottle, SprayedLoginIdsCannotGrowMemoryPastTheBound) {
  testing::FakeClock clock;
  LoginThrottle throttle(settings(5, 0, 60, 1024));
  for (int i = 0; i < 50'000; ++i) {
    throttle.record_failure("spray" + std::to_string(i), "", clock.now());
  }
  EXPECT_LE(throttle.size(), 1024U);
}

TEST(LoginThrottle, AnAttackedKeySurvivesASprayThatFillsItsTable) {
  testing::FakeClock clock;
  LoginThrottle throttle(settings(5, 0, 60, 512));
  for (int i = 0; i < 5; ++i) throttle.record_failure("victim", "", clock.now());
  ASSERT_TRUE(throttle.retry_after("victim", "", clock.now()));
  // Each sprayed id fails once: all of them are closer to decaying than the victim's entry.
  for (int i = 0; i < 20'000; ++i) {
    throttle.record_failure("spray" + std::to_string(i), "", clock.now());
  }
  EXPECT_TRUE(throttle.retry_after("victim", "", clock.now()));
}

TEST(LoginThrottle, ConcurrentFailuresAreAllCounted) {
  testing::FakeClock clock;
  LoginThrottle throttle(settings(400, 0, 60));
  const Instant now = clock.now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) throttle.record_failure("ann", "", now);
    });
  }
  for (auto& thread : threads) thread.join();
  // 400 failures recorded: the 401st attempt waits exactly one interval (60 s / 400).
  EXPECT_EQ(throttle.retry_after("ann", "", now), seconds(1));
}

TEST(LoginThrottle, KeysFoldCaseAndGroupIpv6ByPrefix) {
  EXPECT_EQ(LoginThrottle::login_id_key("t", "Ann@Example.COM"),
            LoginThrottle::login_id_key("t", "ann@example.com"));
  EXPECT_NE(LoginThrottle::login_id_key("t1", "ann"), LoginThrottle::login_id_key("t2", "ann"));
  EXPECT_EQ(LoginThrottle::address_key("203.0.113.9"), "203.0.113.9");
  EXPECT_EQ(LoginThrottle::address_key("::ffff:203.0.113.9"), "203.0.113.9");
  EXPECT_EQ(LoginThrottle::address_key("2001:db8:1:2:aaaa::1"),
            LoginThrottle::address_key("2001:db8:1:2:bbbb:cccc:dddd:eeee"));
  EXPECT_NE(LoginThrottle::address_key("2001:db8:1:2::1"),
            LoginThrottle::address_key("2001:db8:1:3::1"));
}

}  // namespace
}  // namespace latchkey::services
