// Walks every route table: each route declares an Auth kind that fits its handler, and the
// routes whose authentication SECURITY.md names keep their kind.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "app/routes.hpp"

namespace latchkey::app {
namespace {

std::string name_of(const Route& route) {
  return std::string(route.method) + " " + std::string(route.path);
}

TEST(RouteTable, EveryRouteDeclaresAKindThatFitsItsHandler) {
  const auto table = route_table();
  ASSERT_GT(table.size(), 100U);
  for (const auto& route : table) {
    EXPECT_NE(api::to_string(route.auth), "?") << name_of(route);
    EXPECT_TRUE(fits(route.auth, route.handler)) << name_of(route);
  }
}

TEST(RouteTable, EachMethodAndPathAppearsOnce) {
  std::set<std::string> seen;
  for (const auto& route : route_table()) {
    EXPECT_TRUE(seen.insert(name_of(route)).second) << name_of(route);
  }
}

TEST(RouteTable, OnlyTheStatusApiIsOpenToAnyone) {
  // Every other /api route (and /metrics) is checked before its handler runs; the FusionAuth
  // endpoints we do not serve answer 501 to anyone.
  for (const auto& route : route_table()) {
    const bool api = route.path.starts_with("/api/") || route.path == "/metrics";
    if (!api || std::holds_alternative<NotImplemented>(route.handler)) continue;
    if (name_of(route) == "GET /api/status") {
      EXPECT_EQ(route.auth, Auth::kAnonymous);
      continue;
    }
    EXPECT_TRUE(api::checked_before_handler(route.auth)) << name_of(route);
  }
}

TEST(RouteTable, UnservedEndpointsAreAnonymous501s) {
  std::size_t unserved = 0;
  for (const auto& route : route_table()) {
    if (!std::holds_alternative<NotImplemented>(route.handler)) continue;
    ++unserved;
    EXPECT_EQ(route.auth, Auth::kAnonymous) << name_of(route);
  }
  EXPECT_GT(unserved, 0U);
}

TEST(RouteTable, RoutesKeepTheAuthenticationSecurityMdNames) {
  const std::map<std::string, Auth> expected = {
      {"GET /api/jwt/validate", Auth::kJwt},
      {"GET /api/jwt/issue", Auth::kJwtUser},
      {"DELETE /api/jwt/refresh", Auth::kJwtOrApiKey},
      {"DELETE /api/jwt/refresh/{tokenId}", Auth::kJwtOrApiKey},
      {"POST /api/jwt/refresh", Auth::kOptionalApiKey},
      {"GET /api/jwt/refresh", Auth::kApiKey},
      {"GET /api/jwt/refresh/{tokenId}", Auth::kApiKey},
      {"POST /api/jwt/vend", Auth::kApiKey},
      {"GET /api/jwt/public-key", Auth::kOptionalApiKey},
      {"POST /api/login", Auth::kOptionalApiKey},
      {"POST /api/two-factor/login", Auth::kOptionalApiKey},
      {"POST /api/jwt/reconcile", Auth::kOptionalApiKey},
      {"POST /api/identity-provider/login", Auth::kOptionalApiKey},
      {"POST /api/user/change-password", Auth::kApiKeyOrChangePasswordId},
      {"POST /api/user/change-password/{changePasswordId}", Auth::kApiKeyOrChangePasswordId},
      {"POST /api/api-key", Auth::kApiKey},
      {"GET /metrics", Auth::kApiKey},
      {"GET /.well-known/jwks.json", Auth::kAnonymous},
      {"GET /.well-known/openid-configuration", Auth::kAnonymous},
      {"POST /oauth2/token", Auth::kClientCredentials},
      {"POST /oauth2/introspect", Auth::kClientCredentials},
      {"POST /oauth2/revoke", Auth::kClientCredentials},
      {"GET /oauth2/userinfo", Auth::kOAuthBearer},
      {"POST /oauth2/userinfo", Auth::kOAuthBearer},
      {"GET /oauth2/authorize", Auth::kAnonymous},
      {"POST /password/change/{changePasswordId}", Auth::kAnonymous},
  };
  std::map<std::string, Auth> actual;
  for (const auto& route : route_table()) actual.emplace(name_of(route), route.auth);
  for (const auto& [name, kind] : expected) {
    ASSERT_TRUE(actual.contains(name)) << name;
    EXPECT_EQ(api::to_string(actual.at(name)), api::to_string(kind)) << name;
  }
}

TEST(RouteTable, TheLoginEndpointsReadTheirBodyBeforeTheKey) {
  // As before issue 11: a malformed body answers 400 before a bad key's 401.
  const std::set<std::string> body_first = {
      "POST /api/login",
      "POST /api/two-factor/login",
      "POST /api/jwt/reconcile",
      "POST /api/identity-provider/login",
      "PATCH /api/user/registration/{userId}",
      "PATCH /api/user/registration/{userId}/{applicationId}",
  };
  for (const auto& route : route_table()) {
    EXPECT_EQ(route.read_first != nullptr, body_first.contains(name_of(route))) << name_of(route);
  }
}

}  // namespace
}  // namespace latchkey::app
