// TokenService::validate / authenticate: what counts as one of Latchkey's access tokens
// (issue 10 items 1, 2 and 7).
#include <gtest/gtest.h>

#include <limits>

#include "jose/jws.hpp"
#include "service_fixture.hpp"
#include "services/common/time_limits.hpp"
#include "services/jwt/token_service.hpp"
#include "services/jwt/token_type.hpp"

namespace latchkey::services {
namespace {

using testing::parse;

class TokenAcceptanceTest : public ::testing::Test {
 protected:
  static domain::User create_ann(testing::ServiceFixture& fixture) {
    auto made = fixture.users.create(fixture.admin(), std::nullopt,
                                     parse(R"({"email":"ann@x.io","password":"password1"})"));
    if (!made) throw std::runtime_error("could not create the test user");
    return made->user;
  }

  const KeyEntry& default_key() const { return *f.config.current()->default_signing_key(); }

  json::object claims(std::int64_t ttl = 300) const {
    const auto now = to_epoch_seconds(f.clock.now());
    return json::object{{"exp", now + ttl},
                        {"iat", now},
                        {"sub", ann.id.str()},
                        {"tid", f.default_tenant.id.str()}};
  }

  // Signed with the default access-token key, as any of our own JWT kinds would be.
  std::string signed_as(TokenType type, const json::object& payload) const {
    const auto& key = default_key();
    return jose::sign(token_header(type, key.record.kid), payload, *key.key);
  }

  testing::ServiceFixture f;
  domain::User ann = create_ann(f);
};

TEST_F(TokenAcceptanceTest, AnAccessTokenOfOurKeyIsAcceptedAsTheControl) {
  EXPECT_TRUE(f.tokens.validate(signed_as(TokenType::kAccess, claims())));
  EXPECT_TRUE(f.tokens.authenticate(signed_as(TokenType::kAccess, claims())));
}

TEST_F(TokenAcceptanceTest, IdTokensAndWebhookSignaturesAreNeverAccessTokens) {
  // Same key, same claims: only the type differs.
  for (const auto type : {TokenType::kId, TokenType::kWebhookSignature}) {
    const auto refused = f.tokens.validate(signed_as(type, claims()));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().http_status(), HttpStatus::kUnauthorized);
    EXPECT_FALSE(refused.error().has_body());
  }
}

TEST_F(TokenAcceptanceTest, AccessTypIsComparedAsAMediaType) {
  EXPECT_TRUE(is_access_token_header(parse(R"({"typ":"JWT"})")));
  EXPECT_TRUE(is_access_token_header(parse(R"({"typ":"jwt"})")));
  EXPECT_TRUE(is_access_token_header(parse(R"({"typ":"application/JWT"})")));
  EXPECT_FALSE(is_access_token_header(parse(R"({})")));
  EXPECT_FALSE(is_access_token_header(parse(R"({"typ":"id_token+jwt"})")));
  EXPECT_FALSE(is_access_token_header(parse(R"({"typ":"at+jwt"})")));
  EXPECT_FALSE(is_access_token_header(parse(R"({"typ":["JWT"]})")));
  EXPECT_FALSE(is_access_token_header(parse(R"({"typ":"application/"})")));
  EXPECT_FALSE(token_header(TokenType::kId, "k").contains("typ"));
  EXPECT_FALSE(token_header(TokenType::kWebhookSignature, "k").contains("typ"));
  EXPECT_EQ(json::get_string(token_header(TokenType::kAccess, "k"), "typ"), "JWT");
}

TEST_F(TokenAcceptanceTest, APublicOnlyKeysTokensAreNotOurs) {
  // An External JWT partner's key: imported with its public half only. The partner holds the
  // private half and signs whatever it likes with the imported kid.
  const jose::Key partner = jose::Key::generate(jose::Algorithm::kRS256);
  const auto imported =
      f.keys.import(std::nullopt, json::object{{"name", "partner"},
                                               {"algorithm", "RS256"},
                                               {"kid", "partner-kid"},
                                               {"publicKey", partner.public_pem()}});
  ASSERT_TRUE(imported) << imported.error().log_detail();
  const auto forged =
      jose::sign(token_header(TokenType::kAccess, "partner-kid"), claims(), partner);
  const auto refused = f.tokens.validate(forged);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().log_detail().find("unknown key"), std::string::npos);
}

TEST_F(TokenAcceptanceTest, ExpMustBePresentAnIntegerAndInRange) {
  auto no_exp = claims();
  no_exp.erase("exp");
  auto fractional = claims();
  fractional["exp"] = static_cast<double>(to_epoch_seconds(f.clock.now()) + 300) + 0.5;
  auto text = claims();
  text["exp"] = "9999999999";
  auto beyond_9999 = claims();
  beyond_9999["exp"] = kLatestNumericDate + 1;
  auto huge = claims();
  huge["exp"] = std::numeric_limits<std::int64_t>::max();
  auto unsigned_huge = claims();
  unsigned_huge["exp"] = std::numeric_limits<std::uint64_t>::max();
  for (const auto& payload : {no_exp, fractional, text, beyond_9999, huge, unsigned_huge}) {
    EXPECT_FALSE(f.tokens.validate(signed_as(TokenType::kAccess, payload)))
        << json::serialize(payload);
  }
}

