#pragma once
// jwt.public-key.update (spec/webhooks-events.md): raised when the keys that sign a tenant's or
// an application's tokens change, so receivers refresh the public keys they verify with.

#include <vector>

#include "core/json.hpp"
#include "core/uuid.hpp"

namespace latchkey::services {

// Whether jwtConfiguration.accessTokenKeyId or idTokenKeyId differs between two versions of a
// tenant or application document.
bool signing_keys_changed(const json::object& before, const json::object& after);

// The event body: type and applicationIds (the applications whose signing configuration moved).
json::object public_key_update_event(const std::vector<Uuid>& application_ids);

}  // namespace latchkey::services
