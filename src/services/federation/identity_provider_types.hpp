#pragma once
// FusionAuth's identity provider types: which exist, which Latchkey runs, and each type's own
// required fields (FusionAuth's Identity Provider API, one page per type). The Identity Provider
// API stores every type; only the types Latchkey runs complete a login.
//
//   if (!is_identity_provider_type(type)) ...            // [invalid]identityProvider.type
//   check_type_fields(type, provider, validation);       // [blank]identityProvider.client_id
//   if (!runs_identity_provider_type(type)) ...          // stored, never offered or completed

#include <span>
#include <string_view>

#include "core/error.hpp"
#include "core/json.hpp"

namespace latchkey::services {

// Every IdentityProviderType FusionAuth defines.
std::span<const std::string_view> identity_provider_types();
bool is_identity_provider_type(std::string_view type);
// Whether Latchkey completes logins with providers of this type (today: ExternalJWT only).
bool runs_identity_provider_type(std::string_view type);
// Types of which FusionAuth needs no name: it defaults to the type's display name.
bool name_is_optional(std::string_view type);

// The required fields of `type` (ExternalJWT's own rules live in identity_provider_service),
// each missing one a `[blank]identityProvider.<path>` field error, and FusionAuth's defaults
// for the optional ones it documents.
void check_type_fields(std::string_view type, json::object& provider, Validation& validation);

}  // namespace latchkey::services
