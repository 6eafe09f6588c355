#pragma once
// The OAuth 2.0 / OpenID Connect provider's rules (seeds/oauth-endpoints.txt,
// spec/jwt-claims.md): the token endpoint's grants, client authentication, authorization codes,
// hosted-login SSO sessions, id tokens, introspection, userinfo, revocation and discovery.
// Handlers in oidc/ and web/ parse HTTP into these requests and render what comes back.
//
//   LATCHKEY_TRY(const auto body, oauth.token({.grant_type = "password", ...}));
//   LATCHKEY_TRY(const auto params, oauth.check_client(authorize_request));   // never redirect
//   LATCHKEY_CHECK(oauth.check_request(params));                              // redirectable
//
// Files: oauth_service.cpp (token endpoint), oauth_authorize.cpp (codes, sessions, logout),
// oauth_claims.cpp (id token, userinfo, introspect, discovery), oauth_revoke.cpp (revocation),
// oauth_rules.hpp (pure rules).

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/token_vault.hpp"
#include "services/jwt/revoked_access_tokens.hpp"
#include "services/jwt/token_service.hpp"
#include "services/refresh/refresh_token_service.hpp"
#include "services/users/login_service.hpp"
#include "store/store.hpp"

namespace latchkey::services {

// POST /oauth2/token, parsed from the form and the Authorization header.
struct OAuthTokenRequest {
  std::optional<std::string> authorization;  // the raw Authorization header, if any
  std::optional<std::string> grant_type;
  std::optional<std::string> client_id;
  std::optional<std::string> client_secret;
  std::optional<std::string> code;
  std::optional<std::string> redirect_uri;
  std::optional<std::string> code_verifier;
  std::optional<std::string> login_id;  // the seed's loginId, or RFC 6749's username
  std::optional<std::string> password;
  std::optional<std::string> scope;
  std::optional<std::string> refresh_token;
  std::optional<std::string> device;
  std::optional<std::string> ip_address;
};

// POST /oauth2/introspect and POST /oauth2/revoke.
struct OAuthTokenCheck {
  std::optional<std::string> authorization;
  std::optional<std::string> client_id;
  std::optional<std::string> client_secret;
  std::optional<std::string> token;
  std::optional<std::string> token_type_hint;
  std::optional<std::string> ip_address;
};

// GET/POST /oauth2/authorize parameters.
struct AuthorizeRequest {
  std::optional<std::string> client_id;
  std::optional<std::string> redirect_uri;
  std::optional<std::string> response_type;
  std::optional<std::string> scope;
  std::optional<std::string> state;
  std::optional<std::string> nonce;
  std::optional<std::string> code_challenge;
  std::optional<std::string> code_challenge_method;
  std::optional<std::string> prompt;
  // OpenID Connect Core §3.1.2.1: the longest time in seconds since the user last signed in
  // that this request accepts; an older SSO session signs in again.
  std::optional<std::string> max_age;
  // Seed §2.3: the device that offline_access's refresh token is for.
  std::optional<std::string> device;
};

// An authorize request whose client and redirect URI are known good: errors from here on may
// be sent to redirect_uri.
struct AuthorizeParams {
  AuthorizeRequest request;
  Uuid application_id;
  Uuid tenant_id;
  std::string redirect_uri;
  std::vector<std::string> scopes;
  // RFC 9207: the `iss` every authorization response for this request carries, the issuer
  // discovery names for the application's tenant.
  std::string issuer;
};

// The hosted login's SSO session (cookie value never stored, only its keyed hash).
struct SsoSession {
  std::string id_hash;
  Uuid session_id;
  Uuid user_id;
  Uuid tenant_id;
  Instant auth_time;
};

// What the hosted login form's POST led to.
struct HostedLoginResult {
  enum class Kind { kSuccess, kFailed, kTwoFactorRequired, kChangePasswordRequired };
  Kind kind = Kind::kFailed;
  std::string message;               // for the form, on failure
  std::optional<domain::User> user;  // on success
  std::string two_factor_id;         // kTwoFactorRequired: completes with hosted_two_factor
  std::string change_password_id;    // kChangePasswordRequired: the /password/change page's id
  // The login throttle refused the attempt: the form answers 429 with this Retry-After.
  std::optional<std::chrono::seconds> retry_after;
};

class OAuthService {
 public:
  OAuthService(store::Store& store, const ConfigCache& config, const Clock& clock,
               const TokenService& tokens, RefreshTokenService& refresh_tokens, LoginService& login,
               const TokenVault& vault, RevokedAccessTokens& revoked_access_tokens)
      : store_(store),
        config_(config),
        clock_(clock),
        tokens_(tokens),
        refresh_tokens_(refresh_tokens),
        login_(login),
        vault_(vault),
        revoked_access_tokens_(revoked_access_tokens) {}

  // POST /oauth2/token: the response body (seed Table 12) or an OAuth error.
  Result<json::object> token(const OAuthTokenRequest& request);
  // POST /oauth2/introspect (RFC 7662).
  Result<json::object> introspect(const OAuthTokenCheck& request);
  // GET/POST /oauth2/userinfo with the bearer token.
  Result<json::object> userinfo(const std::optional<std::string>& bearer);
  // POST /oauth2/revoke (RFC 7009): a refresh token is deleted; an access token (a JWT we
  // signed) has its jti remembered until its exp, so validation refuses it from then on.
  Status revoke(const OAuthTokenCheck& request);
  // GET /.well-known/openid-configuration: `tenant_id` absent means the default tenant.
  Result<json::object> discovery(const std::optional<std::string>& tenant_id,
                                 const std::string& base_url) const;

