#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

#include "store/sqlite/migrations.hpp"
#include "temp_database.hpp"

namespace latchkey::store::sqlite {
namespace {

Uuid id(const char* text) { return *Uuid::parse(text); }

const Uuid kTenantA = id("00000000-0000-4000-8000-00000000000a");
const Uuid kTenantB = id("00000000-0000-4000-8000-00000000000b");
const Uuid kApp = id("00000000-0000-4000-8000-0000000000aa");

domain::User user(const char* user_id, const Uuid& tenant, std::optional<std::string> email,
                  std::optional<std::string> username = std::nullopt) {
  return domain::User{id(user_id), tenant, std::move(email), std::move(username), true, {}, {}, {}};
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = SqliteStore::open(database_.path(), 2);
    ASSERT_TRUE(store_->insert_tenant({kTenantA, "A", {}}));
    ASSERT_TRUE(store_->insert_tenant({kTenantB, "B", {}}));
    ASSERT_TRUE(store_->insert_application({kApp, kTenantA, "App", true, {}}));
  }

  testing::TempDatabase database_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteStoreTest, DuplicateEmailInOneTenantIsRefused) {
  ASSERT_TRUE(
      store_->insert_user(user("00000000-0000-4000-8000-000000000001", kTenantA, "a@x.io")));
  const auto second =
      store_->insert_user(user("00000000-0000-4000-8000-000000000002", kTenantA, "a@x.io"));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateEmail);
}

TEST_F(SqliteStoreTest, SameEmailInAnotherTenantIsAllowed) {
  ASSERT_TRUE(
      store_->insert_user(user("00000000-0000-4000-8000-000000000001", kTenantA, "a@x.io")));
  EXPECT_TRUE(
      store_->insert_user(user("00000000-0000-4000-8000-000000000002", kTenantB, "a@x.io")));
}

TEST_F(SqliteStoreTest, UsernamesAreUniqueIgnoringCase) {
  ASSERT_TRUE(store_->insert_user(
      user("00000000-0000-4000-8000-000000000001", kTenantA, std::nullopt, "Alice")));
  const auto second = store_->insert_user(
      user("00000000-0000-4000-8000-000000000002", kTenantA, std::nullopt, "alice"));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateUsername);
  const auto found = store_->find_user_by_username(kTenantA, "ALICE");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->username, "Alice");
}

TEST_F(SqliteStoreTest, UsersWithoutEmailDoNotCollide) {
  ASSERT_TRUE(store_->insert_user(
      user("00000000-0000-4000-8000-000000000001", kTenantA, std::nullopt, "a")));
  EXPECT_TRUE(store_->insert_user(
      user("00000000-0000-4000-8000-000000000002", kTenantA, std::nullopt, "b")));
}

TEST_F(SqliteStoreTest, CombinedCreateWritesNothingWhenTheRegistrationFails) {
  const auto missing_app = id("00000000-0000-4000-8000-0000000000ff");
  const auto result = store_->insert_user_with_registration(
      user("00000000-0000-4000-8000-000000000001", kTenantA, "a@x.io"),
      {id("00000000-0000-4000-8000-000000000101"),
       id("00000000-0000-4000-8000-000000000001"),
       missing_app,
       {}});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(), Conflict::kMissingParent);
  EXPECT_FALSE(store_->find_user(id("00000000-0000-4000-8000-000000000001")));
}

TEST_F(SqliteStoreTest, DeletingATenantRemovesItsUsersAndApplications) {
  ASSERT_TRUE(
      store_->insert_user(user("00000000-0000-4000-8000-000000000001", kTenantA, "a@x.io")));
  ASSERT_TRUE(store_->delete_tenant(kTenantA));
  EXPECT_FALSE(store_->find_user(id("00000000-0000-4000-8000-000000000001")));
  EXPECT_FALSE(store_->find_application(kApp));
  EXPECT_FALSE(store_->delete_tenant(kTenantA));
}

TEST_F(SqliteStoreTest, PasswordCredentialRoundTrips) {
  auto record = user("00000000-0000-4000-8000-000000000001", kTenantA, "a@x.io");
  record.password = domain::PasswordCredential{"bcrypt", "hash", "salt", 10};
  ASSERT_TRUE(store_->insert_user(record));
  const auto found = store_->find_user_by_email(kTenantA, "A@X.IO");
  ASSERT_TRUE(found && found->password);
  EXPECT_EQ(found->password->scheme, "bcrypt");
  EXPECT_EQ(found->password->factor, 10);
}

TEST_F(SqliteStoreTest, DataSurvivesReopening) {
  store_.reset();
  store_ = SqliteStore::open(database_.path(), 1);
  EXPECT_EQ(store_->list_tenants().size(), 2U);
}

TEST(SqliteMigrations, ADatabaseNewerThanTheBinaryIsRefused) {
  testing::TempDatabase database;
  { SqliteStore::open(database.path(), 1); }
  {
    Connection connection = Connection::open(database.path());
    connection.exec("INSERT INTO schema_version VALUES (9999, 'future', 0)");
  }
  EXPECT_THROW(SqliteStore::open(database.path(), 1), StoreUnavailable);
}

TEST(SqliteMigrations, MigratingTwiceIsANoOp) {
  testing::TempDatabase database;
  Connection connection = Connection::open(database.path());
  const int first = migrate(connection, embedded_migrations());
  EXPECT_EQ(migrate(connection, embedded_migrations()), first);
  EXPECT_GE(first, 1);
}

TEST(SqliteMigrations, AFailingMigrationLeavesNoTrace) {
  testing::TempDatabase database;
  Connection connection = Connection::open(database.path());
  const Migration broken[] = {{1, "0001_ok", "CREATE TABLE t (x INTEGER);"},
                              {2, "0002_broken", "CREATE TABLE t (x INTEGER);"}};
  EXPECT_THROW(migrate(connection, broken), StoreUnavailable);
  Statement tables(connection, "SELECT COUNT(*) FROM sqlite_master WHERE name = 't'");
  tables.step();
  EXPECT_EQ(tables.column_int(0), 0);
}

}  // namespace
}  // namespace latchkey::store::sqlite
