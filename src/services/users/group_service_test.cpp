// The Group API's rules (group_service.hpp) and group roles in issued tokens
// (token_service.cpp): roles of the tenant's applications only, members of the group's tenant
// only, tenant-locked callers confined to their tenant, and a registered user's `roles` claim
// joined by its groups' roles for that application, an unregistered one's untouched.
#include "services/users/group_service.hpp"

#include <gtest/gtest.h>

#include "login_answer.hpp"
#include "service_fixture.hpp"

namespace latchkey::services {
namespace {

using testing::parse;

class GroupServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto app = f.applications.create(
        f.admin(), std::nullopt,
        parse(R"({"name":"App","roles":[{"name":"user","isDefault":true},{"name":"editor"},
                  {"name":"admin"}]})"));
    ASSERT_TRUE(app);
    app_id = app->id.str();
    for (const auto& role : *json::get_array(app->data, "roles")) {
      role_ids[std::string(role.as_object().at("name").as_string())] =
          std::string(role.as_object().at("id").as_string());
    }
    auto other = f.tenants.create(f.admin(), std::nullopt, parse(R"({"name":"Other"})"));
    ASSERT_TRUE(other);
    other_tenant = other->id;
  }

  json::array roles(std::initializer_list<const char*> names) {
    json::array out;
    for (const char* name : names) out.emplace_back(role_ids[name]);
    return out;
  }

  Uuid add_user(bool registered = true) {
    if (!registered) {
      Caller in_default;
      in_default.tenant_header = f.default_tenant.id;
      auto made = f.users.create(in_default, std::nullopt,
                                 parse(R"({"email":"ann@x.io","password":"password1"})"));
      EXPECT_TRUE(made);
      return made->user.id;
    }
    auto made = f.registrations.create(
        f.admin(), {std::nullopt, json::object{{"applicationId", app_id}},
                    parse(R"({"email":"ann@x.io","password":"password1"})"), false});
    EXPECT_TRUE(made);
    return made->user.user.id;
  }

  Result<testing::LoginAnswer> login() {
    LoginRequest request;
    request.login_id = "ann@x.io";
    request.password = Secret(std::string("password1"));
    request.application_id = app_id;
    return testing::answer(f.login.login(f.admin(), request));
  }

  Caller locked_to(const Uuid& tenant) {
    Caller caller;
    caller.api_key = domain::ApiKey{
        *Uuid::parse("00000000-0000-4000-8000-0000000000aa"), "locked", tenant, false, {}};
    return caller;
  }

  json::object members_of(const Uuid& group, const Uuid& user) {
    return json::object{{group.str(), json::array{json::object{{"userId", user.str()}}}}};
  }

  testing::ServiceFixture f;
  std::string app_id;
  std::map<std::string, std::string> role_ids;
  std::optional<Uuid> other_tenant;
};

TEST_F(GroupServiceTest, AGroupRendersItsRolesKeyedByApplication) {
  const auto made =
      f.groups.create(f.admin(), std::nullopt, parse(R"({"name":"Editors"})"), roles({"editor"}));
  ASSERT_TRUE(made) << made.error().log_detail();
  const auto shown = f.groups.render(*made);
  EXPECT_EQ(json::get_string(shown, "tenantId"), f.default_tenant.id.str());
  EXPECT_FALSE(shown.contains("roleIds"));
  const auto* granted = json::get_array(shown, "roles." + app_id);
  ASSERT_NE(granted, nullptr);
  ASSERT_EQ(granted->size(), 1U);
  EXPECT_EQ(granted->at(0).as_object().at("name"), "editor");
}

TEST_F(GroupServiceTest, NameIsRequiredAndUniqueAndRoleIdsMustNameRolesOfTheTenant) {
  Caller in_default;
  in_default.tenant_header = f.default_tenant.id;
  auto made = f.groups.create(in_default, std::nullopt, parse(R"({"name":" "})"), std::nullopt);
  ASSERT_FALSE(made);
  EXPECT_TRUE(made.error().has_field_error("group.name", "[blank]group.name"));
  ASSERT_TRUE(f.groups.create(in_default, std::nullopt, parse(R"({"name":"Ed"})"), std::nullopt));
  made = f.groups.create(in_default, std::nullopt, parse(R"({"name":"ED"})"), std::nullopt);
  ASSERT_FALSE(made);
  EXPECT_TRUE(made.error().has_field_error("group.name", "[duplicate]group.name"));
  made = f.groups.create(in_default, std::nullopt, parse(R"({"name":"X"})"),
                         json::array{"00000000-0000-4000-8000-000000000bad"});
  ASSERT_FALSE(made);
  EXPECT_TRUE(made.error().has_field_error("roleIds", "[invalid]roleIds"));
  // A role of the Default tenant's application is not one a group of another tenant may grant.
  made = f.groups.create(f.admin(), std::nullopt,
                         parse(R"({"name":"Y","tenantId":")" + other_tenant->str() + R"("})"),
                         roles({"admin"}));
  ASSERT_FALSE(made);
  EXPECT_TRUE(made.error().has_field_error("roleIds", "[invalid]roleIds"));
}

