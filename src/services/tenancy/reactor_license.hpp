#pragma once
// FusionAuth's Reactor API activates a paid licence. Latchkey has no licences: every feature it
// has is on for everyone, and one it lacks is not unlocked by any key. So activating answers
// success for any well-formed request (set-ups that activate a licence before configuring, as
// FusionAuth's kickstart examples do, start unchanged) and stores nothing.
//
//   LATCHKEY_CHECK(check_license_activation(body));

#include "core/json.hpp"
#include "core/result.hpp"

namespace latchkey::services {

// POST /api/reactor's body: licenseId is required (400 [blank]licenseId), license optional.
Status check_license_activation(const json::object& body);

}  // namespace latchkey::services
