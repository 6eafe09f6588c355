#include "api/system_configuration_handlers.hpp"
#include "app/routes.hpp"

namespace latchkey::app {

// apis/system.mdx: one instance-wide object, so no id in the path.
RouteTable system_configuration_routes() {
  return {
      {"GET", "/api/system-configuration", Auth::kApiKey, api::retrieve_system_configuration},
      {"PUT", "/api/system-configuration", Auth::kApiKey, api::update_system_configuration},
      {"PATCH", "/api/system-configuration", Auth::kApiKey, api::patch_system_configuration},
  };
}

}  // namespace latchkey::app