TEST_F(GroupServiceTest, WithTwoTenantsTheRolesApplicationPlacesTheGroup) {
  auto made = f.groups.create(f.admin(), std::nullopt, parse(R"({"name":"Amb"})"), std::nullopt);
  ASSERT_FALSE(made);
  EXPECT_TRUE(made.error().has_general_error("[TenantIdRequired]"));
  made = f.groups.create(f.admin(), std::nullopt, parse(R"({"name":"Amb"})"), roles({"user"}));
  ASSERT_TRUE(made);
  EXPECT_EQ(made->tenant_id, f.default_tenant.id);
}

TEST_F(GroupServiceTest, ATenantLockedCallerSeesAndChangesOnlyItsTenantsGroups) {
  const auto mine =
      f.groups.create(f.admin(), std::nullopt, parse(R"({"name":"Mine"})"), roles({"user"}));
  ASSERT_TRUE(mine);
  const auto other = locked_to(*other_tenant);
  EXPECT_EQ(f.groups.retrieve(other, mine->id).error().http_status(), HttpStatus::kNotFound);
  EXPECT_TRUE(f.groups.list(other).empty());
  EXPECT_FALSE(f.groups.remove(other, mine->id));
  EXPECT_TRUE(f.groups.retrieve(f.admin(), mine->id));
  const auto theirs =
      f.groups.create(other, std::nullopt, parse(R"({"name":"Theirs"})"), std::nullopt);
  ASSERT_TRUE(theirs);
  EXPECT_EQ(theirs->tenant_id, *other_tenant);
  const Uuid user = add_user();
  const auto added = f.groups.add_members(other, members_of(mine->id, user));
  ASSERT_FALSE(added);
  EXPECT_TRUE(added.error().has_field_error("members", "[invalid]groupId"));
}

TEST_F(GroupServiceTest, MembersMustBeUsersOfTheGroupsTenantAndBatchesAreWhole) {
  const auto group =
      f.groups.create(f.admin(), std::nullopt, parse(R"({"name":"G"})"), roles({"user"}));
  const auto foreign = f.groups.create(
      f.admin(), std::nullopt, parse(R"({"name":"F","tenantId":")" + other_tenant->str() + R"("})"),
      std::nullopt);
  ASSERT_TRUE(group && foreign);
  const Uuid user = add_user();
  auto both = members_of(group->id, user);
  both[foreign->id.str()] = json::array{json::object{{"userId", user.str()}}};
  const auto added = f.groups.add_members(f.admin(), both);
  ASSERT_FALSE(added);
  EXPECT_TRUE(added.error().has_field_error("members[" + foreign->id.str() + "][0].userId",
                                            "[invalid]userId"));
  EXPECT_TRUE(f.store->list_members(group->id, std::nullopt).empty());
  ASSERT_TRUE(f.groups.add_members(f.admin(), members_of(group->id, user)));
  EXPECT_EQ(f.users.retrieve(f.admin(), user)->memberships.size(), 1U);
  ASSERT_TRUE(f.groups.replace_members(f.admin(), json::object{{group->id.str(), json::array{}}}));
  EXPECT_TRUE(f.users.retrieve(f.admin(), user)->memberships.empty());
}

TEST_F(GroupServiceTest, SearchMatchesNamesWithWildcardsAndPages) {
  for (const char* name : {"Alpha", "alphabet", "Beta"}) {
    ASSERT_TRUE(
        f.groups.create(f.admin(), std::nullopt, json::object{{"name", name}}, roles({"user"})));
  }
  auto found = f.groups.search(f.admin(), {.name = "ALPHA"});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->total, 2U);
  found = f.groups.search(f.admin(), {.name = "*ta"});
  ASSERT_TRUE(found);
  ASSERT_EQ(found->total, 1U);
  EXPECT_EQ(found->results[0].name, "Beta");
  found = f.groups.search(f.admin(), {.number_of_results = 1, .order_by = "name DESC"});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->total, 3U);
  ASSERT_EQ(found->results.size(), 1U);
  EXPECT_EQ(found->results[0].name, "Beta");
  EXPECT_FALSE(f.groups.search(f.admin(), {.order_by = "password"}));
}

TEST_F(GroupServiceTest, ARegisteredMembersTokenCarriesItsGroupsRoles) {
  const auto group = f.groups.create(f.admin(), std::nullopt, parse(R"({"name":"Admins"})"),
                                     roles({"admin", "editor"}));
  ASSERT_TRUE(group);
  const Uuid user = add_user();
  auto before = login();
  ASSERT_TRUE(before && before->access_token);
  EXPECT_EQ(before->access_token->claims.at("roles"), json::array{"user"});
  ASSERT_TRUE(f.groups.add_members(f.admin(), members_of(group->id, user)));
  const auto after = login();
  ASSERT_TRUE(after && after->access_token);
  EXPECT_EQ(after->access_token->claims.at("roles"), (json::array{"user", "editor", "admin"}));
}

TEST_F(GroupServiceTest, GroupRolesNeedARegistration) {
  const auto group =
      f.groups.create(f.admin(), std::nullopt, parse(R"({"name":"Admins"})"), roles({"admin"}));
  ASSERT_TRUE(group);
  const Uuid user = add_user(false);
  ASSERT_TRUE(f.groups.add_members(f.admin(), members_of(group->id, user)));
  const auto outcome = login();
  ASSERT_TRUE(outcome && outcome->access_token);
  EXPECT_FALSE(outcome->access_token->claims.contains("roles"));
}

}  // namespace
}  // namespace latchkey::services
