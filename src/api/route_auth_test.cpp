// Each Auth kind refuses or lets through before the handler runs: the handler here only records
// that it ran and what it was handed.
#include "api/route_auth.hpp"

#include <gtest/gtest.h>

#include "service_fixture.hpp"

namespace latchkey::api {
namespace {

using testing::parse;

constexpr std::string_view kKey = "route-auth-key-0123456789";
constexpr std::string_view kUsersOnlyKey = "users-only-key-0123456789";

class RouteAuthTest : public ::testing::Test {
 protected:
  RouteAuthTest() : ann(create_ann(f)) {
    EXPECT_TRUE(f.api_keys.create_bootstrap_key(
        std::nullopt, parse(R"({"key":")" + std::string(kKey) + R"("})")));
    EXPECT_TRUE(f.api_keys.create_bootstrap_key(
        std::nullopt, parse(R"({"key":")" + std::string(kUsersOnlyKey) +
                            R"(","permissions":{"endpoints":{"/api/user":["GET"]}}})")));
  }

  static domain::User create_ann(testing::ServiceFixture& fixture) {
    auto made = fixture.users.create(fixture.admin(), std::nullopt,
                                     parse(R"({"email":"ann@x.io","password":"password1"})"));
    if (!made) throw std::runtime_error("could not create the test user");
    return made->user;
  }

  // An access token for `user`, as the Login API would issue one.
  std::string token_for(const domain::User& user) const {
    const auto issued = f.tokens.issue_access_token(
        {&f.default_tenant, nullptr, &user, nullptr, "PASSWORD", {}, {}, {}, {}});
    EXPECT_TRUE(issued);
    return issued ? issued->token : std::string();
  }

  static http::Request request(std::string method, std::string path, std::string route_template,
                               http::Fields headers = {}) {
    http::Request r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.route_template = std::move(route_template);
    r.headers = std::move(headers);
    return r;
  }

  struct Run {
    bool ran = false;
    Established handed;
    Result<http::Response> result;
  };
  Run run(Auth kind, const http::Request& r, InputCheck read_first = nullptr) const {
    Run out;
    out.result = authenticated(kind, read_first, r, {f.authenticator, f.tokens},
                               [&out](Established established) -> Result<http::Response> {
                                 out.ran = true;
                                 out.handed = std::move(established);
                                 return http::Response::empty(HttpStatus::kOk);
                               });
    return out;
  }

  static HttpStatus status_of(const Run& run) {
    return run.result ? run.result->status : run.result.error().http_status();
  }

