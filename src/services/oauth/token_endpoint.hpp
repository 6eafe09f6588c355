#pragma once
// POST /oauth2/token (RFC 6749 §3.2; seed Table 12): the grant type, the client and its
// authentication, then the grant (authorization code, password or refresh token). The
// client_credentials grant's clients are entities, not applications: it goes to its own class.
//
//   LATCHKEY_TRY(const auto body, token_endpoint.token({.grant_type = "password", ...}));

#include "core/result.hpp"
#include "services/common/config_cache.hpp"
#include "services/oauth/client_authenticator.hpp"
#include "services/oauth/client_credentials_grant.hpp"
#include "services/oauth/code_grant.hpp"
#include "services/oauth/password_grant.hpp"
#include "services/oauth/refresh_grant.hpp"
#include "services/oauth/token_request.hpp"

namespace latchkey::services {

class TokenEndpoint {
 public:
  TokenEndpoint(const ConfigCache& config, const ClientAuthenticator& clients,
                CodeGrant& code_grant, PasswordGrant& password_grant, RefreshGrant& refresh_grant,
                const ClientCredentialsGrant* client_credentials = nullptr)
      : config_(config),
        clients_(clients),
        code_grant_(code_grant),
        password_grant_(password_grant),
        refresh_grant_(refresh_grant),
        client_credentials_(client_credentials) {}

  // The response body (seed Table 12) or an OAuth error.
  Result<json::object> token(const OAuthTokenRequest& request);

 private:
  const ConfigCache& config_;
  const ClientAuthenticator& clients_;
  CodeGrant& code_grant_;
  PasswordGrant& password_grant_;
  RefreshGrant& refresh_grant_;
  const ClientCredentialsGrant* client_credentials_;  // null: the grant is not offered
};

}  // namespace latchkey::services
