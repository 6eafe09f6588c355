// The Application API's rules: tenant resolution, OAuth client id and secret, soft and hard
// delete, roles, tenant scoping, and the FusionAuth application that cannot be deleted.
#include "services/tenancy/application_service.hpp"

#include <gtest/gtest.h>

#include "service_fixture.hpp"
#include "services/common/fusionauth_ids.hpp"

namespace latchkey::services {
namespace {

using testing::parse;

class ApplicationServiceTest : public ::testing::Test {
 protected:
  domain::Application create(std::string_view json_text, const Caller& caller = Caller{}) {
    // value() throws when the create fails, which fails the test that asked.
    return f.applications.create(caller, std::nullopt, parse(json_text)).value();
  }
  static Caller scoped_to(const Uuid& tenant) { return Caller{std::nullopt, tenant}; }
  std::size_t role_count(const Uuid& application) const {
    return f.applications.retrieve(f.admin(), application)->data.at("roles").as_array().size();
  }
  testing::ServiceFixture f;
};

TEST_F(ApplicationServiceTest, CreateJoinsTheOnlyTenantAndIssuesOAuthCredentials) {
  const auto app = create(R"({"name":"Portal"})");
  EXPECT_EQ(app.tenant_id, f.default_tenant.id);
  EXPECT_EQ(json::get_string(app.data, "tenantId"), f.default_tenant.id.str());
  EXPECT_TRUE(app.active);
  EXPECT_EQ(json::get_string(app.data, "oauthConfiguration.clientId"), app.id.str());
  const auto secret = json::get_string(app.data, "oauthConfiguration.clientSecret");
  ASSERT_TRUE(secret);
  EXPECT_GE(secret->size(), 32U);
  EXPECT_NE(json::get_string(create(R"({"name":"Other"})").data, "oauthConfiguration.clientSecret"),
            secret)
      << "each application gets its own secret";
  EXPECT_EQ(json::get_int(app.data, "insertInstant"), to_epoch_ms(f.clock.now()));
}

TEST_F(ApplicationServiceTest, WithSeveralTenantsTheCallerMustNameOne) {
  const auto second = f.tenants.create(f.admin(), std::nullopt, parse(R"({"name":"Second"})"));
  ASSERT_TRUE(second);
  const auto unnamed = f.applications.create(f.admin(), std::nullopt, parse(R"({"name":"App"})"));
  ASSERT_FALSE(unnamed);
  EXPECT_TRUE(unnamed.error().has_general_error("[TenantIdRequired]"));
  const auto named = create(R"({"name":"App"})", scoped_to(second->id));
  EXPECT_EQ(named.tenant_id, second->id);
}

TEST_F(ApplicationServiceTest, NameIsRequiredAndIdsAreUnique) {
  const auto blank = f.applications.create(f.admin(), std::nullopt, parse(R"({"name":""})"));
  ASSERT_FALSE(blank);
  EXPECT_TRUE(blank.error().has_field_error("application.name", "[blank]application.name"));
  const auto app = create(R"({"name":"Once"})");
  const auto again = f.applications.create(f.admin(), app.id, parse(R"({"name":"Twice"})"));
  ASSERT_FALSE(again);
  EXPECT_TRUE(again.error().has_field_error("applicationId", "[duplicate]applicationId"));
}

TEST_F(ApplicationServiceTest, CreateCannotStartInactive) {
  const auto app = create(R"({"name":"Eager","active":false,"state":"Inactive"})");
  EXPECT_TRUE(app.active);
  EXPECT_EQ(f.applications.list(f.admin(), /*inactive=*/true).size(), 0U);
}

TEST_F(ApplicationServiceTest, UpdateKeepsTheClientSecretAndRolesWhenTheBodyOmitsThem) {
  const auto app = create(R"({"name":"Keep","roles":[{"name":"admin"}]})");
  const auto secret = json::get_string(app.data, "oauthConfiguration.clientSecret");
  f.clock.advance(std::chrono::minutes(1));
  const auto updated = f.applications.update(f.admin(), app.id, parse(R"({"name":"Kept"})"));
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->name, "Kept");
  EXPECT_EQ(json::get_string(updated->data, "oauthConfiguration.clientSecret"), secret);
  EXPECT_EQ(role_count(app.id), 1U) << "roles are managed through their own API";
  EXPECT_EQ(json::get_int(updated->data, "insertInstant"),
            json::get_int(app.data, "insertInstant"));
  EXPECT_EQ(json::get_int(updated->data, "lastUpdateInstant"), to_epoch_ms(f.clock.now()));
}

TEST_F(ApplicationServiceTest, SoftDeleteDeactivatesReactivateRestoresHardDeleteRemoves) {
  const auto app = create(R"({"name":"Cycle"})");
  ASSERT_TRUE(f.applications.remove(f.admin(), app.id, /*hard_delete=*/false));
  const auto inactive = f.applications.retrieve(f.admin(), app.id);
  ASSERT_TRUE(inactive);
  EXPECT_FALSE(inactive->active);
  EXPECT_EQ(json::get_string(inactive->data, "state"), "Inactive");
  EXPECT_EQ(f.applications.list(f.admin(), /*inactive=*/true).size(), 1U);
  EXPECT_EQ(f.applications.list(f.admin(), /*inactive=*/false).size(), 0U);

  const auto active = f.applications.reactivate(f.admin(), app.id);
  ASSERT_TRUE(active);
  EXPECT_TRUE(active->active);
  EXPECT_EQ(json::get_string(active->data, "state"), "Active");

  ASSERT_TRUE(f.applications.remove(f.admin(), app.id, /*hard_delete=*/true));
  EXPECT_EQ(f.applications.retrieve(f.admin(), app.id).error().http_status(),
            HttpStatus::kNotFound);
  EXPECT_EQ(f.applications.remove(f.admin(), app.id, true).error().http_status(),
            HttpStatus::kNotFound);
}

TEST_F(ApplicationServiceTest, TheFusionAuthApplicationCannotBeDeleted) {
  f.applications.ensure_fusionauth_application(f.default_tenant.id);
  f.applications.ensure_fusionauth_application(f.default_tenant.id);  // a second start: no-op
  const Uuid id = *Uuid::parse(kFusionAuthApplicationId);
  ASSERT_TRUE(f.applications.retrieve(f.admin(), id));
  for (const bool hard : {false, true}) {
    const auto refused = f.applications.remove(f.admin(), id, hard);
    ASSERT_FALSE(refused);
    EXPECT_TRUE(refused.error().has_field_error("applicationId", "[fusionAuth]applicationId"));
  }
  EXPECT_TRUE(f.applications.retrieve(f.admin(), id)->active);
}

TEST_F(ApplicationServiceTest, RolesGetIdsNamesAreUniqueAndRemovalFindsThem) {
  const auto app = create(R"({"name":"Roles"})");
  const auto admin_role =
      f.applications.create_role(f.admin(), app.id, std::nullopt, parse(R"({"name":"admin"})"));
  ASSERT_TRUE(admin_role);
  const auto role_id = json::get_string(admin_role->role, "id").and_then(Uuid::parse);
  ASSERT_TRUE(role_id);
  EXPECT_EQ(json::get_bool(admin_role->role, "isDefault"), false);
  EXPECT_EQ(role_count(app.id), 1U);

  const auto duplicate =
      f.applications.create_role(f.admin(), app.id, std::nullopt, parse(R"({"name":"admin"})"));
  ASSERT_FALSE(duplicate);
  EXPECT_TRUE(duplicate.error().has_field_error("role.name", "[duplicate]role.name"));
  const auto blank =
      f.applications.create_role(f.admin(), app.id, std::nullopt, parse(R"({"name":" "})"));
  ASSERT_FALSE(blank);
  EXPECT_TRUE(blank.error().has_field_error("role.name", "[blank]role.name"));

  const auto renamed = f.applications.update_role(f.admin(), app.id, *role_id,
                                                  parse(R"({"name":"owner"})"), /*merge=*/true);
  ASSERT_TRUE(renamed);
  EXPECT_EQ(json::get_string(renamed->role, "name"), "owner");
  EXPECT_EQ(json::get_string(renamed->role, "id"), role_id->str());

  EXPECT_TRUE(f.applications.remove_role(f.admin(), app.id, *role_id));
  EXPECT_EQ(role_count(app.id), 0U);
  EXPECT_EQ(f.applications.remove_role(f.admin(), app.id, *role_id).error().http_status(),
            HttpStatus::kNotFound);
}

// Security: another tenant's application answers exactly as an absent one.
TEST_F(ApplicationServiceTest, AScopedCallerSeesOnlyItsTenantsApplications) {
  const auto second = f.tenants.create(f.admin(), std::nullopt, parse(R"({"name":"Second"})"));
  ASSERT_TRUE(second);
  const auto mine = create(R"({"name":"Mine"})", scoped_to(second->id));
  const auto theirs = create(R"({"name":"Theirs"})", scoped_to(f.default_tenant.id));
  const Caller caller = scoped_to(second->id);
  const auto visible = f.applications.list(caller, false);
  ASSERT_EQ(visible.size(), 1U);
  EXPECT_EQ(visible.front().id, mine.id);
  EXPECT_EQ(f.applications.retrieve(caller, theirs.id).error().http_status(),
            HttpStatus::kNotFound);
  EXPECT_EQ(
      f.applications.update(caller, theirs.id, parse(R"({"name":"Stolen"})")).error().http_status(),
      HttpStatus::kNotFound);
  EXPECT_EQ(f.applications.remove(caller, theirs.id, true).error().http_status(),
            HttpStatus::kNotFound);
  EXPECT_EQ(f.applications.retrieve(f.admin(), theirs.id)->name, "Theirs");
}

}  // namespace
}  // namespace latchkey::services
