#pragma once
// OAuth client authentication (RFC 6749 §2.3, §3.2.1): which application a request names, by
// `Authorization: Basic` or the form, whether its secret matched, and whether the application's
// clientAuthenticationPolicy lets it go on without one.
//
//   LATCHKEY_TRY(auto client, clients.identify(snapshot, credentials, ClientLookup::kActiveOnly));
//   LATCHKEY_CHECK(clients.check_secret(client));
//   if (!client.authenticated) LATCHKEY_CHECK(clients.require_authentication(client, pkce_used));

#include <optional>
#include <string>

#include "core/result.hpp"
#include "domain/records.hpp"
#include "services/common/config_cache.hpp"

namespace latchkey::services {

// POST /oauth2/introspect and POST /oauth2/revoke.
struct OAuthTokenCheck {
  std::optional<std::string> authorization;
  std::optional<std::string> client_id;
  std::optional<std::string> client_secret;
  std::optional<std::string> token;
  std::optional<std::string> token_type_hint;
  std::optional<std::string> ip_address;
};

// What a request says about its client.
struct ClientCredentialsInput {
  std::optional<std::string> authorization;  // the raw Authorization header, if any
  std::optional<std::string> client_id;      // the form's
  std::optional<std::string> client_secret;  // the form's
};

// The client a request named. `application` points into the snapshot it was found in.
struct OAuthClient {
  const domain::Application* application = nullptr;
  std::shared_ptr<const domain::ApplicationSettings> settings;  // the application's, parsed
  std::optional<std::string> secret;                            // the presented secret, if any
  bool authenticated = false;  // the presented secret matched (check_secret)
};

// The token endpoint serves only active applications; introspection and revocation any.
enum class ClientLookup { kActiveOnly, kAny };

class ClientAuthenticator {
 public:
  ClientAuthenticator() = default;

  // The client named by Basic or the form: client_id required (invalid_request), and it must
  // name an application (invalid_client).
  Result<OAuthClient> identify(const ConfigSnapshot& snapshot, const ClientCredentialsInput& input,
                               ClientLookup lookup) const;
  // A presented secret must match (invalid_client, 401); sets `authenticated` when it does.
  Status check_secret(OAuthClient& client) const;
  // For a client that sent no secret: its clientAuthenticationPolicy decides, where
  // NotRequiredWhenUsingPkce lets it off only when `pkce_used`.
  Status require_authentication(const OAuthClient& client, bool pkce_used) const;
  // Introspection and revocation: the client identified, its secret checked when one was sent,
  // and the token parameter present.
  Result<OAuthClient> token_check_client(const OAuthTokenCheck& request,
                                         const ConfigSnapshot& snapshot) const;
};

}  // namespace latchkey::services
