// Which tenant a request applies to (caller.hpp, resolve_tenant): the caller's scope, else the
// tenant of an application the request names, else the only tenant, else [TenantIdRequired].
#include "services/common/caller.hpp"

#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.hpp"
#include "temp_database.hpp"

namespace latchkey::services {
namespace {

const Uuid kFirstTenant = *Uuid::parse("11111111-1111-4111-8111-111111111111");
const Uuid kSecondTenant = *Uuid::parse("33333333-3333-4333-8333-333333333333");
const Uuid kFirstApp = *Uuid::parse("22222222-2222-4222-8222-222222222222");
const Uuid kSecondApp = *Uuid::parse("44444444-4444-4444-8444-444444444444");
const Uuid kNoSuchApp = *Uuid::parse("55555555-5555-4555-8555-555555555555");
const Uuid kKeyId = *Uuid::parse("66666666-6666-4666-8666-666666666666");

class ResolveTenantTest : public ::testing::Test {
 protected:
  void SetUp() override { add_tenant(kFirstTenant, kFirstApp, "First"); }

  void add_tenant(const Uuid& tenant, const Uuid& app, const std::string& name) {
    ASSERT_TRUE(store->insert_tenant({tenant, name, json::object{{"name", name}}}));
    ASSERT_TRUE(store->insert_application({app, tenant, name, true, json::object{{"name", name}}}));
    config.reload();
  }
  void add_second_tenant() { add_tenant(kSecondTenant, kSecondApp, "Second"); }

  static Caller header(const Uuid& tenant) {
    Caller caller;
    caller.tenant_header = tenant;
    return caller;
  }
  static Caller locked_key(const Uuid& tenant) {
    Caller caller;
    caller.api_key = domain::ApiKey{kKeyId, "locked", tenant, false, {}};
    return caller;
  }
  [[nodiscard]] Result<Uuid> resolve(const Caller& caller, const TenantHint& hint = {}) const {
    return resolve_tenant(caller, *config.current(), hint);
  }

  testing::TempDatabase database;
  std::unique_ptr<store::Store> store = store::sqlite::SqliteStore::open(database.path(), 1);
  ConfigCache config{*store};
};

TEST_F(ResolveTenantTest, WithOneTenantEveryRequestIsPlacedInIt) {
  const auto tenant = resolve(Caller{});
  ASSERT_TRUE(tenant);
  EXPECT_EQ(*tenant, kFirstTenant);
}

TEST_F(ResolveTenantTest, WithTwoTenantsARequestNamingNothingIsTenantIdRequired) {
  add_second_tenant();
  const auto tenant = resolve(Caller{});
  ASSERT_FALSE(tenant);
  EXPECT_EQ(tenant.error().http_status(), HttpStatus::kBadRequest);
  EXPECT_TRUE(tenant.error().has_general_error("[TenantIdRequired]"));
}

TEST_F(ResolveTenantTest, WithTwoTenantsANamedApplicationPlacesTheRequestInItsTenant) {
  add_second_tenant();
  const auto second = resolve(Caller{}, {kSecondApp});
  ASSERT_TRUE(second);
  EXPECT_EQ(*second, kSecondTenant);
  const auto first = resolve(Caller{}, {kFirstApp});
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, kFirstTenant);
}

TEST_F(ResolveTenantTest, TheHeaderPicksTheTenantWhenNothingIsNamed) {
  add_second_tenant();
  const auto tenant = resolve(header(kSecondTenant));
  ASSERT_TRUE(tenant);
  EXPECT_EQ(*tenant, kSecondTenant);
}

TEST_F(ResolveTenantTest, AHeaderAgreeingWithTheNamedApplicationIsThatTenant) {
  add_second_tenant();
  const auto tenant = resolve(header(kSecondTenant), {kSecondApp});
  ASSERT_TRUE(tenant);
  EXPECT_EQ(*tenant, kSecondTenant);
}

TEST_F(ResolveTenantTest, AHeaderDisagreeingWithTheNamedApplicationIsInvalidApplication) {
  add_second_tenant();
  const auto tenant = resolve(header(kFirstTenant), {kSecondApp});
  ASSERT_FALSE(tenant);
  EXPECT_EQ(tenant.error().http_status(), HttpStatus::kBadRequest);
  EXPECT_TRUE(tenant.error().has_field_error("applicationId", "[invalid]applicationId"));
}

TEST_F(ResolveTenantTest, ALockedKeyIsBoundToItsTenantWithoutAHint) {
  add_second_tenant();
  const auto tenant = resolve(locked_key(kSecondTenant));
  ASSERT_TRUE(tenant);
  EXPECT_EQ(*tenant, kSecondTenant);
}

TEST_F(ResolveTenantTest, ALockedKeyNamingItsOwnTenantsApplicationStaysInItsTenant) {
  add_second_tenant();
  const auto tenant = resolve(locked_key(kFirstTenant), {kFirstApp});
  ASSERT_TRUE(tenant);
  EXPECT_EQ(*tenant, kFirstTenant);
}

TEST_F(ResolveTenantTest, ALockedKeyCannotBeSteeredIntoAnotherTenantByItsApplication) {
  add_second_tenant();
  const auto tenant = resolve(locked_key(kFirstTenant), {kSecondApp, "registration.applicationId"});
  ASSERT_FALSE(tenant);
  EXPECT_EQ(tenant.error().http_status(), HttpStatus::kBadRequest);
  EXPECT_TRUE(tenant.error().has_field_error("registration.applicationId",
                                             "[invalid]registration.applicationId"));
  EXPECT_TRUE(tenant.error().general_errors().empty());
}

TEST_F(ResolveTenantTest, AnUnknownApplicationIsInvalidEvenWithOneTenant) {
  const auto tenant = resolve(Caller{}, {kNoSuchApp, "registration.applicationId"});
  ASSERT_FALSE(tenant);
  EXPECT_TRUE(tenant.error().has_field_error("registration.applicationId",
                                             "[invalid]registration.applicationId"));
}

TEST_F(ResolveTenantTest, AnUnknownApplicationIsInvalidNotTenantIdRequiredWithTwoTenants) {
  add_second_tenant();
  const auto tenant = resolve(Caller{}, {kNoSuchApp});
  ASSERT_FALSE(tenant);
  EXPECT_TRUE(tenant.error().has_field_error("applicationId", "[invalid]applicationId"));
  EXPECT_FALSE(tenant.error().has_general_error("[TenantIdRequired]"));
}

TEST_F(ResolveTenantTest, ALockedKeyGetsTheSameAnswerForAForeignAndAMissingApplication) {
  add_second_tenant();
  const auto foreign = resolve(locked_key(kFirstTenant), {kSecondApp});
  const auto missing = resolve(locked_key(kFirstTenant), {kNoSuchApp});
  ASSERT_FALSE(foreign);
  ASSERT_FALSE(missing);
  EXPECT_EQ(foreign.error().http_status(), missing.error().http_status());
  EXPECT_EQ(foreign.error().field_errors().begin()->second.front().message,
            missing.error().field_errors().begin()->second.front().message);
}

}  // namespace
}  // namespace latchkey::services
