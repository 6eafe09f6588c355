#include "api/theme_handlers.hpp"
#include "app/routes.hpp"

namespace latchkey::app {

// FusionAuth's Theme API (apis/themes/advanced-themes.mdx); the literal /search wins over
// {themeId} in the router.
RouteTable theme_routes() {
  return {
      {"POST", "/api/theme", Auth::kApiKey, api::create_theme},
      {"POST", "/api/theme/search", Auth::kApiKey, api::search_themes},
      {"GET", "/api/theme/search", Auth::kApiKey, api::search_themes},
      {"POST", "/api/theme/{themeId}", Auth::kApiKey, api::create_theme},
      {"GET", "/api/theme", Auth::kApiKey, api::retrieve_themes},
      {"GET", "/api/theme/{themeId}", Auth::kApiKey, api::retrieve_theme},
      {"PUT", "/api/theme/{themeId}", Auth::kApiKey, api::update_theme},
      {"PATCH", "/api/theme/{themeId}", Auth::kApiKey, api::patch_theme},
      {"DELETE", "/api/theme/{themeId}", Auth::kApiKey, api::delete_theme},
  };
}

}  // namespace latchkey::app
