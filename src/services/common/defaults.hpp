#pragma once
// FusionAuth's server-side defaults: what an omitted field of a created tenant or application
// becomes (spec/tenants-applications.md, taken from FusionAuth's domain classes).

#include "core/json.hpp"

namespace latchkey::services {

const json::object& tenant_defaults();
const json::object& application_defaults();
// The built-in FusionAuth application's own configuration.
json::object fusionauth_application_document();

}  // namespace latchkey::services
