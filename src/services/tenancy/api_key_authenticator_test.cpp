#include "services/tenancy/api_key_authenticator.hpp"

#include <gtest/gtest.h>

#include "service_fixture.hpp"

namespace latchkey::services {
namespace {

using testing::parse;

class ApiKeyAuthenticatorTest : public ::testing::Test {
 protected:
  void add_key(const char* doc) {
    ASSERT_TRUE(f.api_keys.create_bootstrap_key(std::nullopt, parse(doc)));
  }
  // `path` is given as its route template ("/api/user/{userId}"), as the Router records it.
  Result<Caller> call(std::string_view key, std::string_view method, std::string_view path,
                      std::optional<std::string_view> tenant = std::nullopt) const {
    return f.authenticator.authenticate({key, tenant, method, path, path});
  }
  testing::ServiceFixture f;
};

TEST_F(ApiKeyAuthenticatorTest, MissingOrUnknownKeyIsUnauthorizedWithNoBody) {
  add_key(R"({"key":"right-key-0123456789"})");
  const auto missing =
      f.authenticator.authenticate({std::nullopt, std::nullopt, "GET", "/api/user"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().http_status(), HttpStatus::kUnauthorized);
  EXPECT_FALSE(missing.error().has_body());
  EXPECT_FALSE(call("right-key-012345678", "GET", "/api/user"));
  EXPECT_TRUE(call("right-key-0123456789", "GET", "/api/user"));
}

TEST_F(ApiKeyAuthenticatorTest, EndpointPermissionCoversItsOwnTemplatesAndOnlyListedMethods) {
  add_key(R"({"key":"limited-key-0123456789","permissions":{"endpoints":{"/api/user":["GET"]}}})");
  EXPECT_TRUE(call("limited-key-0123456789", "GET", "/api/user"));
  EXPECT_TRUE(call("limited-key-0123456789", "GET", "/api/user/{userId}"));
  EXPECT_FALSE(call("limited-key-0123456789", "POST", "/api/user"));
  EXPECT_FALSE(call("limited-key-0123456789", "GET", "/api/userx"));
  EXPECT_FALSE(call("limited-key-0123456789", "GET", "/api/application"));
}

TEST_F(ApiKeyAuthenticatorTest, EndpointPermissionIsNotAPathPrefix) {
  add_key(R"({"key":"limited-key-0123456789","permissions":{"endpoints":{"/api/user":["GET"]}}})");
  const auto nested =
      call("limited-key-0123456789", "GET", "/api/user/registration/{userId}/{applicationId}");
  ASSERT_FALSE(nested);
  EXPECT_EQ(nested.error().http_status(), HttpStatus::kUnauthorized);
  EXPECT_FALSE(
      call("limited-key-0123456789", "GET", "/api/user/change-password/{changePasswordId}"));
}

TEST_F(ApiKeyAuthenticatorTest, WithoutATemplateOnlyTheExactPathIsPermitted) {
  add_key(R"({"key":"limited-key-0123456789","permissions":{"endpoints":{"/api/user":["GET"]}}})");
  EXPECT_TRUE(
      f.authenticator.authenticate({"limited-key-0123456789", std::nullopt, "GET", "/api/user"}));
  EXPECT_FALSE(f.authenticator.authenticate(
      {"limited-key-0123456789", std::nullopt, "GET", "/api/user/registration"}));
}

TEST_F(ApiKeyAuthenticatorTest, ExpiredKeyIsUnauthorized) {
  const auto expires = to_epoch_ms(f.clock.now()) + 1000;
  add_key(
      (R"({"key":"expiring-key-0123456789","expirationInstant":)" + std::to_string(expires) + "}")
          .c_str());
  EXPECT_TRUE(call("expiring-key-0123456789", "GET", "/api/user"));
  f.clock.advance(std::chrono::seconds(1));
  EXPECT_FALSE(call("expiring-key-0123456789", "GET", "/api/user"));
}

TEST_F(ApiKeyAuthenticatorTest, TenantLockedKeyCannotNameAnotherTenant) {
  const auto other = f.tenants.create(f.admin(), std::nullopt, parse(R"({"name":"Other"})"));
  ASSERT_TRUE(other);
  add_key((R"({"key":"locked-key-0123456789","tenantId":")" + f.default_tenant.id.str() + "\"}")
              .c_str());
  EXPECT_TRUE(call("locked-key-0123456789", "GET", "/api/user", f.default_tenant.id.str()));
  const auto crossed = call("locked-key-0123456789", "GET", "/api/user", other->id.str());
  ASSERT_FALSE(crossed);
  EXPECT_EQ(crossed.error().http_status(), HttpStatus::kUnauthorized);
}

TEST_F(ApiKeyAuthenticatorTest, UnknownTenantHeaderIsABadRequest) {
  add_key(R"({"key":"any-key-0123456789"})");
  const auto result = call("any-key-0123456789", "GET", "/api/user", "not-a-uuid");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().http_status(), HttpStatus::kBadRequest);
}

}  // namespace
}  // namespace latchkey::services
