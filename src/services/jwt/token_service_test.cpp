#include "services/jwt/token_service.hpp"

#include <gtest/gtest.h>

#include "jose/jws.hpp"
#include "service_fixture.hpp"

namespace latchkey::services {
namespace {

using testing::parse;

class TokenServiceTest : public ::testing::Test {
 protected:
  domain::User user() {
    auto made =
        f.users.create(f.admin(), std::nullopt,
                       parse(R"({"email":"ann@x.io","username":"ann","password":"password1"})"));
    EXPECT_TRUE(made);
    return made->user;
  }
  domain::Application application(const std::string& extra) {
    auto made =
        f.applications.create(f.admin(), std::nullopt, parse(R"({"name":"App")" + extra + "}"));
    EXPECT_TRUE(made);
    return *made;
  }
  testing::ServiceFixture f;
};

TEST_F(TokenServiceTest, LifetimeIsTheTenantsUnlessTheApplicationEnablesItsOwn) {
  const auto u = user();
  const auto plain = application("");
  const auto own = application(R"(,"jwtConfiguration":{"enabled":true,"timeToLiveInSeconds":120})");
  const auto a = f.tokens.issue_access_token(
      {&f.default_tenant, &plain, &u, nullptr, "PASSWORD", {}, {}, {}, {}});
  const auto b = f.tokens.issue_access_token(
      {&f.default_tenant, &own, &u, nullptr, "PASSWORD", {}, {}, {}, {}});
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*json::get_int(a->claims, "exp") - *json::get_int(a->claims, "iat"), 3600);
  EXPECT_EQ(*json::get_int(b->claims, "exp") - *json::get_int(b->claims, "iat"), 120);
}

TEST_F(TokenServiceTest, StrictApplicationsKeepPersonalDataOutOfAccessTokens) {
  const auto u = user();
  const auto strict = application("");
  const auto compatible =
      application(R"(,"oauthConfiguration":{"scopeHandlingPolicy":"Compatibility"})");
  const auto a = f.tokens.issue_access_token(
      {&f.default_tenant, &strict, &u, nullptr, "PASSWORD", {}, {}, {}, {}});
  const auto b = f.tokens.issue_access_token(
      {&f.default_tenant, &compatible, &u, nullptr, "PASSWORD", {}, {}, {}, {}});
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(a->claims.contains("email"));
  EXPECT_EQ(json::get_string(b->claims, "email"), "ann@x.io");
  EXPECT_EQ(json::get_string(b->claims, "preferred_username"), "ann");
}

TEST_F(TokenServiceTest, AnIssuedTokenValidatesUntilTheSecondItExpires) {
  const auto u = user();
  const auto issued = f.tokens.issue_access_token(
      {&f.default_tenant, nullptr, &u, nullptr, "PASSWORD", {}, {}, {}, {}});
  ASSERT_TRUE(issued);
  EXPECT_TRUE(f.tokens.validate(issued->token));
  f.clock.advance(std::chrono::seconds(3599));
  EXPECT_TRUE(f.tokens.validate(issued->token));
  f.clock.advance(std::chrono::seconds(1));
  const auto expired = f.tokens.validate(issued->token);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().http_status(), HttpStatus::kUnauthorized);
}

TEST_F(TokenServiceTest, ARevokedJtiIsRefusedAndOnlyThatOne) {
  const auto u = user();
  const auto app = application("");
  const auto a = f.tokens.issue_access_token(
      {&f.default_tenant, &app, &u, nullptr, "PASSWORD", {}, {}, {}, {}});
  const auto b = f.tokens.issue_access_token(
      {&f.default_tenant, &app, &u, nullptr, "PASSWORD", {}, {}, {}, {}});
  ASSERT_TRUE(a && b);
  f.revoked_access_tokens.revoke(*json::get_string(a->claims, "jti"), app.id, a->expires);
  const auto refused = f.tokens.validate(a->token);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().http_status(), HttpStatus::kUnauthorized);
  EXPECT_FALSE(refused.error().has_body());
  EXPECT_TRUE(f.tokens.validate(b->token));
}

TEST_F(TokenServiceTest, VendIgnoresReservedClaimsAndAddsJti) {
  const auto vended =
      f.tokens.vend(f.default_tenant, parse(R"({"exp":1,"iat":1,"foo":"bar"})"), std::nullopt, 60);
  ASSERT_TRUE(vended);
  EXPECT_EQ(json::get_int(vended->claims, "iat"), to_epoch_seconds(f.clock.now()));
  EXPECT_EQ(json::get_int(vended->claims, "exp"), to_epoch_seconds(f.clock.now()) + 60);
  EXPECT_EQ(json::get_string(vended->claims, "foo"), "bar");
  EXPECT_TRUE(vended->claims.contains("jti"));
}

TEST_F(TokenServiceTest, VendRefusesAnUnknownKeyAndANonPositiveLifetime) {
  const auto bad_key =
      f.tokens.vend(f.default_tenant, {}, std::string("00000000-0000-4000-8000-000000000000"), {});
  ASSERT_FALSE(bad_key);
  EXPECT_TRUE(bad_key.error().has_field_error("keyId", "[invalid]keyId"));
  const auto bad_ttl = f.tokens.vend(f.default_tenant, {}, std::nullopt, 0);
  ASSERT_FALSE(bad_ttl);
  EXPECT_TRUE(
      bad_ttl.error().has_field_error("timeToLiveInSeconds", "[invalid]timeToLiveInSeconds"));
}

TEST_F(TokenServiceTest, ATokenSignedWithADeletedKeyNoLongerValidates) {
  const auto key = f.keys.generate(std::nullopt, parse(R"({"name":"temp","algorithm":"ES256"})"));
  ASSERT_TRUE(key);
  const auto vended = f.tokens.vend(f.default_tenant, {}, key->id.str(), 60);
  ASSERT_TRUE(vended);
  EXPECT_TRUE(f.tokens.validate(vended->token));
  ASSERT_TRUE(f.keys.remove(key->id));
  EXPECT_FALSE(f.tokens.validate(vended->token));
}

TEST_F(TokenServiceTest, ShadowKeysCannotSignAccessTokens) {
  const auto refused = f.tenants.patch(
      f.admin(), f.default_tenant.id,
      parse(R"({"jwtConfiguration":{"accessTokenKeyId":"092dbedc-30af-4149-9c61-b578f2c72f59"}})"),
      PatchStyle::kLegacyMerge);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().has_field_error("tenant.jwtConfiguration.accessTokenKeyId",
                                              "[invalid]tenant.jwtConfiguration.accessTokenKeyId"));
}

}  // namespace
}  // namespace latchkey::services
