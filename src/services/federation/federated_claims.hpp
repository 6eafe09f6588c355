#pragma once
// Pure rules for reading a verified external JWT through an ExternalJWT provider's settings
// (spec/identity-providers-external-jwt.md steps 4, 5 and 7): who the token names, whether
// its email domain is managed, and how claimMap copies claims onto the user and registration.
//
//   const auto identity = extract_identity(provider.data, claims);   // nullopt: 401
//   if (!email_domain_allowed(provider.data, identity->email)) ...   // 401
//   apply_claim_map(provider.data, claims, user.data, &registration.data);

#include <optional>
#include <string>
#include <string_view>

#include "core/json.hpp"

namespace latchkey::services {

// A claim by name; a name starting with "/" is a JSON pointer into nested claims (RFC 6901).
const json::value* find_claim(const json::object& claims, std::string_view name);
// The claim as text: strings as they are, numbers and booleans spelled out; nothing for
// objects, arrays, null or absence.
std::optional<std::string> claim_text(const json::object& claims, std::string_view name);

struct ExternalIdentity {
  std::string user_id;  // the link key: the provider's unique id for the user
  std::optional<std::string> email;
  std::optional<bool> email_verified;
  std::optional<std::string> username;
  // What the link shows: the email, else the username.
  [[nodiscard]] std::optional<std::string> display_name() const { return email ? email : username; }
};

// The identity a token names. Legacy providers (uniqueIdentityClaim set) key links on `sub`
// and must find the email in that claim; current ones read oauth2.uniqueIdClaim and friends.
// Nothing when the token names no one (no unique id, or no email in legacy mode).
std::optional<ExternalIdentity> extract_identity(const json::object& provider,
                                                 const json::object& claims);

// The lower-cased domain of an email address; empty when it has none.
std::string email_domain(std::string_view email);
// Whether the email may log in through this provider: any email when `domains` is empty,
// else only those whose domain is listed. No email passes: there is nothing to check.
bool email_domain_allowed(const json::object& provider, const std::optional<std::string>& email);

// Copies every mapped claim present in the token: strings to the user's fields (birthDate only
// as YYYY-MM-DD; invalid values are ignored), `timezone` to the registration, UserData and
// RegistrationData to the `data` objects under the claim's name. `registration` may be null
// (the user is not registered): registration targets are then skipped.
void apply_claim_map(const json::object& provider, const json::object& claims, json::object& user,
                     json::object* registration);

}  // namespace latchkey::services
