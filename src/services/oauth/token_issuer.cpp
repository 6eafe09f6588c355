#include "services/oauth/token_issuer.hpp"

#include "services/common/oauth_rules.hpp"

namespace latchkey::services {

using oauth::invalid_grant;

Result<json::object> TokenIssuer::issue(const TokenGrant& in) {
  const auto& application = *in.application;
  const auto settings = config_.current()->settings(application);
  const auto registration = registrations_.find_registration(in.user->id, application.id);
  if (!registration && settings->oauth.require_registration) {
    return fail(
        invalid_grant("The user is not registered for this application.", "registration_required"));
  }
  std::optional<IssuedRefreshToken> refresh;
  if (oauth::has_scope(in.scopes, "offline_access") && settings->oauth.generate_refresh_tokens &&
      oauth::grant_enabled(settings->oauth, "refresh_token")) {
    json::array scopes;
    for (const auto& scope : in.scopes) scopes.emplace_back(scope);
    json::object device;
    if (in.device && !in.device->empty()) device["description"] = *in.device;
    refresh = refresh_tokens_.issue({in.tenant, &application, in.user, std::move(device),
                                     std::move(scopes), in.ip_address, std::nullopt, in.auth_time,
                                     in.session_id});
  }
  const std::string scope = oauth::join_scopes(in.scopes);
  LATCHKEY_TRY(
      auto access,
      tokens_.issue_access_token(
          {in.tenant, &application, in.user, registration ? &*registration : nullptr,
           in.authentication_type, refresh ? std::optional(refresh->record.id.str()) : std::nullopt,
           in.auth_time, scope.empty() ? std::nullopt : std::optional(scope), std::nullopt}));
  json::object body;
  body["access_token"] = access.token;
  body["expires_in"] =
      std::max<std::int64_t>(0, to_epoch_seconds(access.expires) - to_epoch_seconds(clock_.now()));
  if (oauth::has_scope(in.scopes, "openid")) {
    LATCHKEY_TRY(auto id, id_tokens_.sign(in, access.token, access.expires));
    body["id_token"] = id;
  }
  if (refresh) {
    body["refresh_token"] = refresh->value;
    body["refresh_token_id"] = refresh->record.id.str();
  }
  if (!scope.empty()) body["scope"] = scope;
  body["token_type"] = "Bearer";
  body["userId"] = in.user->id.str();
  return body;
}

}  // namespace latchkey::services
