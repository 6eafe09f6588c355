#include "services/oauth/client_authenticator.hpp"

#include "services/common/oauth_rules.hpp"

namespace latchkey::services {

using oauth::invalid_client;
using oauth::invalid_request;

Result<OAuthClient> ClientAuthenticator::identify(const ConfigSnapshot& snapshot,
                                                  const ClientCredentialsInput& input,
                                                  ClientLookup lookup) const {
  LATCHKEY_TRY(
      const auto credentials,
      oauth::client_credentials(input.authorization, input.client_id, input.client_secret));
  if (!credentials.client_id) {
    return fail(invalid_request("The client_id parameter is required.", "missing_client_id"));
  }
  const auto id = Uuid::parse(*credentials.client_id);
  const auto* application = id ? snapshot.find_application(*id) : nullptr;
  if (application != nullptr && lookup == ClientLookup::kActiveOnly && !application->active) {
    application = nullptr;
  }
  if (application == nullptr) {
    return fail(invalid_client("The client_id does not name an application.", "invalid_client_id"));
  }
  return OAuthClient{application, snapshot.settings(*application), credentials.client_secret,
                     false};
}

Status ClientAuthenticator::check_secret(OAuthClient& client) const {
  if (!client.secret) return {};
  if (!oauth::client_secret_matches(client.settings->oauth, *client.secret)) {
    return fail(invalid_client("Client authentication failed.", "invalid_client_authentication"));
  }
  client.authenticated = true;
  return {};
}

Status ClientAuthenticator::require_authentication(const OAuthClient& client,
                                                   bool pkce_used) const {
  if (client.authenticated) return {};
  const auto policy = client.settings->oauth.client_authentication;
  const bool required =
      policy == oauth::ClientAuthentication::kRequired ||
      (policy == oauth::ClientAuthentication::kNotRequiredWhenUsingPkce && !pkce_used);
  if (required) {
    return fail(invalid_client("This client must authenticate.", "client_authentication_missing"));
  }
  return {};
}

Result<OAuthClient> ClientAuthenticator::token_check_client(const OAuthTokenCheck& request,
                                                            const ConfigSnapshot& snapshot) const {
  LATCHKEY_TRY(auto client,
               identify(snapshot, {request.authorization, request.client_id, request.client_secret},
                        ClientLookup::kAny));
  LATCHKEY_CHECK(check_secret(client));
  if (!request.token || request.token->empty()) {
    return fail(invalid_request("The token parameter is required.", "missing_token"));
  }
  return client;
}

}  // namespace latchkey::services
