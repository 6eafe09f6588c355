#include "http/authorization.hpp"

#include <gtest/gtest.h>

#include "core/base64.hpp"

namespace latchkey::http {
namespace {

Request with_headers(Fields headers) {
  Request request;
  request.headers = std::move(headers);
  return request;
}

TEST(ParseAuthorization, AbsentOrEmptyHeaderIsNothing) {
  EXPECT_FALSE(parse_authorization(std::nullopt));
  EXPECT_FALSE(parse_authorization(""));
  EXPECT_FALSE(authorization(with_headers({})));
}

TEST(ParseAuthorization, SplitsSchemeFromCredentialsAndKeepsTheRawValue) {
  const auto parsed = parse_authorization("Bearer abc.def");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->raw, "Bearer abc.def");
  EXPECT_EQ(parsed->scheme, "Bearer");
  EXPECT_EQ(parsed->credentials, "abc.def");
}

TEST(ParseAuthorization, AValueWithoutASpaceIsAllSchemeAsAnApiKeyIs) {
  const auto parsed = parse_authorization("4737ea8520bd454caabb7cb3d36e14bc");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->raw, "4737ea8520bd454caabb7cb3d36e14bc");
  EXPECT_EQ(parsed->scheme, "4737ea8520bd454caabb7cb3d36e14bc");
  EXPECT_EQ(parsed->credentials, "");
}

TEST(ParseAuthorization, ExtraSpacesAfterTheSchemeAreSkipped) {
  // RFC 9110 §11.6.2: scheme 1*SP credentials.
  const auto parsed = parse_authorization("Bearer    tok en");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->scheme, "Bearer");
  EXPECT_EQ(parsed->credentials, "tok en");
}

TEST(ParseAuthorization, SchemeComparesCaseInsensitively) {
  const auto parsed = parse_authorization("bEaReR x");
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->is("Bearer"));
  EXPECT_FALSE(parsed->is("Basic"));
}

TEST(ParseAuthorization, ALeadingSpaceMeansAnEmptySchemeNotBearer) {
  const auto parsed = parse_authorization(" Bearer x");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->scheme, "");
  EXPECT_FALSE(bearer_token(parsed));
}

TEST(BearerToken, NeedsTheBearerSchemeAndAToken) {
  EXPECT_EQ(bearer_token(parse_authorization("Bearer t")), "t");
  EXPECT_EQ(bearer_token(parse_authorization("BEARER t")), "t");
  EXPECT_FALSE(bearer_token(parse_authorization("Bearer")));
  EXPECT_FALSE(bearer_token(parse_authorization("Bearer ")));
  EXPECT_FALSE(bearer_token(parse_authorization("Bearert")));
  EXPECT_FALSE(bearer_token(parse_authorization("JWT t")));  // userinfo speaks RFC 6750 only
  EXPECT_FALSE(bearer_token(parse_authorization("Basic dTpw")));
  EXPECT_FALSE(bearer_token(std::nullopt));
}

TEST(JwtScheme, BearerAndLegacyJwtCountTokenOrNot) {
  EXPECT_TRUE(jwt_scheme(parse_authorization("Bearer x")));
  EXPECT_TRUE(jwt_scheme(parse_authorization("jwt x")));
  EXPECT_TRUE(jwt_scheme(parse_authorization("Bearer")));
  EXPECT_FALSE(jwt_scheme(parse_authorization("an-api-key")));
  EXPECT_FALSE(jwt_scheme(parse_authorization("Basic x")));
  EXPECT_FALSE(jwt_scheme(std::nullopt));
}

TEST(AccessToken, ReadsBearerOrLegacyJwtFromTheHeader) {
  EXPECT_EQ(access_token(with_headers({{"Authorization", "Bearer a.b.c"}})), "a.b.c");
  EXPECT_EQ(access_token(with_headers({{"authorization", "JWT a.b.c"}})), "a.b.c");
  EXPECT_EQ(access_token(with_headers({{"Authorization", "bearer   a.b.c"}})), "a.b.c");
}

TEST(AccessToken, FallsBackToTheAccessTokenCookie) {
  EXPECT_EQ(access_token(with_headers({{"Cookie", "x=1; access_token=c.o.k"}})), "c.o.k");
  // An API key or a scheme with no token is not a JWT: the cookie still counts.
  EXPECT_EQ(access_token(
                with_headers({{"Authorization", "an-api-key"}, {"Cookie", "access_token=c.o.k"}})),
            "c.o.k");
  EXPECT_EQ(
      access_token(with_headers({{"Authorization", "Bearer"}, {"Cookie", "access_token=c.o.k"}})),
      "c.o.k");
}

TEST(AccessToken, TheHeaderWinsWhenBothAreSent) {
  EXPECT_EQ(access_token(with_headers(
                {{"Cookie", "access_token=from.cookie"}, {"Authorization", "Bearer from.header"}})),
            "from.header");
}

TEST(AccessToken, NothingWithoutHeaderOrCookie) {
  EXPECT_FALSE(access_token(with_headers({})));
  EXPECT_FALSE(access_token(with_headers({{"Authorization", "an-api-key"}})));
}

TEST(BasicCredentials, SplitsAtTheFirstColon) {
  const auto parsed =
      basic_credentials(parse_authorization("Basic " + base64::encode("client:se:cret")));
  ASSERT_TRUE(parsed.credentials);
  EXPECT_FALSE(parsed.malformed);
  EXPECT_EQ(parsed.credentials->user_id, "client");
  EXPECT_EQ(parsed.credentials->password, "se:cret");
}

TEST(BasicCredentials, SchemeIsCaseInsensitiveAndEmptyHalvesAreKept) {
  const auto parsed = basic_credentials(parse_authorization("bAsIc " + base64::encode(":")));
  ASSERT_TRUE(parsed.credentials);
  EXPECT_EQ(parsed.credentials->user_id, "");
  EXPECT_EQ(parsed.credentials->password, "");
}

TEST(BasicCredentials, MalformedValuesAreFlagged) {
  EXPECT_TRUE(basic_credentials(parse_authorization("Basic")).malformed);
  EXPECT_TRUE(basic_credentials(parse_authorization("Basic !!!")).malformed);
  EXPECT_TRUE(
      basic_credentials(parse_authorization("Basic " + base64::encode("nocolon"))).malformed);
}

TEST(BasicCredentials, OtherSchemesAreNotBasic) {
  const auto parsed = basic_credentials(parse_authorization("Bearer x"));
  EXPECT_FALSE(parsed.credentials);
  EXPECT_FALSE(parsed.malformed);
  EXPECT_FALSE(basic_credentials(std::nullopt).malformed);
}

}  // namespace
}  // namespace latchkey::http
