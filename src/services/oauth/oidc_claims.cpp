#include "services/oauth/oidc_claims.hpp"

#include <algorithm>

#include "services/common/oauth_rules.hpp"

namespace latchkey::services {
namespace {

void copy_string(const json::object& from, std::string_view path, json::object& to,
                 std::string_view claim) {
  if (const auto value = json::get_string(from, path); value && !value->empty()) {
    to[claim] = *value;
  }
}

}  // namespace

bool scope_handling_compatibility(const domain::ApplicationSettings& application) {
  return application.oauth.scope_handling == domain::ScopeHandling::kCompatibility;
}

json::object user_claims(const domain::User& user, const std::vector<std::string>& scopes,
                         bool compatibility_policy) {
  json::object claims;
  const auto& data = user.data;
  if (compatibility_policy || oauth::has_scope(scopes, "email")) {
    if (user.email) claims["email"] = *user.email;
    claims["email_verified"] = json::get_bool(data, "verified").value_or(false);
  }
  if (oauth::has_scope(scopes, "phone")) {
    copy_string(data, "mobilePhone", claims, "phone_number");
    copy_string(data, "phoneNumber", claims, "phone_number");
    if (claims.contains("phone_number")) claims["phone_number_verified"] = false;
  }
  if (oauth::has_scope(scopes, "profile")) {
    copy_string(data, "firstName", claims, "given_name");
    copy_string(data, "middleName", claims, "middle_name");
    copy_string(data, "lastName", claims, "family_name");
    copy_string(data, "fullName", claims, "name");
    copy_string(data, "birthDate", claims, "birthdate");
    copy_string(data, "imageUrl", claims, "picture");
    copy_string(data, "timezone", claims, "zoneinfo");
    if (const auto* languages = json::get_array(data, "preferredLanguages");
        languages != nullptr && !languages->empty() && (*languages)[0].is_string()) {
      std::string locale((*languages)[0].as_string());
      std::ranges::replace(locale, '_', '-');
      claims["locale"] = locale;
    }
  }
  if ((compatibility_policy || oauth::has_scope(scopes, "profile")) && user.username) {
    claims["preferred_username"] = *user.username;
  }
  return claims;
}

json::object compatibility_userinfo_claims(const domain::User& user) {
  json::object claims;
  const auto& data = user.data;
  copy_string(data, "birthDate", claims, "birthdate");
  if (user.email) claims["email"] = *user.email;
  claims["email_verified"] = json::get_bool(data, "verified").value_or(false);
  copy_string(data, "lastName", claims, "family_name");
  copy_string(data, "firstName", claims, "given_name");
  copy_string(data, "middleName", claims, "middle_name");
  copy_string(data, "fullName", claims, "name");
  // phoneNumber wins over mobilePhone, as under Strict.
  copy_string(data, "mobilePhone", claims, "phone_number");
  copy_string(data, "phoneNumber", claims, "phone_number");
  copy_string(data, "imageUrl", claims, "picture");
  if (user.username) claims["preferred_username"] = *user.username;
  return claims;
}

std::string issuer_of(const domain::TenantSettings& tenant) { return tenant.issuer; }

}  // namespace latchkey::services
