// Of N concurrent exchanges of one one-time-use value exactly one rotates it: the exchange is a
// single conditional write (ARCHITECTURE.md "Concurrency"). Real threads, real SQLite file.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "services/refresh/refresh_token_test_support.hpp"

namespace latchkey::services {
namespace {

constexpr int kThreads = 32;

std::vector<Result<RefreshExchange>> exchange_concurrently(RefreshTokenService& service,
                                                           const std::string& value) {
  std::vector<std::optional<Result<RefreshExchange>>> results(kThreads);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      ready.fetch_add(1);
      while (ready.load() < kThreads) std::this_thread::yield();  // start together
      results[static_cast<std::size_t>(i)] =
          service.exchange(Caller{}, {value, std::nullopt, std::nullopt, EventInfo{}});
    });
  }
  for (auto& thread : threads) thread.join();
  std::vector<Result<RefreshExchange>> out;
  for (auto& result : results) out.push_back(std::move(*result));
  return out;
}

TEST_F(RefreshTokenTest, OfManyConcurrentExchangesOfAOneTimeTokenExactlyOneWins) {
  const auto app = make_app(R"({"refreshTokenUsagePolicy":"OneTimeUse"})");
  const auto issued = issue(app, make_user(app));
  const auto results = exchange_concurrently(service, issued.value);
  int wins = 0;
  std::string successor;
  for (const auto& result : results) {
    if (result) {
      ++wins;
      successor = result->refresh_token;
    } else {
      EXPECT_EQ(result.error().http_status(), HttpStatus::kBadRequest);
    }
  }
  EXPECT_EQ(wins, 1);
  // One live successor: the row holds it, and it is the one the winner got.
  const auto stored = f.store->find_refresh_token(issued.record.id);
  ASSERT_TRUE(stored) << "a racing duplicate must not be taken for reuse";
  EXPECT_EQ(service.reveal(*stored), successor);
  EXPECT_TRUE(exchange(successor));
}

TEST_F(RefreshTokenTest, InsideAGraceWindowEveryConcurrentExchangeGetsTheSameSuccessor) {
  const auto app = make_app(R"({"refreshTokenUsagePolicy":"OneTimeUse",
      "refreshTokenOneTimeUseConfiguration":{"gracePeriodInSeconds":60}})");
  const auto issued = issue(app, make_user(app));
  const auto results = exchange_concurrently(service, issued.value);
  std::set<std::string> successors;
  for (const auto& result : results) {
    ASSERT_TRUE(result) << result.error().log_detail();
    successors.insert(result->refresh_token);
  }
  EXPECT_EQ(successors.size(), 1U);
  const auto stored = f.store->find_refresh_token(issued.record.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(service.reveal(*stored), *successors.begin());
}

}  // namespace
}  // namespace latchkey::services
