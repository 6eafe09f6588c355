// The Tenant API's rules: validation and defaults, the signing keys a tenant gets, uniqueness,
// what a tenant-scoped caller may see and do, and the tenant that cannot be deleted.
#include "services/tenancy/tenant_service.hpp"

#include <gtest/gtest.h>

#include "service_fixture.hpp"
#include "services/common/fusionauth_ids.hpp"

namespace latchkey::services {
namespace {

using testing::parse;

class TenantServiceTest : public ::testing::Test {
 protected:
  domain::Tenant create(std::string_view json_text) {
    // value() throws when the create fails, which fails the test that asked.
    return f.tenants.create(f.admin(), std::nullopt, parse(json_text)).value();
  }
  // A caller whose X-FusionAuth-TenantId header names `tenant`.
  static Caller scoped_to(const Uuid& tenant) { return Caller{std::nullopt, tenant}; }
  testing::ServiceFixture f;
};

TEST_F(TenantServiceTest, FirstStartMakesOneDefaultTenantSigningWithTheDefaultKeys) {
  EXPECT_EQ(f.tenants.list(f.admin()).size(), 1U);
  EXPECT_EQ(f.default_tenant.name, "Default");
  const auto access_key =
      json::get_string(f.default_tenant.data, "jwtConfiguration.accessTokenKeyId");
  ASSERT_TRUE(access_key);
  const auto key = f.keys.retrieve(*Uuid::parse(*access_key));
  ASSERT_TRUE(key);
  EXPECT_EQ(key->role, "default-signing");
  EXPECT_EQ(json::get_string(f.default_tenant.data, "jwtConfiguration.idTokenKeyId"),
            kShadowKeyHs256Id);
  // A second start finds it and makes no other.
  EXPECT_EQ(f.tenants.ensure_default_tenant(std::nullopt).id, f.default_tenant.id);
  EXPECT_EQ(f.tenants.list(f.admin()).size(), 1U);
}

TEST_F(TenantServiceTest, CreateFillsDefaultsAndKeepsWhatWasGiven) {
  const auto tenant = create(R"({"name":"Second","issuer":"second.example","custom":{"a":1}})");
  EXPECT_EQ(tenant.name, "Second");
  EXPECT_EQ(json::get_string(tenant.data, "id"), tenant.id.str());
  EXPECT_EQ(json::get_string(tenant.data, "issuer"), "second.example");
  EXPECT_EQ(json::get_int(tenant.data, "custom.a"), 1);
  EXPECT_EQ(json::get_int(tenant.data, "insertInstant"), to_epoch_ms(f.clock.now()));
  EXPECT_EQ(json::get_string(tenant.data, "jwtConfiguration.accessTokenKeyId"),
            json::get_string(f.default_tenant.data, "jwtConfiguration.accessTokenKeyId"));
  const auto stored = f.tenants.retrieve(f.admin(), tenant.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->data, tenant.data);
}

TEST_F(TenantServiceTest, NameIsRequiredAndUnique) {
  const auto blank = f.tenants.create(f.admin(), std::nullopt, parse(R"({"name":"  "})"));
  ASSERT_FALSE(blank);
  EXPECT_TRUE(blank.error().has_field_error("tenant.name", "[blank]tenant.name"));
  const auto duplicate = f.tenants.create(f.admin(), std::nullopt, parse(R"({"name":"Default"})"));
  ASSERT_FALSE(duplicate);
  EXPECT_TRUE(duplicate.error().has_field_error("tenant.name", "[duplicate]tenant.name"));
  const auto same_id =
      f.tenants.create(f.admin(), f.default_tenant.id, parse(R"({"name":"Another"})"));
  ASSERT_FALSE(same_id);
  EXPECT_TRUE(same_id.error().has_field_error("tenantId", "[duplicate]tenantId"));
  EXPECT_EQ(f.tenants.list(f.admin()).size(), 1U) << "nothing half-written";
}

TEST_F(TenantServiceTest, UnknownSigningKeyIsRefused) {
  const auto refused =
      f.tenants.create(f.admin(), std::nullopt, parse(R"({"name":"Bad key","jwtConfiguration":
              {"accessTokenKeyId":"00000000-0000-4000-8000-00000000dead"}})"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().http_status(), HttpStatus::kBadRequest);
}

TEST_F(TenantServiceTest, UpdateReplacesTheDocumentAndKeepsTheInsertInstant) {
  const auto tenant = create(R"({"name":"Before","custom":{"a":1}})");
  f.clock.advance(std::chrono::minutes(1));
  const auto updated = f.tenants.update(f.admin(), tenant.id, parse(R"({"name":"After"})"));
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->name, "After");
  EXPECT_FALSE(updated->data.contains("custom")) << "PUT replaces, it does not merge";
  EXPECT_EQ(json::get_int(updated->data, "insertInstant"),
            json::get_int(tenant.data, "insertInstant"));
  EXPECT_EQ(json::get_int(updated->data, "lastUpdateInstant"), to_epoch_ms(f.clock.now()));
  EXPECT_EQ(f.tenants.retrieve(f.admin(), tenant.id)->name, "After");
}

TEST_F(TenantServiceTest, PatchMergesIntoTheStoredDocument) {
  const auto tenant = create(R"({"name":"Patched","custom":{"a":1,"b":2}})");
  const auto patched = f.tenants.patch(f.admin(), tenant.id, parse(R"({"custom":{"b":3}})"),
                                       PatchStyle::kMergePatch);
  ASSERT_TRUE(patched);
  EXPECT_EQ(patched->name, "Patched");
  EXPECT_EQ(json::get_int(patched->data, "custom.a"), 1);
  EXPECT_EQ(json::get_int(patched->data, "custom.b"), 3);
}

// Security: a tenant-scoped caller sees only its own tenant, and another tenant answers
// exactly as an absent one.
TEST_F(TenantServiceTest, AScopedCallerSeesOnlyItsOwnTenant) {
  const auto second = create(R"({"name":"Second"})");
  const Caller caller = scoped_to(second.id);
  const auto visible = f.tenants.list(caller);
  ASSERT_EQ(visible.size(), 1U);
  EXPECT_EQ(visible.front().id, second.id);
  EXPECT_TRUE(f.tenants.retrieve(caller, second.id));
  EXPECT_EQ(f.tenants.retrieve(caller, f.default_tenant.id).error().http_status(),
            HttpStatus::kNotFound);
  EXPECT_EQ(f.tenants.update(caller, f.default_tenant.id, parse(R"({"name":"Mine"})"))
                .error()
                .http_status(),
            HttpStatus::kNotFound);
  EXPECT_EQ(f.tenants.remove(caller, f.default_tenant.id).error().http_status(),
            HttpStatus::kNotFound);
  EXPECT_EQ(
      f.tenants.create(caller, std::nullopt, parse(R"({"name":"Third"})")).error().http_status(),
      HttpStatus::kUnauthorized)
      << "a scoped caller cannot create tenants beside its own";
  EXPECT_EQ(f.tenants.list(f.admin()).size(), 2U);
}

TEST_F(TenantServiceTest, RemoveDeletesATenantButNeverTheFusionAuthApplicationsTenant) {
  const auto second = create(R"({"name":"Second"})");
  EXPECT_TRUE(f.tenants.remove(f.admin(), second.id));
  EXPECT_EQ(f.tenants.retrieve(f.admin(), second.id).error().http_status(), HttpStatus::kNotFound);
  EXPECT_EQ(f.tenants.remove(f.admin(), second.id).error().http_status(), HttpStatus::kNotFound);

  f.applications.ensure_fusionauth_application(f.default_tenant.id);
  const auto refused = f.tenants.remove(f.admin(), f.default_tenant.id);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().has_field_error("tenantId", "[fusionAuth]tenantId"));
  EXPECT_TRUE(f.tenants.retrieve(f.admin(), f.default_tenant.id));
}

TEST_F(TenantServiceTest, VendingUsesTheCallersTenantOrTheFusionAuthApplicationsTenant) {
  const auto second = create(R"({"name":"Second"})");
  f.applications.ensure_fusionauth_application(f.default_tenant.id);
  const auto global = f.tenants.for_vend(f.admin());
  ASSERT_TRUE(global);
  EXPECT_EQ(global->id, f.default_tenant.id);
  const auto scoped = f.tenants.for_vend(scoped_to(second.id));
  ASSERT_TRUE(scoped);
  EXPECT_EQ(scoped->id, second.id);
}

}  // namespace
}  // namespace latchkey::services
