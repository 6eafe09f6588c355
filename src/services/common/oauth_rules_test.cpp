#include "services/common/oauth_rules.hpp"

#include <gtest/gtest.h>

#include "core/base64.hpp"

namespace latchkey::services::oauth {
namespace {

// The oauthConfiguration of an application document, as the config snapshot parses it.
domain::OAuthConfiguration app(std::string_view oauth_json) {
  return domain::parse_application_settings(
             json::object{{"oauthConfiguration", *json::parse_object(oauth_json)}})
      .oauth;
}

TEST(OAuthRules, RedirectUriMatchesExactlyOnly) {
  const auto a = app(R"({"authorizedRedirectURLs":["https://app.example/cb"]})");
  EXPECT_TRUE(redirect_uri_registered(a, "https://app.example/cb"));
  EXPECT_FALSE(redirect_uri_registered(a, "https://app.example/cb/"));
  EXPECT_FALSE(redirect_uri_registered(a, "https://app.example/cb?x=1"));
  EXPECT_FALSE(redirect_uri_registered(a, "https://APP.example/cb"));
  EXPECT_FALSE(redirect_uri_registered(a, "https://app.example/c"));
  EXPECT_FALSE(redirect_uri_registered(a, ""));
}

TEST(OAuthRules, ClientSecretMustMatchExactlyAndABlankSecretMatchesNothing) {
  const auto a = app(R"({"clientSecret":"s3cret-value"})");
  EXPECT_TRUE(client_secret_matches(a, "s3cret-value"));
  EXPECT_FALSE(client_secret_matches(a, "s3cret-valu"));
  EXPECT_FALSE(client_secret_matches(a, "s3cret-value "));
  EXPECT_FALSE(client_secret_matches(a, ""));
  EXPECT_FALSE(client_secret_matches(app(R"({"clientSecret":""})"), ""));
  EXPECT_FALSE(client_secret_matches(app("{}"), ""));
}

TEST(OAuthRules, MaxAgeIsANonNegativeDecimalNumberOfSeconds) {
  EXPECT_EQ(parse_max_age("0"), std::chrono::seconds(0));
  EXPECT_EQ(parse_max_age("3600"), std::chrono::seconds(3600));
  EXPECT_EQ(parse_max_age("9999999999"), std::chrono::seconds(9'999'999'999));
  for (const auto* bad : {"", "-1", "+1", "1.5", "1e3", " 1", "abc", "99999999999"}) {
    EXPECT_FALSE(parse_max_age(bad)) << bad;
  }
}

TEST(OAuthRules, PkceS256MatchesRfc7636AppendixB) {
  const std::string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  const std::string challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  EXPECT_TRUE(verify_pkce(challenge, "S256", verifier));
  EXPECT_FALSE(verify_pkce(challenge, "S256", verifier + "x"));
  EXPECT_FALSE(verify_pkce(challenge, "plain", verifier));
  EXPECT_FALSE(verify_pkce(challenge, "s256", verifier));
}

TEST(OAuthRules, PkceVerifierOfWrongShapeIsRefused) {
  EXPECT_FALSE(verify_pkce("short", "plain", "short"));
  EXPECT_FALSE(verify_pkce(std::string(43, '+'), "plain", std::string(43, '+')));
}

TEST(OAuthRules, PlainChallengeOnlyWherePkceIsOptional) {
  const std::string challenge(43, 'a');
  EXPECT_TRUE(check_code_challenge(app(R"({"proofKeyForCodeExchangePolicy":"NotRequired"})"),
                                   challenge, "plain"));
  const auto refused = check_code_challenge(app(R"({"proofKeyForCodeExchangePolicy":"Required"})"),
                                            challenge, "plain");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().oauth_error()->reason, "invalid_pkce_code_challenge_method");
  const auto missing = check_code_challenge(app(R"({"proofKeyForCodeExchangePolicy":"Required"})"),
                                            std::nullopt, std::nullopt);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().oauth_error()->reason, "missing_code_challenge");
}

TEST(OAuthRules, UnknownScopeFollowsPolicy) {
  EXPECT_FALSE(parse_scopes("openid bogus", app(R"({"unknownScopePolicy":"Reject"})")));
  EXPECT_EQ(*parse_scopes("openid bogus openid", app(R"({"unknownScopePolicy":"Remove"})")),
            std::vector<std::string>{"openid"});
  EXPECT_EQ(join_scopes(*parse_scopes("  openid  offline_access ", app("{}"))),
            "openid offline_access");
}

TEST(OAuthRules, AnApplicationsCustomScopesAreKnownScopes) {
  auto oauth = app(R"({"unknownScopePolicy":"Reject"})");
  oauth.custom_scopes = {"balance:read"};
  EXPECT_EQ(join_scopes(*parse_scopes("openid balance:read", oauth)), "openid balance:read");
  EXPECT_FALSE(parse_scopes("openid balance:write", oauth));
  oauth.unknown_scope = domain::UnknownScopePolicy::kRemove;
  EXPECT_EQ(join_scopes(*parse_scopes("balance:read balance:write", oauth)), "balance:read");
}

TEST(OAuthRules, ClientAuthenticationPolicyPrefersTheNewField) {
  EXPECT_EQ(app(R"({"requireClientAuthentication":false})").client_authentication,
            ClientAuthentication::kNotRequired);
  EXPECT_EQ(app(R"({"requireClientAuthentication":false,"clientAuthenticationPolicy":"Required"})")
                .client_authentication,
            ClientAuthentication::kRequired);
  EXPECT_EQ(
      app(R"({"clientAuthenticationPolicy":"NotRequiredWhenUsingPKCE"})").client_authentication,
      ClientAuthentication::kNotRequiredWhenUsingPkce);
}

TEST(OAuthRules, BasicCredentialsAndFormMustAgree) {
  const auto basic = "Basic " + base64::encode("client:s3cret");
  const auto ok = client_credentials(basic, std::string("client"), std::nullopt);
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok->client_secret, "s3cret");
  const auto mismatch = client_credentials(basic, std::string("other"), std::nullopt);
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error().http_status(), HttpStatus::kUnauthorized);
  EXPECT_FALSE(client_credentials(std::string("Basic !!!"), std::nullopt, std::nullopt));
  EXPECT_FALSE(client_credentials(basic, std::nullopt, std::string("again")));
}

TEST(OAuthRules, BasicCredentialsAreFormUrlDecoded) {
  // RFC 6749 §2.3.1, as openid-client sends them: "-" as %2D, a space as "+", ":" as %3A.
  const auto basic = "Basic " + base64::encode("4b60%2Daa5c:a+b%3Ac%25");
  const auto decoded = client_credentials(basic, std::nullopt, std::nullopt);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded->client_id, "4b60-aa5c");
  EXPECT_EQ(*decoded->client_secret, "a b:c%");
  for (const char* broken : {"id:%", "id:%4", "id:%zz", "%00:secret"}) {
    EXPECT_FALSE(client_credentials("Basic " + base64::encode(broken), std::nullopt, std::nullopt))
        << broken;
  }
}

