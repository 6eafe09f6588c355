#include "services/oauth/token_introspection.hpp"

#include "services/common/oauth_rules.hpp"

namespace latchkey::services {

using oauth::oauth_error;

Result<json::object> TokenIntrospection::introspect(const OAuthTokenCheck& request) const {
  // FusionAuth: a client_credentials token is introspected with the token alone.
  const bool no_client =
      !request.authorization && (!request.client_id || request.client_id->empty());
  if (no_client && client_credentials_ != nullptr && request.token && !request.token->empty()) {
    if (auto shown = client_credentials_->introspect(*request.token)) return std::move(*shown);
  }
  const auto snapshot = config_.current();
  LATCHKEY_TRY(const auto client, clients_.token_check_client(request, *snapshot));
  const domain::Application* application = client.application;
  auto claims = tokens_.validate(*request.token);
  if (!claims) return json::object{{"active", false}};
  // Seed Table 18: a token issued for another client is a 401.
  if (json::get_string(*claims, "aud").value_or("") != application->id.str()) {
    return fail(oauth_error(HttpStatus::kUnauthorized, "invalid_client",
                            "The token was not issued to this client.", "client_id_mismatch"));
  }
  json::object body{{"active", true}};
  for (auto& [name, value] : *claims) body[name] = value;
  return body;
}

}  // namespace latchkey::services
