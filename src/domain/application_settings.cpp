#include "domain/application_settings.hpp"

namespace latchkey::domain {
namespace {

std::vector<std::string> strings_of(const json::object& config, std::string_view member) {
  std::vector<std::string> out;
  if (const auto* array = json::get_array(config, member)) {
    for (const auto& item : *array) {
      if (item.is_string()) out.emplace_back(item.as_string());
    }
  }
  return out;
}

ClientAuthentication client_authentication_of(const json::object& config) {
  if (const auto policy = json::get_string(config, "clientAuthenticationPolicy")) {
    if (*policy == "NotRequired") return ClientAuthentication::kNotRequired;
    if (*policy == "NotRequiredWhenUsingPKCE") {
      return ClientAuthentication::kNotRequiredWhenUsingPkce;
    }
    return ClientAuthentication::kRequired;
  }
  return json::get_bool(config, "requireClientAuthentication").value_or(true)
             ? ClientAuthentication::kRequired
             : ClientAuthentication::kNotRequired;
}

PkcePolicy pkce_of(const json::object& config) {
  const auto policy = json::get_string(config, "proofKeyForCodeExchangePolicy");
  if (policy == "Required") return PkcePolicy::kRequired;
  if (policy == "NotRequiredWhenUsingClientAuthentication") {
    return PkcePolicy::kNotRequiredWhenUsingClientAuthentication;
  }
  return PkcePolicy::kNotRequired;
}

UnknownScopePolicy unknown_scope_of(const json::object& config) {
  const auto policy = json::get_string(config, "unknownScopePolicy");
  if (policy == "Remove") return UnknownScopePolicy::kRemove;
  if (policy == "Allow") return UnknownScopePolicy::kAllow;
  return UnknownScopePolicy::kReject;
}

OAuthConfiguration parse_oauth_configuration(const json::object* block) {
  static const json::object kEmpty;
  const json::object& config = block != nullptr ? *block : kEmpty;
  OAuthConfiguration oauth;
  oauth.client_secret = Secret(json::get_string(config, "clientSecret").value_or(""));
  oauth.authorized_redirect_urls = strings_of(config, "authorizedRedirectURLs");
  oauth.enabled_grants = strings_of(config, "enabledGrants");
  oauth.client_authentication = client_authentication_of(config);
  oauth.pkce = pkce_of(config);
  oauth.unknown_scope = unknown_scope_of(config);
  oauth.scope_handling = json::get_string(config, "scopeHandlingPolicy") == "Compatibility"
                             ? ScopeHandling::kCompatibility
                             : ScopeHandling::kStrict;
  oauth.require_registration = json::get_bool(config, "requireRegistration").value_or(false);
  oauth.generate_refresh_tokens = json::get_bool(config, "generateRefreshTokens").value_or(false);
  oauth.logout_url = json::get_string(config, "logoutURL").value_or("");
  return oauth;
}

}  // namespace

ApplicationSettings parse_application_settings(const json::object& application) {
  ApplicationSettings settings;
  settings.jwt = parse_jwt_configuration(json::get_object(application, "jwtConfiguration"));
  auto& login = settings.login;
  login.require_authentication =
      json::get_bool(application, "loginConfiguration.requireAuthentication").value_or(true);
  login.generate_refresh_tokens =
      json::get_bool(application, "loginConfiguration.generateRefreshTokens").value_or(false);
  login.allow_token_refresh =
      json::get_bool(application, "loginConfiguration.allowTokenRefresh").value_or(false);
  settings.oauth = parse_oauth_configuration(json::get_object(application, "oauthConfiguration"));
  if (const auto* scopes = json::get_array(application, "scopes")) {
    for (const auto& scope : *scopes) {
      if (!scope.is_object()) continue;
      if (const auto name = json::get_string(scope.as_object(), "name")) {
        settings.oauth.custom_scopes.push_back(*name);
      }
    }
  }
  settings.verify_registration = json::get_bool(application, "verifyRegistration").value_or(false);
  if (const auto* roles = json::get_array(application, "roles")) {
    for (const auto& role : *roles) {
      if (!role.is_object()) continue;
      const auto name = json::get_string(role.as_object(), "name");
      if (!name) continue;
      settings.role_names.insert(*name);
      if (json::get_bool(role.as_object(), "isDefault").value_or(false)) {
        settings.default_role_names.insert(*name);
      }
    }
  }
  return settings;
}

}  // namespace latchkey::domain
