#pragma once
// The OAuth classes wired as App wires them, over a ServiceFixture, with an RP application
// (authorization_code, password, refresh_token; client authentication required) and one
// registered user, ann@x.io. Shared by the services/oauth/ unit tests.

#include <gtest/gtest.h>

#include "service_fixture.hpp"
#include "services/oauth/oauth_endpoints.hpp"
#include "services/oauth/oidc_claims.hpp"

namespace latchkey::services {

inline constexpr std::string_view kRedirect = "https://rp.example/cb";
inline constexpr std::string_view kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

class OAuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto made = f.applications.create(
        f.admin(), std::nullopt,
        testing::parse(R"({"name":"RP","loginConfiguration":{"allowTokenRefresh":true},
          "oauthConfiguration":{"authorizedRedirectURLs":["https://rp.example/cb"],
          "enabledGrants":["authorization_code","password","refresh_token"],
          "generateRefreshTokens":true,"clientAuthenticationPolicy":"Required"}})"));
    ASSERT_TRUE(made);
    app = *made;
    secret = *json::get_string(app.data, "oauthConfiguration.clientSecret");
    auto registered = f.registrations.create(
        f.admin(), {std::nullopt, json::object{{"applicationId", app.id.str()}},
                    json::object{{"email", "ann@x.io"}, {"password", "password1"}}, false});
    ASSERT_TRUE(registered);
    user = registered->user.user;
  }

  std::string code_for(const std::optional<std::string>& challenge = std::nullopt) {
    AuthorizeRequest request;
    request.client_id = app.id.str();
    request.redirect_uri = std::string(kRedirect);
    request.response_type = "code";
    request.scope = "openid offline_access";
    request.state = "s";
    if (challenge) {
      request.code_challenge = challenge;
      request.code_challenge_method = "S256";
    }
    auto params = requests.check_client(request);
    EXPECT_TRUE(params);
    EXPECT_TRUE(requests.check_request(*params));
    const auto found = store().find_user(user.id);
    auto [cookie, session] = sessions.start(*found);
    auto location = codes.issue(*params, session);
    EXPECT_TRUE(location);
    const auto at = location->find("code=") + 5;
    return location->substr(at, location->find('&', at) - at);
  }

  Result<json::object> exchange(const std::string& code,
                                const std::optional<std::string>& verifier = std::nullopt) {
    OAuthTokenRequest request;
    request.grant_type = "authorization_code";
    request.client_id = app.id.str();
    request.client_secret = secret;
    request.code = code;
    request.redirect_uri = std::string(kRedirect);
    request.code_verifier = verifier;
    return token_endpoint.token(request);
  }

  // A second user, registered for the application, with extra user JSON members.
  void add_user(const std::string& email, const std::string& extra) {
    auto made = f.registrations.create(
        f.admin(),
        {std::nullopt, json::object{{"applicationId", app.id.str()}},
         testing::parse(R"({"email":")" + email + R"(","password":"password1")" + extra + "}"),
         false});
    ASSERT_TRUE(made);
  }

  Result<json::object> password_grant(const std::string& login_id) {
    OAuthTokenRequest request;
    request.grant_type = "password";
    request.client_id = app.id.str();
    request.client_secret = secret;
    request.login_id = login_id;
    request.password = "password1";
    return token_endpoint.token(request);
  }

  AuthorizeParams checked(std::optional<std::string> max_age) {
    AuthorizeRequest request;
    request.client_id = app.id.str();
    request.redirect_uri = std::string(kRedirect);
    request.response_type = "code";
    request.scope = "openid offline_access";
    request.state = "s";
    request.max_age = std::move(max_age);
    auto params = requests.check_client(request);
    EXPECT_TRUE(params);
    return *params;
  }

  Status revoke(const domain::Application& client, const std::string& client_secret,
                const std::string& token, std::optional<std::string> hint = std::nullopt) {
    OAuthTokenCheck check;
    check.client_id = client.id.str();
    check.client_secret = client_secret;
    check.token = token;
    check.token_type_hint = std::move(hint);
    return revocation.revoke(check);
  }

  store::Store& store() { return *f.store; }

  testing::ServiceFixture f;
  // Wired as App wires them.
  ClientAuthenticator clients;
  AuthorizationRequests requests{f.config, f.clock, *f.store, *f.store};
  SsoSessions sessions{*f.store, f.config, f.clock, f.vault, f.refresh_tokens};
  AuthorizationCodes codes{*f.store, f.config, f.clock, f.vault};
  IdTokens id_tokens{f.config, f.clock};
  TokenIssuer issuer{*f.store, f.config, f.clock, f.tokens, f.refresh_tokens, id_tokens};
  CodeGrant code_grant{f.clock, *f.store, *f.store, *f.store, codes, issuer, f.refresh_tokens};
  PasswordGrant password{f.clock, *f.store, f.login, issuer};
  RefreshGrant refresh_grant{f.clock, *f.store, f.refresh_tokens, id_tokens};
  TokenEndpoint token_endpoint{f.config, clients, code_grant, password, refresh_grant};
  TokenRevocation revocation{f.config, clients, f.tokens, f.refresh_tokens,
                             f.revoked_access_tokens};
  domain::Application app{*Uuid::parse("00000000-0000-0000-0000-000000000001"),
                          *Uuid::parse("00000000-0000-0000-0000-000000000001"),
                          "",
                          true,
                          {}};
  domain::User user{*Uuid::parse("00000000-0000-0000-0000-000000000001"),
                    *Uuid::parse("00000000-0000-0000-0000-000000000001"),
                    {},
                    {},
                    true,
                    {},
                    {},
                    {}};
  std::string secret;
};

inline std::string reason(const Result<json::object>& result) {
  return result ? "" : result.error().oauth_error()->reason;
}

}  // namespace latchkey::services
