#include "services/system/cors_policy.hpp"

#include <gtest/gtest.h>

namespace latchkey::services {
namespace {

constexpr std::string_view kApp = "https://app.example";
constexpr std::string_view kOwn = "http://127.0.0.1:9011";

CorsPolicy policy_for(std::vector<std::string> origins, bool credentials = false) {
  json::array list;
  for (auto& origin : origins) list.emplace_back(origin);
  return CorsPolicy::from_json(json::object{
      {"enabled", true},
      {"allowCredentials", credentials},
      {"allowedOrigins", std::move(list)},
      {"allowedMethods", json::array{"GET", "POST", "OPTIONS"}},
      {"allowedHeaders", json::array{"Accept", "Authorization", "Content-Type"}},
      {"exposedHeaders", json::array{"Access-Control-Allow-Origin"}},
      {"preflightMaxAgeInSeconds", 600},
  });
}

CorsRequest preflight(std::string_view origin, std::string_view method = "POST",
                      std::optional<std::string_view> headers = std::nullopt) {
  return {.method = "OPTIONS",
          .path = "/oauth2/token",
          .origin = origin,
          .request_method = method,
          .request_headers = headers,
          .own_origins = {std::string(kOwn)}};
}

CorsRequest actual(std::string_view origin, std::string_view method = "POST",
                   std::string_view path = "/oauth2/token") {
  return {.method = method,
          .path = path,
          .origin = origin,
          .request_method = std::nullopt,
          .request_headers = std::nullopt,
          .own_origins = {std::string(kOwn)}};
}

std::optional<std::string> header(const CorsDecision& decision, std::string_view name) {
  for (const auto& [key, value] : decision.headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

TEST(CorsPolicy, DisabledAppliesNothingAndAddsNoHeaders) {
  auto policy = policy_for({std::string(kApp)});
  policy.enabled = false;
  const auto decision = decide_cors(policy, preflight(kApp));
  EXPECT_EQ(decision.outcome, CorsOutcome::kNotApplied);
  EXPECT_TRUE(decision.headers.empty());
}

TEST(CorsPolicy, FusionAuthsDefaultConfigurationIsDisabled) {
  EXPECT_FALSE(CorsPolicy::from_json(json::object{}).enabled);
}

TEST(CorsPolicy, AnAllowedPreflightEchoesTheOriginAndListsWhatIsAllowed) {
  const auto decision =
      decide_cors(policy_for({std::string(kApp)}), preflight(kApp, "POST", "content-type"));
  ASSERT_EQ(decision.outcome, CorsOutcome::kPreflight);
  EXPECT_EQ(header(decision, "Access-Control-Allow-Origin"), kApp);
  EXPECT_EQ(header(decision, "Access-Control-Allow-Methods"), "GET, POST, OPTIONS");
  EXPECT_EQ(header(decision, "Access-Control-Allow-Headers"),
            "Accept, Authorization, Content-Type");
  EXPECT_EQ(header(decision, "Access-Control-Max-Age"), "600");
  EXPECT_FALSE(header(decision, "Access-Control-Allow-Credentials"));
  EXPECT_EQ(header(decision, "Vary"),
            "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
}

TEST(CorsPolicy, APreflightFromAnOriginNotListedIsRefused) {
  const auto decision =
      decide_cors(policy_for({std::string(kApp)}), preflight("https://evil.example"));
  EXPECT_EQ(decision.outcome, CorsOutcome::kRefused);
  EXPECT_TRUE(decision.headers.empty());
  EXPECT_NE(decision.reason.find("evil.example"), std::string::npos);
}

TEST(CorsPolicy, APreflightForAMethodNotAllowedIsRefused) {
  EXPECT_EQ(decide_cors(policy_for({std::string(kApp)}), preflight(kApp, "DELETE")).outcome,
            CorsOutcome::kRefused);
}

TEST(CorsPolicy, APreflightAskingForAHeaderNotAllowedIsRefused) {
  EXPECT_EQ(decide_cors(policy_for({std::string(kApp)}),
                        preflight(kApp, "POST", "Content-Type, X-Secret"))
                .outcome,
            CorsOutcome::kRefused);
}

TEST(CorsPolicy, RequestedHeadersCompareIgnoringCaseAndSpaces) {
  EXPECT_EQ(decide_cors(policy_for({std::string(kApp)}),
                        preflight(kApp, "POST", " authorization ,CONTENT-TYPE,"))
                .outcome,
            CorsOutcome::kPreflight);
}

TEST(CorsPolicy, MethodsAreCaseSensitive) {
  EXPECT_EQ(decide_cors(policy_for({std::string(kApp)}), preflight(kApp, "post")).outcome,
            CorsOutcome::kRefused);
}

TEST(CorsPolicy, AnAllowedActualRequestGetsTheOriginExposedHeadersAndVary) {
  const auto decision = decide_cors(policy_for({std::string(kApp)}), actual(kApp));
  ASSERT_EQ(decision.outcome, CorsOutcome::kActual);
  EXPECT_EQ(header(decision, "Access-Control-Allow-Origin"), kApp);
  EXPECT_EQ(header(decision, "Access-Control-Expose-Headers"), "Access-Control-Allow-Origin");
  EXPECT_EQ(header(decision, "Vary"), "Origin");
  EXPECT_FALSE(header(decision, "Access-Control-Max-Age"));
}

TEST(CorsPolicy, AnActualRequestFromAnOriginNotListedIsRefused) {
  EXPECT_EQ(decide_cors(policy_for({std::string(kApp)}), actual("https://evil.example")).outcome,
            CorsOutcome::kRefused);
}

TEST(CorsPolicy, AnActualRequestWithAMethodNotAllowedIsRefused) {
  EXPECT_EQ(decide_cors(policy_for({std::string(kApp)}), actual(kApp, "DELETE")).outcome,
            CorsOutcome::kRefused);
}

TEST(CorsPolicy, ARequestWithoutOriginIsNotCorsButVariesByOrigin) {
  auto request = actual(kApp);
  request.origin.reset();
  const auto decision = decide_cors(policy_for({std::string(kApp)}), request);
  EXPECT_EQ(decision.outcome, CorsOutcome::kNotApplied);
  EXPECT_EQ(header(decision, "Vary"), "Origin");
  EXPECT_FALSE(header(decision, "Access-Control-Allow-Origin"));
}

TEST(CorsPolicy, TheServersOwnOriginIsNotCors) {
  // The hosted login page posts its own form with an Origin header.
  const auto decision = decide_cors(policy_for({std::string(kApp)}), actual(kOwn));
  EXPECT_EQ(decision.outcome, CorsOutcome::kNotApplied);
}

TEST(CorsPolicy, WhatTheBrowserMarksSameOriginOrANavigationIsNotCors) {
  // Chromium posts a no-referrer page's own form with Origin: null and Sec-Fetch-Site.
  auto own_form = actual("null");
  own_form.fetch_site = "same-origin";
  own_form.fetch_mode = "navigate";
  EXPECT_EQ(decide_cors(policy_for({std::string(kApp)}), own_form).outcome,
            CorsOutcome::kNotApplied);
  auto navigation = actual("https://idp.example");
  navigation.fetch_site = "cross-site";
  navigation.fetch_mode = "navigate";
  EXPECT_EQ(decide_cors(policy_for({std::string(kApp)}), navigation).outcome,
            CorsOutcome::kNotApplied);
  auto cross_fetch = actual("https://evil.example");
  cross_fetch.fetch_site = "cross-site";
  cross_fetch.fetch_mode = "cors";
  EXPECT_EQ(decide_cors(policy_for({std::string(kApp)}), cross_fetch).outcome,
            CorsOutcome::kRefused);
}

TEST(CorsPolicy, CredentialsAreAllowedOnlyForAListedOrigin) {
  const auto decision = decide_cors(policy_for({std::string(kApp)}, true), actual(kApp));
  ASSERT_EQ(decision.outcome, CorsOutcome::kActual);
  EXPECT_EQ(header(decision, "Access-Control-Allow-Origin"), kApp);
  EXPECT_EQ(header(decision, "Access-Control-Allow-Credentials"), "true");
}

TEST(CorsPolicy, WildcardAnswersStarAndNeverEchoesTheOrigin) {
  const auto decision = decide_cors(policy_for({"*"}), actual("https://anyone.example"));
  ASSERT_EQ(decision.outcome, CorsOutcome::kActual);
  EXPECT_EQ(header(decision, "Access-Control-Allow-Origin"), "*");
}

TEST(CorsPolicy, WildcardWithCredentialsNeverSendsTheUnsafeCombination) {
  for (const auto& request : {actual("https://anyone.example"), preflight("https://x.example")}) {
    const auto decision = decide_cors(policy_for({"*"}, true), request);
    ASSERT_NE(decision.outcome, CorsOutcome::kRefused);
    EXPECT_EQ(header(decision, "Access-Control-Allow-Origin"), "*");
    EXPECT_FALSE(header(decision, "Access-Control-Allow-Credentials"));
  }
}

TEST(CorsPolicy, TheNullOriginIsCoveredOnlyByTheWildcard) {
  EXPECT_EQ(decide_cors(policy_for({std::string(kApp), "null"}, true), actual("null")).outcome,
            CorsOutcome::kRefused);
  const auto wildcard = decide_cors(policy_for({"*"}), actual("null"));
  ASSERT_EQ(wildcard.outcome, CorsOutcome::kActual);
  EXPECT_EQ(header(wildcard, "Access-Control-Allow-Origin"), "*");
}

TEST(CorsPolicy, AMalformedOriginIsRefused) {
  EXPECT_EQ(decide_cors(policy_for({"*"}), actual("https://app.example/path")).outcome,
            CorsOutcome::kRefused);
  EXPECT_EQ(decide_cors(policy_for({"*"}), actual("not an origin")).outcome, CorsOutcome::kRefused);
}

TEST(CorsPolicy, ConfiguredOriginsMatchInTheirSerializedForm) {
  // A trailing slash, upper case and a default port in the configuration still match.
  const auto policy = policy_for({"HTTPS://App.Example:443/"});
  EXPECT_EQ(decide_cors(policy, actual(kApp)).outcome, CorsOutcome::kActual);
  EXPECT_EQ(decide_cors(policy, actual("https://app.example:8443")).outcome, CorsOutcome::kRefused);
  EXPECT_EQ(decide_cors(policy, actual("http://app.example")).outcome, CorsOutcome::kRefused);
}

TEST(CorsPolicy, ASubdomainOrSuffixOfAnAllowedOriginIsNotAllowed) {
  const auto policy = policy_for({std::string(kApp)});
  EXPECT_EQ(decide_cors(policy, actual("https://evil.app.example")).outcome, CorsOutcome::kRefused);
  EXPECT_EQ(decide_cors(policy, actual("https://app.example.evil.com")).outcome,
            CorsOutcome::kRefused);
}

TEST(CorsPolicy, ExcludedPathsAreNeverFiltered) {
  for (const auto* path : {"/account/", "/admin/tenant", "/support", "/ajax/x"}) {
    EXPECT_EQ(
        decide_cors(policy_for({std::string(kApp)}), actual("https://evil.example", "POST", path))
            .outcome,
        CorsOutcome::kNotApplied)
        << path;
  }
  EXPECT_FALSE(cors_excluded_path("/oauth2/token"));
  EXPECT_FALSE(cors_excluded_path("/api/system-configuration"));
}

TEST(CorsPolicy, MaxAgeMinusOneSendsNoMaxAge) {
  auto policy = policy_for({std::string(kApp)});
  policy.preflight_max_age_seconds = -1;
  EXPECT_FALSE(header(decide_cors(policy, preflight(kApp)), "Access-Control-Max-Age"));
}

TEST(CorsPolicy, AnOptionsRequestWithoutRequestMethodIsAnActualRequest) {
  auto request = preflight(kApp);
  request.request_method.reset();
  EXPECT_EQ(decide_cors(policy_for({std::string(kApp)}), request).outcome, CorsOutcome::kActual);
}

TEST(NormalizeOrigin, AcceptsSerializedOriginsOnly) {
  EXPECT_EQ(normalize_origin("http://localhost:3000"), "http://localhost:3000");
  EXPECT_EQ(normalize_origin("http://[::1]:8080"), "http://[::1]:8080");
  EXPECT_EQ(normalize_origin("http://LOCALHOST:80/"), "http://localhost");
  EXPECT_FALSE(normalize_origin("localhost:3000"));
  EXPECT_FALSE(normalize_origin("http://"));
  EXPECT_FALSE(normalize_origin("http://user@host"));
  EXPECT_FALSE(normalize_origin("http://host:99999x"));
  EXPECT_FALSE(normalize_origin("http://host/a"));
  EXPECT_FALSE(normalize_origin("null"));
  EXPECT_FALSE(normalize_origin("*"));
}

}  // namespace
}  // namespace latchkey::services