  testing::ServiceFixture f;
  domain::User ann;
};

// --- kAnonymous and the OAuth kinds: nothing is read before the handler.

TEST_F(RouteAuthTest, AnonymousReadsNoCredentials) {
  for (const Auth kind : {Auth::kAnonymous, Auth::kClientCredentials, Auth::kOAuthBearer}) {
    const auto r = request("GET", "/api/status", "/api/status",
                           {{"Authorization", "not-a-key"}, {"X-FusionAuth-TenantId", "junk"}});
    const auto result = run(kind, r);
    EXPECT_TRUE(result.ran) << to_string(kind);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(result.handed)) << to_string(kind);
    EXPECT_FALSE(checked_before_handler(kind));
  }
}

// --- kApiKey

TEST_F(RouteAuthTest, ApiKeyRefusesAMissingOrUnknownKeyWithoutRunningTheHandler) {
  const auto missing = run(Auth::kApiKey, request("GET", "/api/user", "/api/user"));
  EXPECT_FALSE(missing.ran);
  EXPECT_EQ(status_of(missing), HttpStatus::kUnauthorized);
  EXPECT_FALSE(missing.result.error().has_body());

  const auto unknown = run(Auth::kApiKey, request("GET", "/api/user", "/api/user",
                                                  {{"Authorization", "unknown-key-0123456789"}}));
  EXPECT_FALSE(unknown.ran);
  EXPECT_EQ(status_of(unknown), HttpStatus::kUnauthorized);

  const auto empty =
      run(Auth::kApiKey, request("GET", "/api/user", "/api/user", {{"Authorization", ""}}));
  EXPECT_FALSE(empty.ran);
  EXPECT_EQ(status_of(empty), HttpStatus::kUnauthorized);
}

TEST_F(RouteAuthTest, ApiKeyHandsTheHandlerTheKeysCaller) {
  const auto result = run(Auth::kApiKey, request("GET", "/api/user", "/api/user",
                                                 {{"Authorization", std::string(kKey)}}));
  ASSERT_TRUE(result.ran);
  const auto& caller = std::get<services::Caller>(result.handed);
  ASSERT_TRUE(caller.api_key);
  EXPECT_EQ(caller.api_key->key, kKey);
}

TEST_F(RouteAuthTest, ApiKeyPermissionsNameTheMatchedRouteTemplate) {
  const auto own = run(Auth::kApiKey, request("GET", "/api/user/42", "/api/user/{userId}",
                                              {{"Authorization", std::string(kUsersOnlyKey)}}));
  EXPECT_TRUE(own.ran);
  const auto below = run(Auth::kApiKey, request("GET", "/api/user/registration/1/2",
                                                "/api/user/registration/{userId}/{applicationId}",
                                                {{"Authorization", std::string(kUsersOnlyKey)}}));
  EXPECT_FALSE(below.ran);
  EXPECT_EQ(status_of(below), HttpStatus::kUnauthorized);
  const auto method = run(Auth::kApiKey, request("DELETE", "/api/user/42", "/api/user/{userId}",
                                                 {{"Authorization", std::string(kUsersOnlyKey)}}));
  EXPECT_FALSE(method.ran);
}

TEST_F(RouteAuthTest, ApiKeyRefusesATenantHeaderThatNamesNoTenant) {
  const auto result = run(
      Auth::kApiKey, request("GET", "/api/user", "/api/user",
                             {{"Authorization", std::string(kKey)},
                              {"X-FusionAuth-TenantId", "5f1b2a4c-0000-4000-8000-000000000000"}}));
  EXPECT_FALSE(result.ran);
  EXPECT_EQ(status_of(result), HttpStatus::kBadRequest);
}

// --- kOptionalApiKey

TEST_F(RouteAuthTest, OptionalApiKeyWithoutAKeyIsAnonymous) {
  const auto result = run(Auth::kOptionalApiKey, request("POST", "/api/login", "/api/login"));
  ASSERT_TRUE(result.ran);
  EXPECT_FALSE(std::get<services::Caller>(result.handed).api_key);
}

TEST_F(RouteAuthTest, OptionalApiKeyRefusesABadKeyThatIsSent) {
  const auto result = run(Auth::kOptionalApiKey,
                          request("POST", "/api/login", "/api/login", {{"Authorization", "bad"}}));
  EXPECT_FALSE(result.ran);
  EXPECT_EQ(status_of(result), HttpStatus::kUnauthorized);
  const auto good = run(Auth::kOptionalApiKey, request("POST", "/api/login", "/api/login",
                                                       {{"Authorization", std::string(kKey)}}));
  ASSERT_TRUE(good.ran);
  EXPECT_TRUE(std::get<services::Caller>(good.handed).api_key);
}

TEST_F(RouteAuthTest, OptionalApiKeyStillChecksTheTenantHeader) {
  const auto result = run(Auth::kOptionalApiKey, request("POST", "/api/login", "/api/login",
                                                         {{"X-FusionAuth-TenantId", "junk"}}));
  EXPECT_FALSE(result.ran);
  EXPECT_EQ(status_of(result), HttpStatus::kBadRequest);
}

// --- read_first: input errors keep answering before credential errors where they always did.

TEST_F(RouteAuthTest, ReadFirstChecksAnswerBeforeABadKey) {
  auto r = request("POST", "/api/login", "/api/login", {{"Authorization", "bad"}});
  r.headers.emplace_back("Content-Type", "text/plain");
  r.body = "{}";
  const auto body_first = run(Auth::kOptionalApiKey, r, read_first::login_body);
  EXPECT_FALSE(body_first.ran);
  EXPECT_EQ(status_of(body_first), HttpStatus::kBadRequest);
  // Without the check the key answers; with a good body the key answers too.
  EXPECT_EQ(status_of(run(Auth::kOptionalApiKey, r)), HttpStatus::kUnauthorized);
  r.headers[1].second = "application/json";
  EXPECT_EQ(status_of(run(Auth::kOptionalApiKey, r, read_first::login_body)),
            HttpStatus::kUnauthorized);
}

TEST_F(RouteAuthTest, PatchContentTypeAnswers415BeforeAMissingKey) {
  auto r = request("PATCH", "/api/user/registration/1", "/api/user/registration/{userId}",
                   {{"Content-Type", "text/plain"}});
  const auto result = run(Auth::kApiKey, r, read_first::patch_content_type);
  EXPECT_FALSE(result.ran);
  EXPECT_EQ(status_of(result), HttpStatus::kUnsupportedMediaType);
}

TEST_F(RouteAuthTest, ApiKeyRequiredIsTheMissingKeys401) {
  const Error error = api_key_required();
  EXPECT_EQ(error.http_status(), HttpStatus::kUnauthorized);
  EXPECT_FALSE(error.has_body());
}

// --- kApiKeyOrChangePasswordId

TEST_F(RouteAuthTest, ChangePasswordIdInThePathNeedsNoKeyAndIgnoresABadOne) {
  auto r = request("POST", "/api/user/change-password/abc",
                   "/api/user/change-password/{changePasswordId}", {{"Authorization", "bad"}});
  r.path_params["changePasswordId"] = "abc";
  const auto result = run(Auth::kApiKeyOrChangePasswordId, r);
  ASSERT_TRUE(result.ran);
  EXPECT_FALSE(std::get<services::Caller>(result.handed).api_key);
}

TEST_F(RouteAuthTest, ChangePasswordIdInTheBodyNeedsNoKey) {
  auto r = request("POST", "/api/user/change-password", "/api/user/change-password",
                   {{"Content-Type", "application/json"}});
  r.body = R"({"changePasswordId":"abc","password":"new-password"})";
  EXPECT_TRUE(run(Auth::kApiKeyOrChangePasswordId, r).ran);
}

TEST_F(RouteAuthTest, ChangeByLoginIdNeedsAKey) {
  auto r = request("POST", "/api/user/change-password", "/api/user/change-password",
                   {{"Content-Type", "application/json"}});
  r.body = R"({"loginId":"ann@x.io","currentPassword":"password1","password":"new-password"})";
  const auto without = run(Auth::kApiKeyOrChangePasswordId, r);
  EXPECT_FALSE(without.ran);
  EXPECT_EQ(status_of(without), HttpStatus::kUnauthorized);
  r.headers.emplace_back("Authorization", std::string(kKey));
  const auto with = run(Auth::kApiKeyOrChangePasswordId, r);
  ASSERT_TRUE(with.ran);
  EXPECT_TRUE(std::get<services::Caller>(with.handed).api_key);
}

TEST_F(RouteAuthTest, ChangePasswordBodyThatCannotBeReadIsLeftToTheHandlersOwn400) {
  auto r = request("POST", "/api/user/change-password", "/api/user/change-password",
                   {{"Content-Type", "text/plain"}});
  r.body = "loginId=ann";
  EXPECT_TRUE(run(Auth::kApiKeyOrChangePasswordId, r).ran);
}

// --- kJwt

TEST_F(RouteAuthTest, JwtRefusesNoTokenOrABadOne) {
  const auto none = run(Auth::kJwt, request("GET", "/api/jwt/validate", "/api/jwt/validate"));
  EXPECT_FALSE(none.ran);
  EXPECT_EQ(status_of(none), HttpStatus::kUnauthorized);
  const auto bad = run(Auth::kJwt, request("GET", "/api/jwt/validate", "/api/jwt/validate",
                                           {{"Authorization", "Bearer not.a.jwt"}}));
  EXPECT_FALSE(bad.ran);
  EXPECT_EQ(status_of(bad), HttpStatus::kUnauthorized);
  // An API key is not a JWT.
  const auto key = run(Auth::kJwt, request("GET", "/api/jwt/validate", "/api/jwt/validate",
                                           {{"Authorization", std::string(kKey)}}));
  EXPECT_FALSE(key.ran);
}

TEST_F(RouteAuthTest, JwtHandsTheClaimsFromHeaderOrCookie) {
  const auto token = token_for(ann);
  const auto header = run(Auth::kJwt, request("GET", "/api/jwt/validate", "/api/jwt/validate",
                                              {{"Authorization", "Bearer " + token}}));
  ASSERT_TRUE(header.ran);
  EXPECT_EQ(*json::get_string(std::get<ValidJwt>(header.handed).claims, "sub"), ann.id.str());
  const auto cookie = run(Auth::kJwt, request("GET", "/api/jwt/validate", "/api/jwt/validate",
                                              {{"Cookie", "access_token=" + token}}));
  EXPECT_TRUE(cookie.ran);
}

TEST_F(RouteAuthTest, JwtHeaderWinsOverTheCookie) {
  const auto token = token_for(ann);
  const auto result =
      run(Auth::kJwt,
          request("GET", "/api/jwt/validate", "/api/jwt/validate",
                  {{"Authorization", "Bearer not.a.jwt"}, {"Cookie", "access_token=" + token}}));
  EXPECT_FALSE(result.ran);
}

// --- kJwtUser

TEST_F(RouteAuthTest, JwtUserHandsTheTokensUser) {
  const auto result = run(Auth::kJwtUser, request("GET", "/api/jwt/issue", "/api/jwt/issue",
                                                  {{"Authorization", "Bearer " + token_for(ann)}}));
  ASSERT_TRUE(result.ran);
  EXPECT_EQ(std::get<services::AuthenticatedToken>(result.handed).user.id, ann.id);
}

TEST_F(RouteAuthTest, JwtUserRefusesATokenWhoseUserIsGone) {
  const auto token = token_for(ann);
  ASSERT_TRUE(f.users.remove(f.admin(), ann.id, true));
  EXPECT_TRUE(f.tokens.validate(token));  // still a valid token: only its user is gone
  const auto result = run(Auth::kJwtUser, request("GET", "/api/jwt/issue", "/api/jwt/issue",
                                                  {{"Authorization", "Bearer " + token}}));
  EXPECT_FALSE(result.ran);
  EXPECT_EQ(status_of(result), HttpStatus::kUnauthorized);
}

// --- kJwtOrApiKey

TEST_F(RouteAuthTest, JwtOrApiKeyTakesAKeyWithNoOwner) {
  const auto result =
      run(Auth::kJwtOrApiKey, request("DELETE", "/api/jwt/refresh", "/api/jwt/refresh",
                                      {{"Authorization", std::string(kKey)}}));
  ASSERT_TRUE(result.ran);
  const auto& revoker = std::get<JwtOrApiKeyCaller>(result.handed);
  EXPECT_TRUE(revoker.caller.api_key);
  EXPECT_FALSE(revoker.jwt_owner);
}

TEST_F(RouteAuthTest, JwtOrApiKeyTakesAUsersJwtAsItsOwner) {
  const auto result =
      run(Auth::kJwtOrApiKey, request("DELETE", "/api/jwt/refresh", "/api/jwt/refresh",
                                      {{"Authorization", "Bearer " + token_for(ann)}}));
  ASSERT_TRUE(result.ran);
  const auto& revoker = std::get<JwtOrApiKeyCaller>(result.handed);
  EXPECT_FALSE(revoker.caller.api_key);
  EXPECT_EQ(revoker.jwt_owner, ann.id);
}

TEST_F(RouteAuthTest, JwtOrApiKeyReadsAnyOtherHeaderAsAKeyEvenWithACookie) {
  const auto cookie = "access_token=" + token_for(ann);
  const auto bad_key =
      run(Auth::kJwtOrApiKey, request("DELETE", "/api/jwt/refresh", "/api/jwt/refresh",
                                      {{"Authorization", "bad"}, {"Cookie", cookie}}));
  EXPECT_FALSE(bad_key.ran);
  EXPECT_EQ(status_of(bad_key), HttpStatus::kUnauthorized);
  const auto cookie_only =
      run(Auth::kJwtOrApiKey,
          request("DELETE", "/api/jwt/refresh", "/api/jwt/refresh", {{"Cookie", cookie}}));
  ASSERT_TRUE(cookie_only.ran);
  EXPECT_EQ(std::get<JwtOrApiKeyCaller>(cookie_only.handed).jwt_owner, ann.id);
}

TEST_F(RouteAuthTest, JwtOrApiKeyRefusesNothingAndABadJwt) {
  const auto none =
      run(Auth::kJwtOrApiKey, request("DELETE", "/api/jwt/refresh", "/api/jwt/refresh"));
  EXPECT_FALSE(none.ran);
  EXPECT_EQ(status_of(none), HttpStatus::kUnauthorized);
  const auto bad = run(Auth::kJwtOrApiKey, request("DELETE", "/api/jwt/refresh", "/api/jwt/refresh",
                                                   {{"Authorization", "Bearer not.a.jwt"}}));
  EXPECT_FALSE(bad.ran);
  EXPECT_EQ(status_of(bad), HttpStatus::kUnauthorized);
}

}  // namespace
}  // namespace latchkey::api
