// The config snapshot parses tenants' and applications' settings once, when it is built.
#include "services/common/config_cache.hpp"

#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.hpp"
#include "temp_database.hpp"

namespace latchkey::services {
namespace {

const Uuid kTenantId = *Uuid::parse("11111111-1111-4111-8111-111111111111");
const Uuid kAppId = *Uuid::parse("22222222-2222-4222-8222-222222222222");

class ConfigSnapshotSettingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store->insert_tenant(
        {kTenantId, "T", *json::parse_object(R"({"name":"T","issuer":"https://t.example"})")}));
    ASSERT_TRUE(store->insert_application(
        {kAppId, kTenantId, "A", true,
         *json::parse_object(R"({"name":"A","loginConfiguration":{"allowTokenRefresh":true},
                                 "jwtConfiguration":{"enabled":true,"timeToLiveInSeconds":7}})")}));
    config.reload();
  }

  testing::TempDatabase database;
  std::unique_ptr<store::Store> store = store::sqlite::SqliteStore::open(database.path(), 1);
  ConfigCache config{*store};
};

TEST_F(ConfigSnapshotSettingsTest, HeldRecordsSettingsAreParsedOnceWhenTheSnapshotIsBuilt) {
  const auto snapshot = config.current();
  const auto* tenant = snapshot->find_tenant(kTenantId);
  const auto* application = snapshot->find_application(kAppId);
  ASSERT_NE(tenant, nullptr);
  ASSERT_NE(application, nullptr);
  // The same parsed view every time: nothing is re-read from JSON on a request.
  EXPECT_EQ(snapshot->settings(*tenant).get(), snapshot->settings(*tenant).get());
  EXPECT_EQ(snapshot->settings(*application).get(), snapshot->settings(*application).get());
  EXPECT_EQ(snapshot->settings(*tenant)->issuer, "https://t.example");
  EXPECT_TRUE(snapshot->settings(*application)->login.allow_token_refresh);
}

TEST_F(ConfigSnapshotSettingsTest, JwtSettingsOverlayAnEnabledApplicationOnItsTenant) {
  const auto snapshot = config.current();
  const auto* tenant = snapshot->find_tenant(kTenantId);
  const auto* application = snapshot->find_application(kAppId);
  EXPECT_EQ(snapshot->jwt_settings(*tenant, application).access_token_ttl, std::chrono::seconds(7));
  EXPECT_EQ(snapshot->jwt_settings(*tenant, nullptr).access_token_ttl, std::chrono::seconds(3600));
}

TEST_F(ConfigSnapshotSettingsTest, ARecordTheSnapshotDoesNotHoldIsReadAsItIs) {
  const auto snapshot = config.current();
  // A copy (as an older snapshot's record, or a test's) with other settings than the held one.
  domain::Tenant copy = *snapshot->find_tenant(kTenantId);
  copy.data["issuer"] = "https://copy.example";
  EXPECT_EQ(snapshot->settings(copy)->issuer, "https://copy.example");
  EXPECT_EQ(snapshot->settings(*snapshot->find_tenant(kTenantId))->issuer, "https://t.example");
}

TEST_F(ConfigSnapshotSettingsTest, AReloadPublishesTheNewSettings) {
  const auto before = config.current();
  auto tenant = *before->find_tenant(kTenantId);
  tenant.data["issuer"] = "https://changed.example";
  ASSERT_TRUE(store->update_tenant(tenant));
  config.reload();
  const auto after = config.current();
  EXPECT_EQ(after->settings(*after->find_tenant(kTenantId))->issuer, "https://changed.example");
  // Readers of the old snapshot keep its view.
  EXPECT_EQ(before->settings(*before->find_tenant(kTenantId))->issuer, "https://t.example");
}

}  // namespace
}  // namespace latchkey::services
