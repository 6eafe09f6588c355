#pragma once
// How FusionAuth objects are shown in API answers. Secrets are left out here once, so no
// handler can forget: passwords and salts never, a non-retrievable API key never after its
// creation.

#include "core/json.hpp"
#include "domain/records.hpp"
#include "services/tenancy/api_key_service.hpp"
#include "services/users/user_service.hpp"

namespace latchkey::api {

json::object user_view(const services::UserView& user);
json::object registration_view(const domain::Registration& registration);
json::object api_key_view(const services::ApiKeyView& key);

}  // namespace latchkey::api
