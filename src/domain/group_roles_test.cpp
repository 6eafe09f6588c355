// Which roles a registered user holds: its registration's, then its groups' for the same
// application (domain/group_roles.hpp).
#include "domain/group_roles.hpp"

#include <gtest/gtest.h>

namespace latchkey::domain {
namespace {

constexpr std::string_view kAdmin = "11111111-1111-4111-8111-111111111111";
constexpr std::string_view kEditor = "22222222-2222-4222-8222-222222222222";
constexpr std::string_view kViewer = "33333333-3333-4333-8333-333333333333";
constexpr std::string_view kOtherAppRole = "44444444-4444-4444-8444-444444444444";

json::object application() {
  return *json::parse_object(R"({"roles":[
    {"id":"11111111-1111-4111-8111-111111111111","name":"admin"},
    {"id":"22222222-2222-4222-8222-222222222222","name":"editor","description":"Edits"},
    {"id":"33333333-3333-4333-8333-333333333333","name":"viewer"}]})");
}

Group group(std::initializer_list<std::string_view> role_ids) {
  json::array ids;
  for (auto id : role_ids) ids.emplace_back(id);
  return Group{*Uuid::parse("55555555-5555-4555-8555-555555555555"),
               *Uuid::parse("66666666-6666-4666-8666-666666666666"), "g",
               json::object{{"roleIds", std::move(ids)}}};
}

json::array names(std::initializer_list<std::string_view> list) {
  json::array out;
  for (auto n : list) out.emplace_back(n);
  return out;
}

TEST(GroupRoles, RegistrationRolesComeFirstThenGroupRoles) {
  const json::object registration{{"roles", names({"viewer"})}};
  EXPECT_EQ(effective_roles(registration, application(), {group({kEditor})}),
            names({"viewer", "editor"}));
}

TEST(GroupRoles, EachRoleAppearsOnce) {
  const json::object registration{{"roles", names({"editor"})}};
  EXPECT_EQ(
      effective_roles(registration, application(), {group({kEditor, kAdmin}), group({kAdmin})}),
      names({"editor", "admin"}));
}

TEST(GroupRoles, RolesOfAnotherApplicationGrantNothing) {
  const json::object registration{{"roles", json::array{}}};
  EXPECT_EQ(effective_roles(registration, application(), {group({kOtherAppRole})}), names({}));
}

TEST(GroupRoles, NoGroupsLeavesTheRegistrationRoles) {
  const json::object registration{{"roles", names({"admin"})}};
  EXPECT_EQ(effective_roles(registration, application(), {}), names({"admin"}));
}

TEST(GroupRoles, GroupRolesFollowTheApplicationsOrder) {
  const auto roles = group_roles_of(group({kViewer, kAdmin}), application());
  ASSERT_EQ(roles.size(), 2u);
  EXPECT_EQ(roles[0].as_object().at("name"), "admin");
  EXPECT_EQ(roles[1].as_object().at("name"), "viewer");
}

}  // namespace
}  // namespace latchkey::domain
