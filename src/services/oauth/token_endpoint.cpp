// POST /oauth2/token (RFC 6749 §3.2; seed Table 12): which grant, which client, then the grant.
#include "services/oauth/token_endpoint.hpp"

#include "services/common/oauth_rules.hpp"

namespace latchkey::services {
namespace {

using oauth::invalid_request;
using oauth::oauth_error;

bool is_known_grant(std::string_view grant) {
  return grant == "authorization_code" || grant == "password" || grant == "refresh_token";
}

}  // namespace

Result<json::object> TokenEndpoint::token(const OAuthTokenRequest& request) {
  if (!request.grant_type || request.grant_type->empty()) {
    return fail(invalid_request("The grant_type parameter is required.", "missing_grant_type"));
  }
  if (*request.grant_type == "client_credentials" && client_credentials_ != nullptr) {
    return client_credentials_->exchange(request);
  }
  if (!is_known_grant(*request.grant_type)) {
    return fail(oauth_error(HttpStatus::kBadRequest, "unsupported_grant_type",
                            "The grant_type is not supported.", "invalid_grant_type"));
  }
  const auto snapshot = config_.current();
  LATCHKEY_TRY(auto client,
               clients_.identify(*snapshot,
                                 {request.authorization, request.client_id, request.client_secret},
                                 ClientLookup::kActiveOnly));
  const domain::Application* application = client.application;

  // The code comes first: whether the client must authenticate can depend on its PKCE.
  std::optional<store::OAuthGrant> code;
  if (*request.grant_type == "authorization_code") {
    LATCHKEY_TRY(auto redeemable, code_grant_.redeemable(request.code));
    code = std::move(redeemable);
  }
  const bool pkce_used = code && json::get_string(code->data, "codeChallenge").has_value();

  // Client authentication (RFC 6749 §2.3, §3.2.1).
  LATCHKEY_CHECK(clients_.check_secret(client));
  LATCHKEY_CHECK(clients_.require_authentication(client, pkce_used));

  if (!oauth::grant_enabled(client.settings->oauth, *request.grant_type)) {
    return fail(oauth_error(HttpStatus::kBadRequest, "unauthorized_client",
                            "The grant_type is not enabled for this application.",
                            "grant_type_disabled"));
  }
  if (code) {
    return code_grant_.exchange(request, *snapshot, *application, client.authenticated, *code);
  }
  if (*request.grant_type == "password") {
    return password_grant_.exchange(request, *snapshot, *application);
  }
  return refresh_grant_.exchange(request, *snapshot, *application);
}

}  // namespace latchkey::services
