#include "services/tenancy/api_key_permissions.hpp"

#include <gtest/gtest.h>

namespace latchkey::services {
namespace {

json::object key_with(std::string_view endpoints) {
  return *json::parse_object(std::string(R"({"permissions":{"endpoints":)") +
                             std::string(endpoints) + "}}");
}

TEST(PermissionEndpoint, DropsEveryParameterSegment) {
  EXPECT_EQ(permission_endpoint("/api/user"), "/api/user");
  EXPECT_EQ(permission_endpoint("/api/user/{userId}"), "/api/user");
  EXPECT_EQ(permission_endpoint("/api/user/registration/{userId}/{applicationId}"),
            "/api/user/registration");
  EXPECT_EQ(permission_endpoint("/api/jwt/refresh/{tokenId}"), "/api/jwt/refresh");
  EXPECT_EQ(permission_endpoint("/api/key/generate/{keyId}"), "/api/key/generate");
  // FusionAuth lists application roles as their own endpoint, /api/application/role.
  EXPECT_EQ(permission_endpoint("/api/application/{applicationId}/role/{roleId}"),
            "/api/application/role");
  EXPECT_EQ(permission_endpoint("/api/application/{applicationId}/role"), "/api/application/role");
  EXPECT_EQ(permission_endpoint("/api/user/"), "/api/user");
}

TEST(EndpointPermitted, AnEmptyMapAllowsEverything) {
  EXPECT_TRUE(endpoint_permitted(json::object{}, "DELETE", "/api/tenant"));
  EXPECT_TRUE(endpoint_permitted(key_with("{}"), "DELETE", "/api/tenant"));
}

TEST(EndpointPermitted, AnEntryNamesExactlyOneEndpoint) {
  const auto key = key_with(R"({"/api/user":["GET"]})");
  EXPECT_TRUE(endpoint_permitted(key, "GET", "/api/user"));
  EXPECT_FALSE(endpoint_permitted(key, "GET", "/api/user/registration"));
  EXPECT_FALSE(endpoint_permitted(key, "GET", "/api/user/change-password"));
  EXPECT_FALSE(endpoint_permitted(key, "POST", "/api/user"));
  EXPECT_FALSE(endpoint_permitted(key, "GET", "/api"));
}

TEST(PermissionsWithin, SuperKeysAndSubsets) {
  const auto super_key = json::object{};
  const auto users_rw = key_with(R"({"/api/user":["GET","POST"]})");
  const auto users_r = key_with(R"({"/api/user":["GET"]})");
  const auto registrations = key_with(R"({"/api/user/registration":["GET"]})");
  EXPECT_TRUE(permissions_within(users_rw, super_key));
  EXPECT_TRUE(permissions_within(super_key, super_key));
  EXPECT_FALSE(permissions_within(super_key, users_rw)) << "no permissions means all endpoints";
  EXPECT_TRUE(permissions_within(users_r, users_rw));
  EXPECT_TRUE(permissions_within(users_rw, users_rw));
  EXPECT_FALSE(permissions_within(users_rw, users_r)) << "a wider method list";
  EXPECT_FALSE(permissions_within(registrations, users_rw)) << "another endpoint";
  EXPECT_TRUE(permissions_within(key_with(R"({"/api/tenant":[]})"), users_r));
}

}  // namespace
}  // namespace latchkey::services
