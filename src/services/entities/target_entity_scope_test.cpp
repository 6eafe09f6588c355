#include "services/entities/target_entity_scope.hpp"

#include <gtest/gtest.h>

namespace latchkey::services {
namespace {

const std::string kA = "92dbded0-30af-4149-9c61-b578f2c72600";
const std::string kB = "119a84d9-06c5-4d1f-a0d4-a60490b70ac5";

std::string reason(const Error& error) {
  return error.oauth_error() ? error.oauth_error()->reason : "";
}

TEST(TargetEntityScope, ParsesTargetsWithAndWithoutPermissions) {
  const auto targets =
      parse_target_entity_scopes("target-entity:" + kA + ":read,write target-entity:" + kB);
  ASSERT_TRUE(targets);
  ASSERT_EQ(targets->size(), 2U);
  EXPECT_EQ((*targets)[0].entity_id.str(), kA);
  EXPECT_EQ((*targets)[0].permissions, (std::vector<std::string>{"read", "write"}));
  EXPECT_EQ((*targets)[1].entity_id.str(), kB);
  EXPECT_TRUE((*targets)[1].permissions.empty());
}

TEST(TargetEntityScope, OtherScopesAndDoubledSpacesAreIgnored) {
  const auto targets = parse_target_entity_scopes("openid  target-entity:" + kA + ":read ");
  ASSERT_TRUE(targets);
  ASSERT_EQ(targets->size(), 1U);
  EXPECT_EQ((*targets)[0].permissions, std::vector<std::string>{"read"});
}

TEST(TargetEntityScope, ATargetNamedTwiceIsMergedWithoutRepeats) {
  const auto targets = parse_target_entity_scopes("target-entity:" + kA +
                                                  ":read target-entity:" + kA + ":write,read");
  ASSERT_TRUE(targets);
  ASSERT_EQ(targets->size(), 1U);
  EXPECT_EQ((*targets)[0].permissions, (std::vector<std::string>{"read", "write"}));
  // A bare mention asks for every granted permission.
  const auto all = parse_target_entity_scopes("target-entity:" + kA + ":read target-entity:" + kA);
  ASSERT_TRUE(all);
  EXPECT_TRUE((*all)[0].permissions.empty());
}

TEST(TargetEntityScope, MalformedOrMissingTargetsAreInvalidTargetEntityScope) {
  for (const std::string& scope : std::vector<std::string>{
           "", "openid", "target-entity:", "target-entity:nope:read",
           "target-entity:" + kA + ":read,,write", "target-entity:" + kA + ":"}) {
    const auto targets = parse_target_entity_scopes(scope);
    ASSERT_FALSE(targets) << scope;
    EXPECT_EQ(targets.error().http_status(), HttpStatus::kBadRequest);
    ASSERT_TRUE(targets.error().oauth_error());
    EXPECT_EQ(targets.error().oauth_error()->error, "invalid_scope");
    EXPECT_EQ(reason(targets.error()), "invalid_target_entity_scope") << scope;
  }
  EXPECT_FALSE(parse_target_entity_scopes(std::nullopt));
}

TEST(TokenPermissions, NoneRequestedCarriesEveryGrantedPermission) {
  const TargetEntityScope target{*Uuid::parse(kA), {}};
  const auto carried = token_permissions(target, {"read", "write", "read"});
  ASSERT_TRUE(carried);
  EXPECT_EQ(*carried, (std::vector<std::string>{"read", "write"}));
}

TEST(TokenPermissions, RequestedPermissionsMustAllBeGrantedAndOnlyTheyAreCarried) {
  const TargetEntityScope some{*Uuid::parse(kA), {"write"}};
  const auto carried = token_permissions(some, {"read", "write"});
  ASSERT_TRUE(carried);
  EXPECT_EQ(*carried, std::vector<std::string>{"write"});

  const TargetEntityScope too_much{*Uuid::parse(kA), {"read", "delete"}};
  const auto refused = token_permissions(too_much, {"read", "write"});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().oauth_error()->error, "invalid_scope");
  EXPECT_EQ(reason(refused.error()), "invalid_entity_permission_scope");
}

}  // namespace
}  // namespace latchkey::services
