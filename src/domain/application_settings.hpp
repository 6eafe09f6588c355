#pragma once
// An application's settings as typed values, parsed once from its FusionAuth document when the
// config snapshot is built (spec/tenants-applications.md, "Application fields"), so no service
// reads them out of JSON. Absent members get FusionAuth's defaults.
//
//   const ApplicationSettings settings = parse_application_settings(application.data);
//   if (settings.login.generate_refresh_tokens) ...

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "core/secret.hpp"
#include "domain/jwt_settings.hpp"

namespace latchkey::domain {

enum class ClientAuthentication { kRequired, kNotRequired, kNotRequiredWhenUsingPkce };
enum class PkcePolicy { kRequired, kNotRequired, kNotRequiredWhenUsingClientAuthentication };
enum class UnknownScopePolicy { kReject, kRemove, kAllow };
enum class ScopeHandling { kStrict, kCompatibility };

// oauthConfiguration.
struct OAuthConfiguration {
  Secret client_secret;  // clientSecret; empty when none
  // authorizedRedirectURLs and enabledGrants: their string members, in order.
  std::vector<std::string> authorized_redirect_urls;
  std::vector<std::string> enabled_grants;
  // clientAuthenticationPolicy (any other value: Required), else the older
  // requireClientAuthentication flag (true: Required, false: NotRequired).
  ClientAuthentication client_authentication = ClientAuthentication::kRequired;
  // proofKeyForCodeExchangePolicy; any other value: NotRequired.
  PkcePolicy pkce = PkcePolicy::kNotRequired;
  // unknownScopePolicy; any other value: Reject.
  UnknownScopePolicy unknown_scope = UnknownScopePolicy::kReject;
  // scopeHandlingPolicy; any other value: Strict.
  ScopeHandling scope_handling = ScopeHandling::kStrict;
  bool require_registration = false;     // requireRegistration
  bool generate_refresh_tokens = false;  // generateRefreshTokens
  std::string logout_url;                // logoutURL; empty when none
  // The application's custom OAuth scopes (application.scopes[].name, written by the OAuth
  // Scope API): known scopes, like the OpenID ones, whatever unknownScopePolicy says.
  std::vector<std::string> custom_scopes;
};

// loginConfiguration.
struct ApplicationLoginConfiguration {
  bool require_authentication = true;    // requireAuthentication: API key on /api/login
  bool generate_refresh_tokens = false;  // generateRefreshTokens: the Login API issues one
  bool allow_token_refresh = false;      // allowTokenRefresh: POST /api/jwt/refresh accepts it
};

struct ApplicationSettings {
  JwtConfiguration jwt;  // jwtConfiguration; applies when jwt.enabled
  ApplicationLoginConfiguration login;
  OAuthConfiguration oauth;
  bool verify_registration = false;  // verifyRegistration
  // roles[].name, and those with isDefault: a registration's roles must be among the first; one
  // that names none gets the second. Sorted, as registrations store them.
  std::set<std::string> role_names;
  std::set<std::string> default_role_names;
};

ApplicationSettings parse_application_settings(const json::object& application);

}  // namespace latchkey::domain
