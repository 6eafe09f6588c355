#include "http/router.hpp"

#include <gtest/gtest.h>

namespace latchkey::http {
namespace {

Handler answering(std::string body) {
  return [body = std::move(body)](Request&) { return Response::text(HttpStatus::kOk, body); };
}

Request request_for(std::string method, std::string path) {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  return request;
}

// Routes the request and answers the body the handler produced, or the error status.
std::string route(const Router& router, std::string method, std::string path,
                  Request* out = nullptr) {
  Request request = request_for(std::move(method), std::move(path));
  const auto match = router.match(request);
  if (out != nullptr) *out = request;
  if (!match) return std::to_string(to_int(match.status));
  return (*match.handler)(request).body;
}

Router user_routes() {
  Router router;
  router.add("GET", "/api/user/{userId}", answering("get-user"));
  router.add("DELETE", "/api/user/{userId}", answering("delete-user"));
  router.add("POST", "/api/user/registration", answering("register"));
  router.add("GET", "/api/user/registration/{userId}/{applicationId}",
             answering("get-registration"));
  router.add("GET", "/api/jwt/refresh", answering("list-refresh"));
  router.add("DELETE", "/api/jwt/refresh/{tokenId}", answering("revoke-refresh"));
  router.add("GET", "/", answering("root"));
  return router;
}

TEST(Router, ParameterSegmentCapturesOneSegment) {
  const Router router = user_routes();
  Request request;
  EXPECT_EQ(route(router, "GET", "/api/user/42", &request), "get-user");
  EXPECT_EQ(request.path_param("userId"), "42");
}

TEST(Router, TwoParametersAreCapturedByName) {
  const Router router = user_routes();
  Request request;
  EXPECT_EQ(route(router, "GET", "/api/user/registration/u1/a2", &request), "get-registration");
  EXPECT_EQ(request.path_param("userId"), "u1");
  EXPECT_EQ(request.path_param("applicationId"), "a2");
}

TEST(Router, MatchRecordsTheRouteTemplate) {
  const Router router = user_routes();
  Request request;
  EXPECT_EQ(route(router, "GET", "/api/user/registration/u1/a2", &request), "get-registration");
  EXPECT_EQ(request.route_template, "/api/user/registration/{userId}/{applicationId}");
  EXPECT_EQ(route(router, "HEAD", "/api/user/7", &request), "get-user");
  EXPECT_EQ(request.route_template, "/api/user/{userId}");
}

TEST(Router, LiteralSegmentWinsOverParameter) {
  const Router router = user_routes();
  EXPECT_EQ(route(router, "POST", "/api/user/registration"), "register");
  // The literal path exists, so another method there is a 405, not a fall-through to {userId}.
  EXPECT_EQ(route(router, "GET", "/api/user/registration"), "405");
}

TEST(Router, ParameterStillMatchesWhenTheLiteralBranchDeadEnds) {
  Router router;
  router.add("GET", "/a/literal/x", answering("literal"));
  router.add("GET", "/a/{p}/y", answering("param"));
  Request request;
  EXPECT_EQ(route(router, "GET", "/a/literal/y", &request), "param");
  EXPECT_EQ(request.path_param("p"), "literal");
}

TEST(Router, PathWithAndWithoutIdAreDistinctRoutes) {
  const Router router = user_routes();
  EXPECT_EQ(route(router, "GET", "/api/jwt/refresh"), "list-refresh");
  EXPECT_EQ(route(router, "DELETE", "/api/jwt/refresh/t1"), "revoke-refresh");
  EXPECT_EQ(route(router, "DELETE", "/api/jwt/refresh"), "405");
}

TEST(Router, UnknownPathIsNotFound) {
  const Router router = user_routes();
  EXPECT_EQ(route(router, "GET", "/api/nothing"), "404");
  EXPECT_EQ(route(router, "GET", "/api/user/1/2/3"), "404");
  EXPECT_EQ(route(router, "GET", "relative"), "404");
}

TEST(Router, ParameterNeverMatchesAnEmptySegment) {
  const Router router = user_routes();
  EXPECT_EQ(route(router, "GET", "/api/user//"), "404");
  EXPECT_EQ(route(router, "GET", "/api/user/registration//a"), "404");
}

TEST(Router, OneTrailingSlashIsIgnored) {
  const Router router = user_routes();
  EXPECT_EQ(route(router, "GET", "/api/user/42/"), "get-user");
  EXPECT_EQ(route(router, "GET", "/api/jwt/refresh/"), "list-refresh");
  EXPECT_EQ(route(router, "GET", "/"), "root");
}

TEST(Router, WrongMethodIs405WithAllowListingThePathsMethods) {
  const Router router = user_routes();
  Request request = request_for("PUT", "/api/user/42");
  const auto match = router.match(request);
  EXPECT_FALSE(match);
  EXPECT_EQ(match.status, HttpStatus::kMethodNotAllowed);
  const Response response = match.error_response();
  EXPECT_EQ(response.status, HttpStatus::kMethodNotAllowed);
  EXPECT_EQ(response.header("Allow"), "GET, DELETE, HEAD");
  EXPECT_TRUE(response.body.empty());
}

TEST(Router, OptionsOnAPathIs204WithAllowListingItsMethods) {
  const Router router = user_routes();
  Request request = request_for("OPTIONS", "/api/user/42");
  const auto match = router.match(request);
  EXPECT_FALSE(match);
  EXPECT_EQ(match.status, HttpStatus::kNoContent);
  const Response response = match.error_response();
  EXPECT_EQ(response.status, HttpStatus::kNoContent);
  EXPECT_EQ(response.header("Allow"), "GET, DELETE, HEAD, OPTIONS");
  Request missing = request_for("OPTIONS", "/nope");
  EXPECT_EQ(router.match(missing).error_response().status, HttpStatus::kNotFound);
}

TEST(Router, NotFoundResponseHasEmptyBody) {
  const Router router = user_routes();
  Request request = request_for("GET", "/nope");
  const Response response = router.match(request).error_response();
  EXPECT_EQ(response.status, HttpStatus::kNotFound);
  EXPECT_TRUE(response.body.empty());
}

TEST(Router, MethodsAreCaseSensitive) {
  const Router router = user_routes();
  EXPECT_EQ(route(router, "get", "/api/user/42"), "405");
}

TEST(Router, HeadFallsBackToTheGetRoute) {
  const Router router = user_routes();
  EXPECT_EQ(route(router, "HEAD", "/api/user/42"), "get-user");
  EXPECT_EQ(route(router, "HEAD", "/api/user/registration"), "405");
}

TEST(Router, VeryDeepPathIsNotFound) {
  const Router router = user_routes();
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "/a";
  EXPECT_EQ(route(router, "GET", deep), "404");
}

TEST(Router, RunOnIsReported) {
  Router router;
  router.add("GET", "/.well-known/jwks.json", answering("jwks"), RunOn::kIoThread);
  Request request = request_for("GET", "/.well-known/jwks.json");
  EXPECT_EQ(router.match(request).run_on, RunOn::kIoThread);
}

TEST(Router, MalformedTemplatesAreRejected) {
  Router router;
  EXPECT_THROW(router.add("GET", "no-slash", answering("")), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/a//b", answering("")), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/a/{b", answering("")), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/a/{}", answering("")), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/a/{x}/{x}", answering("")), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/a/x{y}", answering("")), std::invalid_argument);
}

TEST(Router, SameMethodAndTemplateTwiceIsRejected) {
  Router router;
  router.add("GET", "/a/{id}", answering(""));
  EXPECT_THROW(router.add("GET", "/a/{id}", answering("")), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/a/{other}", answering("")), std::invalid_argument);
}

TEST(Router, PathParamsOfAnEarlierMatchAreReplaced) {
  const Router router = user_routes();
  Request request = request_for("GET", "/api/user/42");
  ASSERT_TRUE(router.match(request));
  request.path = "/api/jwt/refresh";
  ASSERT_TRUE(router.match(request));
  EXPECT_TRUE(request.path_params.empty());
}

TEST(Router, AskingForAnUndeclaredPathParamThrows) {
  Request request;
  EXPECT_THROW((void)request.path_param("missing"), std::out_of_range);
}

// Routes a request-target as the session does: set_target, then match.
std::string route_target(const Router& router, std::string method, std::string target,
                         Request* out = nullptr) {
  Request request;
  request.method = std::move(method);
  if (!request.set_target(std::move(target))) return "bad-target";
  const auto match = router.match(request);
  if (out != nullptr) *out = request;
  if (!match) return std::to_string(to_int(match.status));
  return (*match.handler)(request).body;
}

TEST(Router, EncodedSlashStaysInsideItsSegment) {
  const Router router = user_routes();
  Request request;
  // Decoded first, "/api/user/registration/u1/a2" would select the registration route.
  EXPECT_EQ(route_target(router, "GET", "/api/user/registration%2Fu1%2Fa2", &request), "get-user");
  EXPECT_EQ(request.path_param("userId"), "registration/u1/a2");
  EXPECT_EQ(route_target(router, "GET", "/api/user/registration%2fu1%2Fa2"), "get-user");
  EXPECT_EQ(route_target(router, "GET", "/api/jwt%2Frefresh"), "404");
}

TEST(Router, DotSegmentsMatchNothingHoweverEncoded) {
  const Router router = user_routes();
  for (const char* target : {"/api/user/..", "/api/user/.", "/api/user/%2e%2e", "/api/user/%2E.",
                             "/api/user/%2e", "/api/jwt/refresh/%2e%2e", "/api/user/../jwt/refresh",
                             "/api/user/registration/%2e%2e/x", "/api/./user/42"}) {
    EXPECT_EQ(route_target(router, "GET", target), "404") << target;
  }
  // Dots inside a segment are ordinary characters.
  Request request;
  EXPECT_EQ(route_target(router, "GET", "/api/user/a..b", &request), "get-user");
  EXPECT_EQ(request.path_param("userId"), "a..b");
}

TEST(Router, LiteralSegmentsAreComparedDecoded) {
  const Router router = user_routes();
  Request request;
  EXPECT_EQ(route_target(router, "POST", "/api/user/%72egistration"), "register");
  EXPECT_EQ(route_target(router, "GET", "/api/user/a%20b", &request), "get-user");
  EXPECT_EQ(request.path_param("userId"), "a b");
}

}  // namespace
}  // namespace latchkey::http
