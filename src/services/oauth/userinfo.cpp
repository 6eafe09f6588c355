#include "services/oauth/userinfo.hpp"

#include "services/common/oauth_rules.hpp"
#include "services/oauth/oidc_claims.hpp"

namespace latchkey::services {
namespace {

using oauth::oauth_error;

Error invalid_token(std::string description, std::string reason) {
  return oauth_error(HttpStatus::kUnauthorized, "invalid_token", std::move(description),
                     std::move(reason));
}

std::vector<std::string> split_scope(const json::object& claims) {
  std::vector<std::string> scopes;
  const auto scope = json::get_string(claims, "scope").value_or("");
  std::string_view rest = scope;
  while (!rest.empty()) {
    const auto space = rest.find(' ');
    if (const auto item = rest.substr(0, space); !item.empty()) scopes.emplace_back(item);
    rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
  }
  return scopes;
}

// The user's claims in a userinfo response for this access token: under Compatibility the
// whole userinfo table whatever the scopes; under Strict what the token's scopes grant, and
// for a token without scope (the Login API's) every scope's claims, as before.
json::object userinfo_user_claims(const ConfigSnapshot& snapshot, const domain::User& user,
                                  const json::object& token_claims,
                                  const domain::Application* application) {
  if (application != nullptr && scope_handling_compatibility(*snapshot.settings(*application))) {
    return compatibility_userinfo_claims(user);
  }
  if (!token_claims.contains("scope"))
    return user_claims(user, {"email", "profile", "phone"}, true);
  return user_claims(user, split_scope(token_claims), false);
}

}  // namespace

Result<json::object> Userinfo::userinfo(const std::optional<std::string>& bearer) const {
  if (!bearer || bearer->empty()) {
    return fail(invalid_token("A bearer access token is required.", "access_token_required"));
  }
  auto authenticated = tokens_.authenticate(*bearer);
  if (!authenticated) {
    const bool expired = authenticated.error().log_detail().find("expired") != std::string::npos;
    return fail(invalid_token("The access token is invalid or expired.",
                              expired ? "access_token_expired" : "access_token_invalid")
                    .with_log_detail(authenticated.error().log_detail()));
  }
  const json::object* claims = &authenticated->claims;
  const domain::User* user = &authenticated->user;
  const auto snapshot = config_.current();
  const auto app_id = json::get_string(*claims, "aud").and_then(Uuid::parse);
  const auto* application = app_id ? snapshot->find_application(*app_id) : nullptr;
  json::object body;
  if (const auto* application_id = claims->if_contains("applicationId")) {
    body["applicationId"] = *application_id;
  }
  for (auto& [name, value] : userinfo_user_claims(*snapshot, *user, *claims, application)) {
    body[name] = value;
  }
  if (const auto* roles = claims->if_contains("roles")) body["roles"] = *roles;
  body["sub"] = user->id.str();
  return body;
}

}  // namespace latchkey::services
