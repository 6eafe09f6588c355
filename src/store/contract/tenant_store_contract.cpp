// TenantStore and ApplicationStore contract.
//
// - A tenant round-trips its id, name and document; names are unique ignoring case
//   (kDuplicateName), ids unique (kDuplicateId); tenants list by name, ignoring case.
// - Deleting a tenant removes its applications, users and registrations; false when absent.
// - An application round-trips its tenant, name, active flag and document; it needs an existing
//   tenant (kMissingParent); deleting it removes its registrations.
// - Updates never create a record.
#include "store/contract/store_contract.hpp"

namespace latchkey::store::contract {
namespace {

class TenantStoreContract : public StoreContract {};

TEST_P(TenantStoreContract, ATenantRoundTripsEveryField) {
  const json::object data{{"name", "Acme"}, {"jwtConfiguration", {{"enabled", true}}}};
  ASSERT_TRUE(store().insert_tenant({kTenant, "Acme", data}));
  const auto found = store().find_tenant(kTenant);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, kTenant);
  EXPECT_EQ(found->name, "Acme");
  EXPECT_EQ(found->data, data);
}

TEST_P(TenantStoreContract, AnUnknownTenantIsNotFound) {
  EXPECT_FALSE(store().find_tenant(kTenant));
  EXPECT_TRUE(store().list_tenants().empty());
}

TEST_P(TenantStoreContract, TenantNamesAreUniqueIgnoringCase) {
  ASSERT_TRUE(store().insert_tenant({kTenant, "Acme", {}}));
  const auto second = store().insert_tenant({kOtherTenant, "ACME", {}});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateName);
  EXPECT_FALSE(store().find_tenant(kOtherTenant));
}

TEST_P(TenantStoreContract, ASecondTenantWithTheSameIdIsRefused) {
  ASSERT_TRUE(store().insert_tenant({kTenant, "Acme", {}}));
  const auto second = store().insert_tenant({kTenant, "Other", {}});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateId);
  EXPECT_EQ(store().find_tenant(kTenant)->name, "Acme");
}

TEST_P(TenantStoreContract, TenantsListByNameIgnoringCase) {
  ASSERT_TRUE(store().insert_tenant({id(1), "charlie", {}}));
  ASSERT_TRUE(store().insert_tenant({id(2), "Alpha", {}}));
  ASSERT_TRUE(store().insert_tenant({id(3), "bravo", {}}));
  const auto tenants = store().list_tenants();
  ASSERT_EQ(tenants.size(), 3U);
  EXPECT_EQ(tenants[0].name, "Alpha");
  EXPECT_EQ(tenants[1].name, "bravo");
  EXPECT_EQ(tenants[2].name, "charlie");
}

TEST_P(TenantStoreContract, AnUpdateReplacesTheNameAndDocument) {
  ASSERT_TRUE(store().insert_tenant({kTenant, "Acme", {{"a", 1}}}));
  ASSERT_TRUE(store().update_tenant({kTenant, "Acme Two", {{"b", 2}}}));
  const auto found = store().find_tenant(kTenant);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Acme Two");
  EXPECT_EQ(found->data, (json::object{{"b", 2}}));
}

TEST_P(TenantStoreContract, RenamingOntoATakenNameIsRefused) {
  ASSERT_TRUE(store().insert_tenant({kTenant, "Acme", {}}));
  ASSERT_TRUE(store().insert_tenant({kOtherTenant, "Other", {}}));
  const auto renamed = store().update_tenant({kOtherTenant, "acme", {}});
  ASSERT_FALSE(renamed);
  EXPECT_EQ(renamed.error(), Conflict::kDuplicateName);
  EXPECT_EQ(store().find_tenant(kOtherTenant)->name, "Other");
}

TEST_P(TenantStoreContract, UpdatingAnAbsentTenantCreatesNothing) {
  (void)store().update_tenant({kTenant, "Ghost", {}});
  EXPECT_FALSE(store().find_tenant(kTenant));
}

TEST_P(TenantStoreContract, DeletingATenantRemovesItsApplicationsUsersAndRegistrations) {
  ASSERT_NO_FATAL_FAILURE(seed_tenant());
  ASSERT_NO_FATAL_FAILURE(seed_application());
  ASSERT_NO_FATAL_FAILURE(seed_user());
  ASSERT_TRUE(store().insert_registration({id(0x200), kUser, kApp, {}}));
  ASSERT_TRUE(store().insert_tenant({kOtherTenant, "Other", {}}));

  EXPECT_TRUE(store().delete_tenant(kTenant));
  EXPECT_FALSE(store().find_tenant(kTenant));
  EXPECT_FALSE(store().find_application(kApp));
  EXPECT_FALSE(store().find_user(kUser));
  EXPECT_TRUE(store().list_registrations(kUser).empty());
  EXPECT_TRUE(store().find_tenant(kOtherTenant));
  EXPECT_FALSE(store().delete_tenant(kTenant));
}