TEST_F(TokenAcceptanceTest, IatMustBeAnIntegerNoLaterThanExp) {
  auto after_exp = claims();
  after_exp["iat"] = *json::get_int(after_exp, "exp") + 1;
  auto text = claims();
  text["iat"] = "now";
  EXPECT_FALSE(f.tokens.validate(signed_as(TokenType::kAccess, after_exp)));
  EXPECT_FALSE(f.tokens.validate(signed_as(TokenType::kAccess, text)));
  auto no_iat = claims();
  no_iat.erase("iat");
  EXPECT_TRUE(f.tokens.validate(signed_as(TokenType::kAccess, no_iat)));
}

TEST_F(TokenAcceptanceTest, AuthenticateNeedsAnExistingActiveUserOfTheTokensTenant) {
  auto nobody = claims();
  nobody["sub"] = "00000000-0000-4000-8000-000000000001";
  auto no_sub = claims();
  no_sub.erase("sub");
  auto other_tenant = claims();
  other_tenant["tid"] = "00000000-0000-4000-8000-000000000002";
  for (const auto& payload : {nobody, no_sub, other_tenant}) {
    const auto token = signed_as(TokenType::kAccess, payload);
    EXPECT_TRUE(f.tokens.validate(token)) << "a valid token...";
    const auto refused = f.tokens.authenticate(token);
    ASSERT_FALSE(refused) << "...that acts for no one of ours: " << json::serialize(payload);
    EXPECT_EQ(refused.error().http_status(), HttpStatus::kUnauthorized);
  }
  const auto token = signed_as(TokenType::kAccess, claims());
  ASSERT_TRUE(f.tokens.authenticate(token));
  ASSERT_TRUE(f.users.remove(f.admin(), ann.id, false));  // soft delete: deactivates
  EXPECT_FALSE(f.tokens.authenticate(token));
}

TEST_F(TokenAcceptanceTest, APreviousAccessTokenMayBeExpiredButMustBeOursAndTheUsers) {
  const auto access = signed_as(TokenType::kAccess, claims(60));
  const auto id = signed_as(TokenType::kId, claims(60));
  f.clock.advance(std::chrono::seconds(3600));
  EXPECT_FALSE(f.tokens.validate(access));
  EXPECT_TRUE(f.tokens.is_previous_access_token(access, ann.id));
  EXPECT_FALSE(f.tokens.is_previous_access_token(access, f.default_tenant.id));
  EXPECT_FALSE(f.tokens.is_previous_access_token(id, ann.id));
  EXPECT_FALSE(f.tokens.is_previous_access_token("not.a.token", ann.id));
}

TEST_F(TokenAcceptanceTest, VendLifetimeIsRangeCheckedAndExpNeverWraps) {
  for (const std::int64_t ttl : {std::int64_t{0}, std::int64_t{-1}, kMaxTimeToLive + 1,
                                 std::numeric_limits<std::int64_t>::max()}) {
    const auto refused = f.tokens.vend(f.default_tenant, {}, std::nullopt, ttl);
    ASSERT_FALSE(refused) << ttl;
    EXPECT_TRUE(
        refused.error().has_field_error("timeToLiveInSeconds", "[invalid]timeToLiveInSeconds"));
  }
  const auto longest = f.tokens.vend(f.default_tenant, {}, std::nullopt, kMaxTimeToLive);
  ASSERT_TRUE(longest);
  EXPECT_EQ(*json::get_int(longest->claims, "exp") - *json::get_int(longest->claims, "iat"),
            kMaxTimeToLive);
  EXPECT_TRUE(f.tokens.validate(longest->token));
}

TEST_F(TokenAcceptanceTest, IssueKeepsAPresentedExpButNeverGoesBeforeIat) {
  const auto issued = f.tokens.issue_access_token({&f.default_tenant,
                                                   nullptr,
                                                   &ann,
                                                   nullptr,
                                                   "JWT_SSO",
                                                   {},
                                                   {},
                                                   {},
                                                   f.clock.now() - std::chrono::hours(1)});
  ASSERT_TRUE(issued);
  EXPECT_GE(*json::get_int(issued->claims, "exp"), *json::get_int(issued->claims, "iat"));
}

TEST_F(TokenAcceptanceTest, NumericDateClaimsOutOfRangeAreNotRead) {
  EXPECT_EQ(numeric_date_claim(parse(R"({"t":10})"), "t"), Instant(std::chrono::seconds(10)));
  EXPECT_EQ(numeric_date_claim(parse(R"({"t":9223372036854775807})"), "t"), std::nullopt);
  EXPECT_EQ(numeric_date_claim(parse(R"({"t":-1})"), "t"), std::nullopt);
  EXPECT_EQ(numeric_date_claim(parse(R"({"t":1.5})"), "t"), std::nullopt);
  EXPECT_EQ(numeric_date_claim(parse(R"({})"), "t"), std::nullopt);
}

TEST(TimeLimits, AddSaturatingNeverWraps) {
  const Instant now = from_epoch_ms(1'700'000'000'000);
  EXPECT_EQ(add_saturating(now, std::chrono::seconds(60)), now + std::chrono::seconds(60));
  EXPECT_EQ(add_saturating(now, std::chrono::seconds(std::numeric_limits<std::int64_t>::max())),
            kLatestInstant);
  EXPECT_EQ(add_saturating(now, std::chrono::minutes(std::numeric_limits<std::int64_t>::max())),
            kLatestInstant);
  EXPECT_EQ(add_saturating(now, std::chrono::seconds(-5)), now);
  EXPECT_EQ(add_saturating(kLatestInstant, std::chrono::seconds(1)), kLatestInstant);
}

}  // namespace
}  // namespace latchkey::services
