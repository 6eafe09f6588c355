#pragma once
// The OpenID Connect claims a user's profile gives (spec/jwt-claims.md "User claims"), shared by
// the id token, userinfo, discovery and the authorization response's `iss`.
//
//   for (auto& [name, value] : user_claims(user, scopes, scope_handling_compatibility(app))) ...

#include <string>
#include <vector>

#include "core/json.hpp"
#include "domain/application_settings.hpp"
#include "domain/records.hpp"
#include "domain/tenant_settings.hpp"

namespace latchkey::services {

// The claims the user's profile gives for `scopes` (jwt-claims.md "User claims"), shared by the
// id token and userinfo. `compatibility` adds email, email_verified and preferred_username
// whatever the scopes.
json::object user_claims(const domain::User& user, const std::vector<std::string>& scopes,
                         bool compatibility);
// scopeHandlingPolicy Compatibility (FusionAuth before 1.50): the profile claims of the
// userinfo response table (seed Table 22) whatever the scopes — email, email_verified,
// given_name, middle_name, family_name, name, birthdate, phone_number, picture and
// preferred_username, each when the user has it.
json::object compatibility_userinfo_claims(const domain::User& user);
// The application's oauthConfiguration.scopeHandlingPolicy is Compatibility.
bool scope_handling_compatibility(const domain::ApplicationSettings& application);
// The tenant's `iss` (tokens, discovery and RFC 9207 authorization responses alike).
std::string issuer_of(const domain::TenantSettings& tenant);

}  // namespace latchkey::services
