#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.hpp"
#include "temp_database.hpp"

namespace latchkey::store::sqlite {
namespace {

const Uuid kApp = *Uuid::parse("00000000-0000-4000-8000-0000000000aa");
const Instant kNow = from_epoch_ms(1'700'000'000'000);

RevokedAccessToken revoked(std::string jti, std::chrono::seconds lives_for) {
  return {std::move(jti), kApp, kNow + lives_for, kNow};
}

TEST(SqliteRevokedTokenStore, RevocationsSurviveReopening) {
  testing::TempDatabase database;
  SqliteStore::open(database.path(), 1)
      ->insert_revoked_access_token(revoked("jti-1", std::chrono::hours(1)), kNow);
  const auto listed =
      SqliteStore::open(database.path(), 1)->prune_and_list_revoked_access_tokens(kNow);
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(listed[0].jti, "jti-1");
  EXPECT_EQ(listed[0].application_id, kApp);
  EXPECT_EQ(listed[0].expires_at, kNow + std::chrono::hours(1));
}

TEST(SqliteRevokedTokenStore, RevokingTwiceKeepsOneEntry) {
  testing::TempDatabase database;
  auto store = SqliteStore::open(database.path(), 1);
  store->insert_revoked_access_token(revoked("jti-1", std::chrono::hours(1)), kNow);
  store->insert_revoked_access_token(revoked("jti-1", std::chrono::hours(1)), kNow);
  EXPECT_EQ(store->prune_and_list_revoked_access_tokens(kNow).size(), 1U);
}

TEST(SqliteRevokedTokenStore, ExpiredEntriesArePrunedOnLoad) {
  testing::TempDatabase database;
  auto store = SqliteStore::open(database.path(), 1);
  store->insert_revoked_access_token(revoked("short", std::chrono::seconds(10)), kNow);
  store->insert_revoked_access_token(revoked("long", std::chrono::hours(1)), kNow);
  const auto later = store->prune_and_list_revoked_access_tokens(kNow + std::chrono::minutes(1));
  ASSERT_EQ(later.size(), 1U);
  EXPECT_EQ(later[0].jti, "long");
}

TEST(SqliteRevokedTokenStore, ExpiredEntriesArePrunedOnWrite) {
  testing::TempDatabase database;
  auto store = SqliteStore::open(database.path(), 1);
  store->insert_revoked_access_token(revoked("short", std::chrono::seconds(10)), kNow);
  const Instant later = kNow + std::chrono::minutes(1);
  store->insert_revoked_access_token({"new", kApp, later + std::chrono::hours(1), later}, later);
  // Listed as of the first instant, so only the write can have removed "short".
  const auto listed = store->prune_and_list_revoked_access_tokens(kNow);
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(listed[0].jti, "new");
}

}  // namespace
}  // namespace latchkey::store::sqlite
