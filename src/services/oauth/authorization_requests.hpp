#pragma once
// The authorization endpoint's request (RFC 6749 §4.1.1): the client and redirect URI first,
// whose failures must never redirect, then the rest, whose failures go back to the redirect URI;
// and whether a user may be handed a code for the application.
//
//   LATCHKEY_TRY(const auto params, requests.check_client(authorize_request));   // never redirect
//   LATCHKEY_CHECK(requests.check_request(params));                              // redirectable

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/config_cache.hpp"
#include "services/oauth/sso_sessions.hpp"
#include "store/store.hpp"

namespace latchkey::services {

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

class AuthorizationRequests {
 public:
  AuthorizationRequests(const ConfigCache& config, const Clock& clock, store::UserStore& users,
                        store::RegistrationStore& registrations)
      : config_(config), clock_(clock), users_(users), registrations_(registrations) {}

  // The client and redirect URI; failures must not redirect.
  Result<AuthorizeParams> check_client(const AuthorizeRequest& request) const;
  // The rest of the request; failures are sent to the (valid) redirect URI.
  Status check_request(const AuthorizeParams& params) const;
  // Whether this user may be handed a code for the application now (active, unlocked,
  // unexpired, registered when required).
  bool user_may_authorize(const domain::User& user, const AuthorizeParams& params) const;
  // user_may_authorize for the session's user.
  bool session_user_may_authorize(const SsoSession& session, const AuthorizeParams& params) const;

 private:
  const ConfigCache& config_;
  const Clock& clock_;
  store::UserStore& users_;
  store::RegistrationStore& registrations_;
};

}  // namespace latchkey::services
