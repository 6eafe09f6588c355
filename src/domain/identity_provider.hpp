#pragma once
// Identity providers (spec/identity-providers-external-jwt.md) and the links that tie an
// external identity to a Latchkey user. Like every record, the FusionAuth document lives in
// `data`; the typed fields are the ones looked up or enforced.

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/json.hpp"
#include "core/uuid.hpp"

namespace latchkey::domain {

struct IdentityProvider {
  Uuid id;
  std::string type;  // "ExternalJWT"; the discriminator FusionAuth's polymorphic JSON carries
  std::string name;  // unique, ignoring case
  std::optional<Uuid> tenant_id;  // null: a global provider
  json::object data;
};

// One external identity (provider + the provider's unique user id) linked to one user.
struct IdentityProviderLink {
  Uuid identity_provider_id;
  std::string identity_provider_user_id;
  Uuid user_id;
  Uuid tenant_id;
  json::object data;  // displayName, token, insertInstant, lastLoginInstant
};

}  // namespace latchkey::domain