class ApplicationStoreContract : public StoreContract {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreContract::SetUp());
    ASSERT_NO_FATAL_FAILURE(seed_tenant());
  }
};

TEST_P(ApplicationStoreContract, AnApplicationRoundTripsEveryField) {
  const json::object data{{"name", "Portal"}, {"oauthConfiguration", {{"clientId", "x"}}}};
  ASSERT_TRUE(store().insert_application({kApp, kTenant, "Portal", false, data}));
  const auto found = store().find_application(kApp);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, kApp);
  EXPECT_EQ(found->tenant_id, kTenant);
  EXPECT_EQ(found->name, "Portal");
  EXPECT_FALSE(found->active);
  EXPECT_EQ(found->data, data);
}

TEST_P(ApplicationStoreContract, AnUnknownApplicationIsNotFound) {
  EXPECT_FALSE(store().find_application(kApp));
  EXPECT_TRUE(store().list_applications().empty());
  EXPECT_FALSE(store().delete_application(kApp));
}

TEST_P(ApplicationStoreContract, AnApplicationNeedsAnExistingTenant) {
  const auto written = store().insert_application({kApp, kOtherTenant, "Portal", true, {}});
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error(), Conflict::kMissingParent);
  EXPECT_FALSE(store().find_application(kApp));
}

TEST_P(ApplicationStoreContract, ASecondApplicationWithTheSameIdIsRefused) {
  ASSERT_TRUE(store().insert_application({kApp, kTenant, "Portal", true, {}}));
  const auto second = store().insert_application({kApp, kTenant, "Other", true, {}});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateId);
}

TEST_P(ApplicationStoreContract, ApplicationNamesNeedNotBeUnique) {
  ASSERT_TRUE(store().insert_application({kApp, kTenant, "Portal", true, {}}));
  EXPECT_TRUE(store().insert_application({kOtherApp, kTenant, "Portal", true, {}}));
}

TEST_P(ApplicationStoreContract, ApplicationsListByName) {
  ASSERT_TRUE(store().insert_application({id(1), kTenant, "Charlie", true, {}}));
  ASSERT_TRUE(store().insert_application({id(2), kTenant, "Alpha", true, {}}));
  ASSERT_TRUE(store().insert_application({id(3), kTenant, "Bravo", true, {}}));
  const auto applications = store().list_applications();
  ASSERT_EQ(applications.size(), 3U);
  EXPECT_EQ(applications[0].name, "Alpha");
  EXPECT_EQ(applications[1].name, "Bravo");
  EXPECT_EQ(applications[2].name, "Charlie");
}

TEST_P(ApplicationStoreContract, AnUpdateReplacesNameActiveAndDocument) {
  ASSERT_TRUE(store().insert_application({kApp, kTenant, "Portal", true, {{"a", 1}}}));
  ASSERT_TRUE(store().update_application({kApp, kTenant, "Portal Two", false, {{"b", 2}}}));
  const auto found = store().find_application(kApp);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Portal Two");
  EXPECT_FALSE(found->active);
  EXPECT_EQ(found->data, (json::object{{"b", 2}}));
}

TEST_P(ApplicationStoreContract, UpdatingAnAbsentApplicationCreatesNothing) {
  (void)store().update_application({kApp, kTenant, "Ghost", true, {}});
  EXPECT_FALSE(store().find_application(kApp));
}

TEST_P(ApplicationStoreContract, DeletingAnApplicationRemovesItsRegistrationsOnly) {
  ASSERT_NO_FATAL_FAILURE(seed_application());
  ASSERT_NO_FATAL_FAILURE(seed_user());
  ASSERT_TRUE(store().insert_registration({id(0x200), kUser, kApp, {}}));
  EXPECT_TRUE(store().delete_application(kApp));
  EXPECT_FALSE(store().find_application(kApp));
  EXPECT_FALSE(store().find_registration(kUser, kApp));
  EXPECT_TRUE(store().find_user(kUser));
  EXPECT_FALSE(store().delete_application(kApp));
}

}  // namespace

LATCHKEY_STORE_CONTRACT(TenantStoreContract);
LATCHKEY_STORE_CONTRACT(ApplicationStoreContract);

}  // namespace latchkey::store::contract
