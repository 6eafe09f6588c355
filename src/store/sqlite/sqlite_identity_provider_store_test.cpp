#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.hpp"
#include "temp_database.hpp"

namespace latchkey::store::sqlite {
namespace {

Uuid id(const char* text) { return *Uuid::parse(text); }

const Uuid kTenant = id("00000000-0000-4000-8000-00000000000a");
const Uuid kApp = id("00000000-0000-4000-8000-0000000000aa");
const Uuid kProvider = id("00000000-0000-4000-8000-0000000000bb");

class SqliteIdentityProviderStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = SqliteStore::open(database_.path(), 2);
    ASSERT_TRUE(store_->insert_tenant({kTenant, "T", {}}));
    ASSERT_TRUE(store_->insert_application({kApp, kTenant, "App", true, {}}));
    ASSERT_TRUE(store_->insert_identity_provider(
        {kProvider, "ExternalJWT", "Corp", std::nullopt, json::object{{"name", "Corp"}}}));
  }

  static FederatedLoginWrite new_user_write(const char* user_id, const char* email,
                                            const char* external_id) {
    domain::User user{id(user_id), kTenant, std::string(email), std::nullopt, true, {}, {}, {}};
    domain::Registration registration{
        id("00000000-0000-4000-8000-0000000000c1"), user.id, kApp, {}};
    domain::IdentityProviderLink link{kProvider, external_id, user.id, kTenant, {}};
    return {user, true, registration, true, link, true};
  }

  testing::TempDatabase database_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteIdentityProviderStoreTest, UserRegistrationAndLinkAreWrittenTogether) {
  ASSERT_TRUE(store_->write_federated_login(
      new_user_write("00000000-0000-4000-8000-000000000001", "a@x.io", "ext-1")));
  const auto link = store_->find_identity_provider_link(kProvider, kTenant, "ext-1");
  ASSERT_TRUE(link);
  EXPECT_EQ(link->user_id, id("00000000-0000-4000-8000-000000000001"));
  EXPECT_TRUE(store_->find_registration(link->user_id, kApp));
}

TEST_F(SqliteIdentityProviderStoreTest, AConflictLeavesNothingHalfWritten) {
  ASSERT_TRUE(store_->insert_user({id("00000000-0000-4000-8000-000000000001"),
                                   kTenant,
                                   std::string("a@x.io"),
                                   std::nullopt,
                                   true,
                                   {},
                                   {},
                                   {}}));
  // Same email: the user insert is refused, so neither registration nor link may remain.
  auto write = new_user_write("00000000-0000-4000-8000-000000000002", "a@x.io", "ext-2");
  const auto written = store_->write_federated_login(write);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error(), Conflict::kDuplicateEmail);
  EXPECT_FALSE(store_->find_identity_provider_link(kProvider, kTenant, "ext-2"));
  EXPECT_FALSE(store_->find_user(id("00000000-0000-4000-8000-000000000002")));
  // Refused at the last step (the link exists already): the new user is rolled back too.
  ASSERT_TRUE(store_->write_federated_login(
      new_user_write("00000000-0000-4000-8000-000000000003", "c@x.io", "ext-3")));
  write = new_user_write("00000000-0000-4000-8000-000000000004", "d@x.io", "ext-3");
  write.registration->id = id("00000000-0000-4000-8000-0000000000c4");
  const auto again = store_->write_federated_login(write);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error(), Conflict::kDuplicateLink);
  EXPECT_FALSE(store_->find_user(id("00000000-0000-4000-8000-000000000004")));
}

TEST_F(SqliteIdentityProviderStoreTest, DeletingTheProviderRemovesItsLinks) {
  ASSERT_TRUE(store_->write_federated_login(
      new_user_write("00000000-0000-4000-8000-000000000001", "a@x.io", "ext-1")));
  EXPECT_TRUE(store_->delete_identity_provider(kProvider));
  EXPECT_FALSE(store_->find_identity_provider_link(kProvider, kTenant, "ext-1"));
  EXPECT_TRUE(store_->find_user(id("00000000-0000-4000-8000-000000000001")));
}

TEST_F(SqliteIdentityProviderStoreTest, ProviderNamesAreUniqueIgnoringCase) {
  const auto second = store_->insert_identity_provider(
      {id("00000000-0000-4000-8000-0000000000bc"), "ExternalJWT", "CORP", std::nullopt, {}});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateName);
}

}  // namespace
}  // namespace latchkey::store::sqlite
