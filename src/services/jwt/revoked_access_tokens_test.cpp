#include "services/jwt/revoked_access_tokens.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "fake_clock.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "temp_database.hpp"

namespace latchkey::services {
namespace {

const Uuid kApp = *Uuid::parse("00000000-0000-4000-8000-0000000000aa");

class RevokedAccessTokensTest : public ::testing::Test {
 protected:
  Instant in(std::chrono::seconds seconds) const { return clock.now() + seconds; }

  testing::TempDatabase database;
  testing::FakeClock clock;
  std::unique_ptr<store::Store> store = store::sqlite::SqliteStore::open(database.path(), 2);
};

TEST_F(RevokedAccessTokensTest, NothingIsRevokedAtFirst) {
  const RevokedAccessTokens revoked(*store, clock);
  EXPECT_FALSE(revoked.contains("jti-1"));
  EXPECT_FALSE(revoked.contains(""));
  EXPECT_EQ(revoked.size(), 0U);
}

TEST_F(RevokedAccessTokensTest, ARevokedJtiIsSeenAtOnceAndOnlyThatOne) {
  RevokedAccessTokens revoked(*store, clock);
  revoked.revoke("jti-1", kApp, in(std::chrono::hours(1)));
  EXPECT_TRUE(revoked.contains("jti-1"));
  EXPECT_FALSE(revoked.contains("jti-2"));
  EXPECT_FALSE(revoked.contains("jti-"));
  revoked.revoke("jti-2", kApp, in(std::chrono::hours(1)));
  EXPECT_TRUE(revoked.contains("jti-1"));
  EXPECT_TRUE(revoked.contains("jti-2"));
}

TEST_F(RevokedAccessTokensTest, RevocationsAreLoadedAtStart) {
  {
    RevokedAccessTokens first(*store, clock);
    first.revoke("jti-1", kApp, in(std::chrono::hours(1)));
  }
  const RevokedAccessTokens restarted(*store, clock);
  EXPECT_TRUE(restarted.contains("jti-1"));
}

TEST_F(RevokedAccessTokensTest, ExpiredEntriesAreNotLoaded) {
  {
    RevokedAccessTokens first(*store, clock);
    first.revoke("short", kApp, in(std::chrono::seconds(30)));
    first.revoke("long", kApp, in(std::chrono::hours(1)));
  }
  clock.advance(std::chrono::minutes(1));
  const RevokedAccessTokens restarted(*store, clock);
  EXPECT_FALSE(restarted.contains("short"));
  EXPECT_TRUE(restarted.contains("long"));
  EXPECT_EQ(restarted.size(), 1U);
}

TEST_F(RevokedAccessTokensTest, ExpiredEntriesAreDroppedOnTheNextWrite) {
  RevokedAccessTokens revoked(*store, clock);
  revoked.revoke("short", kApp, in(std::chrono::seconds(30)));
  clock.advance(std::chrono::minutes(1));
  revoked.revoke("new", kApp, in(std::chrono::hours(1)));
  EXPECT_FALSE(revoked.contains("short"));
  EXPECT_TRUE(revoked.contains("new"));
  EXPECT_EQ(revoked.size(), 1U);
}

TEST_F(RevokedAccessTokensTest, TwoInstancesDoNotShareAThreadsCachedSet) {
  // The per-thread cache is keyed by a generation unique across instances.
  RevokedAccessTokens a(*store, clock);
  a.revoke("jti-a", kApp, in(std::chrono::hours(1)));
  EXPECT_TRUE(a.contains("jti-a"));
  testing::TempDatabase other_database;
  auto other_store = store::sqlite::SqliteStore::open(other_database.path(), 1);
  RevokedAccessTokens b(*other_store, clock);
  b.revoke("jti-b", kApp, in(std::chrono::hours(1)));
  EXPECT_TRUE(b.contains("jti-b"));
  EXPECT_FALSE(b.contains("jti-a"));
  EXPECT_TRUE(a.contains("jti-a"));
  EXPECT_FALSE(a.contains("jti-b"));
}

TEST_F(RevokedAccessTokensTest, ConcurrentRevocationsAreAllKept) {
  // Writers copy and publish under their mutex: none may overwrite another's entry.
  RevokedAccessTokens revoked(*store, clock);
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&revoked, w, this] {
      for (int i = 0; i < 10; ++i) {
        revoked.revoke("jti-" + std::to_string(w) + "-" + std::to_string(i), kApp,
                       in(std::chrono::hours(1)));
      }
    });
  }
  std::thread reader([&revoked] {
    for (int i = 0; i < 1000; ++i) (void)revoked.contains("jti-0-0");
  });
  for (auto& writer : writers) writer.join();
  reader.join();
  EXPECT_EQ(revoked.size(), 40U);
  for (int w = 0; w < 4; ++w) {
    for (int i = 0; i < 10; ++i) {
      EXPECT_TRUE(revoked.contains("jti-" + std::to_string(w) + "-" + std::to_string(i)));
    }
  }
}

}  // namespace
}  // namespace latchkey::services