TEST(OAuthRules, AppendQueryEncodesValues) {
  EXPECT_EQ(append_query("https://a/cb", {{"code", "x y"}, {"state", "<&>"}}),
            "https://a/cb?code=x%20y&state=%3C%26%3E");
  EXPECT_EQ(append_query("https://a/cb?k=v", {{"code", "1"}}), "https://a/cb?k=v&code=1");
}

TEST(OAuthRules, ChangePasswordReasonFollowsTheLoginApiReason) {
  EXPECT_EQ(change_password_reason("Administrative"), "change_password_administrative");
  EXPECT_EQ(change_password_reason("Breached"), "change_password_breached");
  EXPECT_EQ(change_password_reason("Expired"), "change_password_expired");
  EXPECT_EQ(change_password_reason("Validation"), "change_password_validation");
  EXPECT_EQ(change_password_reason("expired"), "change_password_administrative");
  EXPECT_EQ(change_password_reason(""), "change_password_administrative");
}

// Known answers computed independently with OpenSSL's command line, e.g. for SHA-384:
//   printf %s "$value" | openssl dgst -sha384 -binary | head -c 24 | base64 | tr '+/' '-_' | tr -d
//   =
// (head -c 16 for SHA-256, 32 for SHA-512). The SHA-256 answers are also the published ones of
// OpenID Connect Core §A.3 (at_hash) and §A.4 (c_hash).
constexpr std::string_view kAccessToken = "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y";
constexpr std::string_view kCode = "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk";

TEST(OAuthRules, AtHashUsesSha256ForEvery256Algorithm) {
  for (const auto alg : {jose::Algorithm::kHS256, jose::Algorithm::kRS256, jose::Algorithm::kPS256,
                         jose::Algorithm::kES256}) {
    EXPECT_EQ(left_half_hash(alg, kAccessToken), "77QmUPtjPfzWtF2AnpK9RQ");
    EXPECT_EQ(left_half_hash(alg, kCode), "LDktKdoQak3Pk0cnXxCltA");
  }
}

TEST(OAuthRules, AtHashUsesSha384ForEvery384Algorithm) {
  for (const auto alg : {jose::Algorithm::kHS384, jose::Algorithm::kRS384, jose::Algorithm::kPS384,
                         jose::Algorithm::kES384}) {
    EXPECT_EQ(left_half_hash(alg, kAccessToken), "jtAeDp945y1dDqU3nkIVGNZP1HjH_MFs");
    EXPECT_EQ(left_half_hash(alg, kCode), "Mq-knyaEMtWGfnBi2POEZb1kiLx10_DF");
  }
}

TEST(OAuthRules, AtHashUsesSha512ForEvery512AlgorithmAndEdDsa) {
  for (const auto alg : {jose::Algorithm::kHS512, jose::Algorithm::kRS512, jose::Algorithm::kPS512,
                         jose::Algorithm::kES512, jose::Algorithm::kEdDSA}) {
    EXPECT_EQ(left_half_hash(alg, kAccessToken), "q7nS86GgvvFaZkzALLWqJYaJIKw2wCDAVfCAsm5CrBM");
    EXPECT_EQ(left_half_hash(alg, kCode), "E9z1C-c0Az4eTEzE0Nm3OQ3BS2BhMgxuP7x5JAQj1_4");
  }
}

}  // namespace
}  // namespace latchkey::services::oauth