  // Authorization endpoint: the client and redirect URI; failures must not redirect.
  Result<AuthorizeParams> check_client(const AuthorizeRequest& request) const;
  // The rest of the request; failures are sent to the (valid) redirect URI.
  Status check_request(const AuthorizeParams& params) const;
  // Whether this user may be handed a code for the application now (active, unlocked,
  // unexpired, registered when required).
  bool user_may_authorize(const domain::User& user, const AuthorizeParams& params) const;
  // user_may_authorize for the session's user.
  bool session_user_may_authorize(const SsoSession& session, const AuthorizeParams& params) const;
  // OpenID Connect Core §3.1.2.1: whether the session's sign-in is recent enough for the
  // request's max_age (always, without one; never, for max_age=0).
  bool session_within_max_age(const SsoSession& session, const AuthorizeParams& params) const;
  // Mints a single-use code for the session and answers the redirect location.
  Result<std::string> issue_code(const AuthorizeParams& params, const SsoSession& session);
  // The form's credentials, through the Login API's rules (lockout, status, two-factor).
  HostedLoginResult hosted_login(const AuthorizeParams& params, const std::string& login_id,
                                 const std::string& password,
                                 const std::optional<std::string>& ip_address);

  // The second step of a hosted login that needed a TOTP code.
  HostedLoginResult hosted_two_factor(const AuthorizeParams& params,
                                      const std::string& two_factor_id, const std::string& code,
                                      const std::optional<std::string>& ip_address);

  std::optional<SsoSession> find_session(std::string_view cookie_value) const;
  // Starts a session for `user`; answers the cookie value and the session.
  std::pair<std::string, SsoSession> start_session(const domain::User& user);
  void end_session(std::string_view cookie_value);
  // GET /oauth2/logout: ends the session and revokes the refresh tokens issued through it, each
  // raising jwt.refresh-token.revoke as every other revocation does (FusionAuth issue 465).
  void logout_session(std::string_view cookie_value, const std::optional<std::string>& ip_address);
  // How long the SSO cookie lives (tenant httpSessionMaxInactiveInterval, default 1 hour).
  std::chrono::seconds session_lifetime(const Uuid& tenant_id) const;

  // GET /oauth2/logout: validates post_logout_redirect_uri and answers where to send the
  // browser (seed §3.2 precedence).
  Result<std::string> logout_location(const std::optional<std::string>& client_id,
                                      const std::optional<std::string>& post_logout_redirect_uri,
                                      const std::optional<std::string>& id_token_hint,
                                      const std::optional<std::string>& state) const;

 private:
  struct Client {
    const domain::Application* application;
    bool authenticated;
  };
  struct Issue {
    const domain::Tenant* tenant;
    const domain::Application* application;
    const domain::User* user;
    std::vector<std::string> scopes;
    std::string authentication_type;
    Instant auth_time;
    std::optional<std::string> nonce;
    std::optional<std::string> session_id;
    std::optional<std::string> code;
    std::optional<std::string> device;
    std::optional<std::string> ip_address;
  };

  Result<json::object> code_grant(const OAuthTokenRequest& request, const ConfigSnapshot& snapshot,
                                  const domain::Application& application, bool authenticated,
                                  const store::OAuthGrant& code);
  Result<json::object> password_grant(const OAuthTokenRequest& request,
                                      const ConfigSnapshot& snapshot,
                                      const domain::Application& application);
  Result<json::object> refresh_grant(const OAuthTokenRequest& request,
                                     const ConfigSnapshot& snapshot,
                                     const domain::Application& application);
  // Introspection and revocation: the client named by Basic or the form, with its secret checked
  // when one was sent, and the token parameter present. `authenticated` says a secret matched.
  Result<Client> token_check_client(const OAuthTokenCheck& request,
                                    const ConfigSnapshot& snapshot) const;
  Result<json::object> issue(const Issue& in);
  Result<std::string> id_token(const Issue& in, const std::string& access_token,
                               Instant expires) const;
  Status replayed_code(const store::OAuthGrant& code);
  Status revoke_refresh_token(const domain::RefreshToken& record,
                              const domain::Application& application,
                              const std::optional<std::string>& ip_address);
  Status revoke_access_token(const json::object& claims, const domain::Application& application);

  store::Store& store_;
  const ConfigCache& config_;
  const Clock& clock_;
  const TokenService& tokens_;
  RefreshTokenService& refresh_tokens_;
  LoginService& login_;
  const TokenVault& vault_;
  RevokedAccessTokens& revoked_access_tokens_;
};

// The claims the user's profile gives for `scopes` (jwt-claims.md "User claims"), shared by the
// id token and userinfo. `compatibility` adds email, email_verified and preferred_username
// whatever the scopes.
json::object user_claims(const domain::User& user, const std::vector<std::string>& scopes,
                         bool compatibility);
// scopeHandlingPolicy Compatibility (FusionAuth before 1.50): the profile claims of the
// userinfo response table (seed Table 22) whatever the scopes — email, email_verified,
// given_name, middle_name, family_name, name, birthdate, phone_number, picture and
// preferred_username, each when the user has it.
json::object compatibility_userinfo_claims(const domain::User& user);
// The tenant's `iss` (tokens, discovery and RFC 9207 authorization responses alike).
std::string issuer_of(const domain::Tenant& tenant);

}  // namespace latchkey::services
