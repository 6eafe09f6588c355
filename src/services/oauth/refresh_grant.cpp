// grant_type=refresh_token (RFC 6749 §6; seed §2.7).
#include "services/oauth/refresh_grant.hpp"

#include <algorithm>

#include "services/common/oauth_rules.hpp"

namespace latchkey::services {
namespace {

using oauth::invalid_grant;
using oauth::invalid_request;
using oauth::oauth_error;

std::vector<std::string> scopes_of(const json::object& data, std::string_view path) {
  std::vector<std::string> scopes;
  if (const auto* array = json::get_array(data, path)) {
    for (const auto& scope : *array) {
      if (scope.is_string()) scopes.emplace_back(scope.as_string());
    }
  }
  return scopes;
}

}  // namespace

Result<json::object> RefreshGrant::exchange(const OAuthTokenRequest& request,
                                            const ConfigSnapshot& snapshot,
                                            const domain::Application& application) {
  if (!request.refresh_token || request.refresh_token->empty()) {
    return fail(
        invalid_request("The refresh_token parameter is required.", "missing_refresh_token"));
  }
  const auto not_found = [](std::string detail) {
    return fail(invalid_grant("The refresh token is invalid or expired.", "refresh_token_not_found")
                    .with_log_detail(std::move(detail)));
  };
  // Security: a token of another client is refused before the exchange can rotate it.
  if (const auto record = refresh_tokens_.find_by_value(*request.refresh_token);
      record && record->application_id != application.id) {
    return not_found("refresh token presented by another client");
  }
  auto exchanged = refresh_tokens_.exchange(
      Caller{},
      {*request.refresh_token, std::nullopt, std::nullopt, {request.ip_address, {}}, true});
  if (!exchanged) return not_found(exchanged.error().log_detail());
  if (exchanged->record.application_id != application.id) {
    return not_found("refresh token presented by another client");
  }
  const auto scopes = scopes_of(exchanged->record.data, "metaData.scopes");
  LATCHKEY_TRY(const auto requested,
               oauth::parse_scopes(request.scope, snapshot.settings(application)->oauth));
  for (const auto& scope : requested) {
    // RFC 6749 §6: no scope beyond what the refresh token was granted.
    if (!oauth::has_scope(scopes, scope)) {
      return fail(oauth_error(HttpStatus::kBadRequest, "invalid_scope",
                              "The scope exceeds the refresh token's.", "unknown_scope"));
    }
  }
  const auto& access = exchanged->access_token;
  json::object body;
  body["access_token"] = access.token;
  body["expires_in"] =
      std::max<std::int64_t>(0, to_epoch_seconds(access.expires) - to_epoch_seconds(clock_.now()));
  if (oauth::has_scope(scopes, "openid")) {
    auto user = users_.find_user(exchanged->record.user_id);
    const auto* tenant = snapshot.find_tenant(exchanged->record.tenant_id);
    if (user && tenant != nullptr) {
      const Instant auth_time = json::get_int(exchanged->record.data, "latchkey.authTime")
                                    .transform(from_epoch_ms)
                                    .value_or(exchanged->record.insert_instant);
      TokenGrant in{tenant,          &application, &*user,       scopes,
                    "REFRESH_TOKEN", auth_time,    std::nullopt, std::nullopt,
                    std::nullopt,    std::nullopt, std::nullopt};
      LATCHKEY_TRY(auto id, id_tokens_.sign(in, access.token, access.expires));
      body["id_token"] = id;
    }
  }
  body["refresh_token"] = exchanged->refresh_token;
  body["refresh_token_id"] = exchanged->record.id.str();
  if (!scopes.empty()) body["scope"] = oauth::join_scopes(scopes);
  body["token_type"] = "Bearer";
  body["userId"] = exchanged->record.user_id.str();
  return body;
}

}  // namespace latchkey::services
